"""Apply each of the 17 mutations of issue 15 by hand, run the tests that guard it, revert.

Every mutation changes reachable behaviour; each must make at least one test fail. Prints
one line per mutation (`caught` / `SURVIVED`) and exits 1 if any survived.

Run: `.venv/bin/python tools/mutations17.py [N ...]` (all by default).
"""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows as it goes
DIFF = ["tests/test_diff_revisions.py", "tests/test_diff_redline.py", "tests/test_diff_format.py", "tests/test_diff_headers.py",
        "tests/test_diff_fidelity.py", "tests/test_hostile_docx.py", "tests/test_diff_reader.py"]
CHECK = ["tests/test_check_boundaries.py", "tests/test_check_rules.py", "tests/test_check_structure.py"]
XLSX = ["tests/test_xlsx_reader.py", "tests/test_hostile_inputs.py"]
COMPUTE = ["tests/test_compute_progress.py", "tests/test_compute_assessment.py", "tests/test_status_cli.py",
           "tests/test_compute_tasks.py", "tests/test_consolidated_assessment.py"]
ROUTING = ["tests/test_routing.py", "tests/test_compute_progress.py", "tests/test_documents_reorganisation.py"]

# (what, file, text, mutated text, tests)
MUTATIONS = [
    ("revisions: cellIns/cellDel accept flags swapped", "reportgen/diff/revisions.py",
     '(("cellIns", not accept), ("cellDel", accept))', '(("cellIns", accept), ("cellDel", not accept))', DIFF),
    ("redline: wp:docPr ids not advanced", "reportgen/diff/redline.py",
     "                self.next_docpr += 1\n", "                pass\n", DIFF),
    ("redline: bookmarks and comment anchors copied anyway", "reportgen/diff/redline.py",
     "if node.tag in _DROP_IN_COPIES and node.getparent() is not None:",
     "if False and node.tag in _DROP_IN_COPIES and node.getparent() is not None:", DIFF),
    ("redline: w:del always first in the mark's w:rPr", "reportgen/diff/redline.py",
     'rpr.insert(1 if tag == "del" and ins is not None else 0, self._revision(tag))',
     "rpr.insert(0, self._revision(tag))", DIFF),
    ("page: margins ±5 mm", "reportgen/data/nd30_rules.yaml",
     "margin_tolerance_mm: 0.3", "margin_tolerance_mm: 5", CHECK),
    ("body: spacing < min/2", "reportgen/check/rules/body.py",
     "if after + before < min_spacing:", "if after + before < min_spacing / 2:", CHECK),
    ("body: no lower bound on the first-line indent", "reportgen/check/rules/body.py",
     "elif not lo_cm - tol_cm <= indent_cm <= hi_cm + tol_cm:", "elif not indent_cm <= hi_cm + tol_cm:", CHECK),
    ("body: line-spacing bound +0.4", "reportgen/check/rules/body.py",
     "lines <= lines_hi + 0.01", "lines <= lines_hi + 0.4", CHECK),
    ("page1: «010» accepted as a number", "reportgen/check/rules/page1.py",
     'if (value < 10 and len(n) != 2) or (value >= 10 and n.startswith("0")):',
     "if (value < 10 and len(n) != 2):", CHECK),
    ("common: size tolerance 0.5 pt", "reportgen/check/rules/common.py",
     "not lo - 0.01 <= r.fmt.size <= hi + 0.01", "not lo - 0.5 <= r.fmt.size <= hi + 0.5", CHECK),
    ("xlsx: values ≥ −1 accepted", "reportgen/load/xlsx_cells.py", "        if value < 0:\n", "        if value < -1:\n", XLSX),
    ("xlsx: a blank Ước/Chính thức cell read as an estimate", "reportgen/load/xlsx.py",
     'fig["estimate"] = estimate is True', 'fig["estimate"] = estimate is not False', XLSX),
    ("xlsx: a %-formatted cell on a non-% indicator taken ×100 silently", "reportgen/load/xlsx_cells.py",
     "value, percent = value * 100, True", "value, percent = value * 100, False", XLSX),
    ("tracking: days_late 0 for missing bodies", "reportgen/compute/tracking.py",
     "days = late if status == LATE else overdue if status == MISSING else 0",
     "days = late if status == LATE else 0", COMPUTE),
    ("progress: the older report wins for last year's figure", "reportgen/compute/progress.py",
     '_src=-prev["reported_in"],', '_src=prev["reported_in"],', COMPUTE),
    ("assessment: no ≈ branch", "reportgen/compute/assessment.py",
     'if comparator == "≈":\n        tol, note', 'if False:\n        tol, note', COMPUTE),
    ("routing: suppliers routed without the indicator's domains", "reportgen/model/routing.py",
     "resolve_refs(plan, registry, [ind.supplier], year, ind.domains)",
     "resolve_refs(plan, registry, [ind.supplier], year)", ROUTING),
]


def main(selected: list[int]) -> int:
    survived = 0
    for n, (what, rel, text, mutant, tests) in enumerate(MUTATIONS, 1):
        if selected and n not in selected:
            continue
        path = REPO / rel
        original = path.read_text(encoding="utf-8")
        if original.count(text) != 1:
            print(f"{n:2}. {what}: the code to mutate is not found once in {rel}; update this list")
            survived += 1
            continue
        path.write_text(original.replace(text, mutant), encoding="utf-8")
        try:
            proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                                  cwd=REPO, capture_output=True, text=True)
        finally:
            path.write_text(original, encoding="utf-8")
        failed = [line for line in proc.stdout.splitlines() if line.startswith("FAILED")]
        if proc.returncode == 0:
            survived += 1
            print(f"{n:2}. {what}: SURVIVED")
        else:
            print(f"{n:2}. {what}: caught by {failed[0][7:].split(' - ')[0] if failed else 'an error'}")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]]))
