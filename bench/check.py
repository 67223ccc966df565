"""Time `reportgen check` on a 100-page report, against python-docx merely reading it.

Run by hand: `.venv/bin/python bench/check.py`. The document is the compliant test
fixture grown to 1,400 more body paragraphs and a 60-row indicator table: 101 pages when
LibreOffice renders it. Prints the median of several runs of each, then `ratio: X` = baseline / check
(above 1 means check is faster than python-docx opening the file). Goal: check < 0.5 s.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from check_fixtures import good_docx  # noqa: E402
from docx import Document  # noqa: E402

from reportgen.check import check_docx  # noqa: E402

RUNS = 7


def median_seconds(func) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_docx_read(data: bytes) -> int:
    doc = Document(io.BytesIO(data))
    return sum(len(p.text) for p in doc.paragraphs)


def main() -> None:
    data = good_docx(body_paragraphs=1400, table_rows=60)
    findings = check_docx(data)
    paragraphs = len(Document(io.BytesIO(data)).paragraphs)
    print(f"document: {len(data) / 1024:.0f} KiB, {paragraphs} body paragraphs, {len(findings)} findings")
    check_s = median_seconds(lambda: check_docx(data))
    base_s = median_seconds(lambda: python_docx_read(data))
    print(f"check (median of {RUNS}): {check_s:.3f} s  (goal < 0.5 s)")
    print(f"python-docx open + iterate paragraphs (median of {RUNS}): {base_s:.3f} s")
    print(f"ratio: {base_s / check_s:.2f}")


if __name__ == "__main__":
    main()
