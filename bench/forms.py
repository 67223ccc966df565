"""Time writing and reading the fill-in forms of the bundled plan, against bare openpyxl.

Run by hand: `.venv/bin/python bench/forms.py [--year 2025]`. Writes the form of every
body expected to report (182 bodies in 2025: the 166 communes and the provincial bodies),
then reads each back. Baselines, in the same process: openpyxl saving a workbook with the
same cell values and no styles, validations or protection; and openpyxl merely loading
each form. Prints seconds per form and `ratio` = baseline / ours (1 would be no overhead).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportgen.forms import bodies_with_forms, build_form, form_content  # noqa: E402
from reportgen.load import load_project  # noqa: E402
from reportgen.load.xlsx import read_submission_xlsx  # noqa: E402


def bare_workbook(content) -> bytes:
    """The same text in plain cells: what openpyxl costs with nothing of ours on top."""
    wb = openpyxl.Workbook()
    tasks = wb.create_sheet("Nhiệm vụ")
    for i, t in enumerate(content.tasks, start=4):
        tasks.append([i - 3, t.code, t.content, t.role])
    figures = wb.create_sheet("Chỉ tiêu")
    for i, ind in enumerate(content.indicators, start=4):
        figures.append([i - 3, ind.code, ind.name, ind.unit, ind.target])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2025)
    year = parser.parse_args().year
    project = load_project(ROOT, year=year - 1)
    plan, registry = project.plan, project.registry
    codes = bodies_with_forms(plan, registry, year)
    contents = [form_content(plan, registry, c, year, project.submissions_for(year - 1)) for c in codes]

    start = time.perf_counter()
    forms = [build_form(c) for c in contents]
    ours_write = time.perf_counter() - start
    start = time.perf_counter()
    for c in contents:
        bare_workbook(c)
    base_write = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for code, data in zip(codes, forms, strict=True):
            path = Path(tmp) / f"{code}-{year}.xlsx"
            path.write_bytes(data)
            paths.append(path)
        start = time.perf_counter()
        for path in paths:
            read_submission_xlsx(path, path.name, plan, registry)
        ours_read = time.perf_counter() - start
        start = time.perf_counter()
        for path in paths:
            openpyxl.load_workbook(path, data_only=True)
        base_read = time.perf_counter() - start

    n = len(forms)
    print(f"{n} forms for {year}, {sum(len(f) for f in forms) / n / 1024:.0f} KiB each on average")
    print(f"write: {ours_write / n * 1000:.1f} ms/form (bare openpyxl {base_write / n * 1000:.1f} ms), "
          f"ratio: {base_write / ours_write:.2f}")
    print(f"read:  {ours_read / n * 1000:.1f} ms/form (openpyxl load only {base_read / n * 1000:.1f} ms), "
          f"ratio: {base_read / ours_read:.2f}")


if __name__ == "__main__":
    main()
