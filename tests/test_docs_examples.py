"""Every YAML and JSON example in the user guides validates, so the guides cannot rot.

Each example block in `docs/*.md`, `README.md` and `inputs/README.md` is preceded by a
comment `<!-- kiểm tra: KIND -->` saying what it is; a block without one fails this test.
Whole files (a submission, an overlay, the secretariat's file) are put into a copy of the
bundled project and loaded the way `reportgen validate` loads them; fragments (an agency, a
task, an indicator, a signer) are validated with their model and their codes looked up in
the bundled plan and registry; `envelope` examples are checked against docs/json-schema.json.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.load import load_project
from reportgen.load.source import SourceDoc
from reportgen.load.validation import validate

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
GUIDES = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md", BUNDLED / "inputs" / "README.md"]
BLOCK = re.compile(r"(?:<!--\s*kiểm tra:\s*(?P<kind>[\w-]+)\s*-->\s*\n)?```(?P<lang>yaml|json)\n(?P<body>.*?)```", re.S)


def examples() -> list[tuple[str, str, str, str]]:
    out = []
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for i, m in enumerate(BLOCK.finditer(text), 1):
            out.append((f"{guide.relative_to(REPO)}#{i}", m["kind"] or "", m["lang"], m["body"]))
    return out


EXAMPLES = examples()


def test_the_guides_have_examples():
    kinds = {kind for _, kind, _, _ in EXAMPLES}
    assert {"submission", "secretariat", "overlay", "agency", "task", "indicator", "signer", "envelope"} <= kinds


@pytest.fixture(scope="module")
def bundled():
    return load_project(BUNDLED.parent / "bundled", year=2025)


def _data(lang: str, body: str):
    return json.loads(body) if lang == "json" else yaml.safe_load(body)


@pytest.mark.parametrize(("where", "kind", "lang", "body"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_validates(where: str, kind: str, lang: str, body: str, tmp_path: Path, bundled):
    assert kind, f"{where}: an example block needs <!-- kiểm tra: KIND --> before it"
    data = _data(lang, body)
    if kind in ("submission", "overlay", "secretariat", "amendment"):
        _whole_file(kind, lang, body, data, tmp_path)
    elif kind == "envelope":
        import jsonschema

        schema = json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
    else:
        _fragment(kind, data, bundled)


def _whole_file(kind: str, lang: str, body: str, data: dict, root: Path) -> None:
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, root / name)
    inputs = root / "inputs"
    if kind == "submission":
        folder = inputs / "submissions" / str(data["year"])
        for old in folder.glob(f"{data['agency']}.*"):
            old.unlink()      # the bundled sample of the same body would be a second report
        path = folder / f"{data['agency']}.{lang}"
    elif kind == "overlay":
        for old in (inputs / "overlays").glob(f"{data['agency']}*.yaml"):
            old.unlink()
        path = inputs / "overlays" / f"{data['agency']}-{data.get('year', 'all')}.yaml"
    elif kind == "amendment":
        for old in (inputs / "amendments").glob("*.yaml"):
            old.unlink()      # the bundled sample changes the same items on the same day
        path = inputs / "amendments" / "vi-du.yaml"
    else:
        path = inputs / "secretariat" / f"{data['year']}.yaml"
    path.write_text(body, encoding="utf-8")
    project = load_project(root, year=data.get("year"))
    rel = path.relative_to(root).as_posix()
    errors = [str(p) for p in project.errors]
    assert errors == [], "\n".join(errors)
    if kind == "submission":
        assert any(s.file == rel for subs in project.submissions.values() for s in subs)


def _fragment(kind: str, data: dict, bundled) -> None:
    from reportgen.model import Agency
    from reportgen.model.plan import Indicator, Task
    from reportgen.model.signer import Signer

    model = {"agency": Agency, "task": Task, "indicator": Indicator, "signer": Signer}[kind]
    obj, problems = validate(model, SourceDoc("ví dụ", data))
    assert problems == [], [str(p) for p in problems]
    plan, registry = bundled.plan, bundled.registry
    if kind == "task":
        groups = {g.key for g in plan.groups}
        for ref in obj.lead + obj.partners:
            assert ref[1:] in groups if ref.startswith("@") else ref in registry, ref
        assert obj.section in {s.number for s in plan.sections}
    elif kind == "indicator":
        assert obj.group in {g.key for g in plan.indicator_groups}
        assert obj.supplier is None or obj.supplier in registry
    elif kind == "agency":
        for rule in obj.successors:
            assert rule.body in registry, rule.body
