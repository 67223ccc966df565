"""`check` on real administrative documents: under 5% of its findings may be false positives.

The corpus (tests/fixtures/real, listed in sources.yaml) is real documents of a provincial
People's Committee and its departments, a ministry, and the decree's own appendix files.
Each has its expected findings in expected/<name>.yaml, decided by reading the document
against Decree 30, not by running the checker. The .docx files are not committed
(`tools/real_corpus.py fetch` brings them, checking each sha256); without them the
measurement skips and only the corpus's own consistency is tested.
"""

from __future__ import annotations

import pytest
from real_corpus import EXPECTED, REAL, compare, expected_findings, sources, table

from reportgen.check import check_docx
from reportgen.check.facts import load_facts
from reportgen.check.findings import group

MAX_FALSE_POSITIVE_RATE = 0.05
MAX_MISS_RATE = 0.05
DECREE_FILES = "nd30-"  # names of the decree's own appendix files


def test_every_document_has_expected_findings_and_a_source():
    names = {s.name for s in sources()}
    assert len(names) >= 20
    assert names == {p.stem for p in EXPECTED.glob("*.yaml")}
    assert len(names) == len(sources())


def test_expected_findings_name_real_rules_with_their_severity():
    rules = load_facts().rules
    for source in sources():
        for e in expected_findings(source.name):
            assert e.rule in rules, (source.name, e.rule)
            assert e.severity == rules[e.rule].severity, (source.name, e.rule)
            assert e.where and ": «" not in e.where, (source.name, e.where)


@pytest.fixture(scope="module")
def measured():
    present = [s for s in sources() if s.present()]
    if not present:
        pytest.skip(f"no corpus document in {REAL}: run `python tools/real_corpus.py fetch`")
    out = []
    for source in present:
        findings = check_docx(source.file)
        out.append((compare(source.name, findings, expected_findings(source.name)), findings))
    return out


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def test_false_positives_stay_under_five_percent(measured):
    results = [r for r, _ in measured]
    found = sum(r.found for r in results)
    false = sum(len(r.false_positives) for r in results)
    real = [r for r in results if not r.name.startswith(DECREE_FILES)]
    real_found = sum(r.found for r in real)
    real_false = sum(len(r.false_positives) for r in real)
    lines = sum(len(group(f)) for _, f in measured)
    false_lines = sum(
        1 for r, f in measured for first, places in group(f)
        if all((first.rule_id, p) in r.false_positives for p in places)
    )
    print()
    print(table(results))
    print(f"documents: {len(results)}; findings: {found}; false positives: {false} "
          f"({_rate(false, found):.1%}); report lines: {lines}, all false: {false_lines} "
          f"({_rate(false_lines, lines):.1%})")
    print(f"without the decree's own files: {real_false}/{real_found} ({_rate(real_false, real_found):.1%})")
    assert _rate(false, found) < MAX_FALSE_POSITIVE_RATE, table(results)


def test_few_expected_findings_are_missed(measured):
    results = [r for r, _ in measured]
    expected = sum(len(expected_findings(r.name)) for r in results)
    missed = sum(len(r.misses) for r in results)
    print(f"\nmissed: {missed} of {expected} expected ({_rate(missed, expected):.1%})")
    assert _rate(missed, expected) < MAX_MISS_RATE, table(results)


def test_matched_findings_have_the_expected_severity(measured):
    wrong = [(r.name, w) for r, _ in measured for w in r.wrong_severity]
    assert not wrong
