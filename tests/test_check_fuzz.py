"""Damaged XML inside a valid package: findings or a clean refusal, never a crash.

Seeded random mutations of the good document's parts (elements removed or duplicated,
attributes set to garbage such as `1e400`, `nan`, huge integers), each checked.
"""

from __future__ import annotations

import copy
import random

from check_fixtures import good_docx, good_plan_docx, header_part, pack, parts_of
from lxml import etree

from reportgen.check import check_docx
from reportgen.errors import UnreadableFileError

GARBAGE = ["", "-1", "0", "1e400", "nan", "abc", "99999999999999999999", "Ω", "-99999999", "true", "none"]


def _mutate(root: etree._Element, rng: random.Random) -> None:
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for _ in range(rng.randint(1, 4)):
        el = rng.choice(elements)
        action = rng.random()
        if action < 0.35 and el.getparent() is not None:
            el.getparent().remove(el)
            elements = [e for e in root.iter() if isinstance(e.tag, str)]
        elif action < 0.5 and el.getparent() is not None:
            el.addnext(copy.deepcopy(el))
        elif el.attrib:
            el.set(rng.choice(list(el.attrib)), rng.choice(GARBAGE))


def test_mutated_documents_never_crash():
    good = good_docx()
    _fuzz(good, ["word/document.xml", "word/styles.xml", header_part(good), "word/settings.xml"],
          seed=20241208, cases=100)


def test_mutated_plans_never_crash():
    """The plan adds sections numbered from 1, a footnote and a text box to mutate."""
    _fuzz(good_plan_docx(), ["word/document.xml", "word/footnotes.xml", "word/styles.xml"],
          seed=20250402, cases=60)


def _fuzz(good: bytes, names: list[str], *, seed: int, cases: int) -> None:
    """Mutate one part per case; check must answer with findings or UnreadableFileError, never crash."""
    rng = random.Random(seed)
    for case in range(cases):
        parts = parts_of(good)
        name = names[case % len(names)]
        root = etree.fromstring(parts[name])
        _mutate(root, rng)
        parts[name] = etree.tostring(root)
        try:
            findings = check_docx(pack(parts))
        except UnreadableFileError:
            continue
        assert all(f.message and f.location and f.rule_id for f in findings)
