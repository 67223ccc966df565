"""Benchmark: `reportgen diff` on drafts made of thousands of equal paragraphs.

Such drafts (a form with the same line repeated, a pasted list) made the old block
alignment, `difflib.SequenceMatcher(autojunk=False)` over the paragraph texts, quadratic:
8,000 equal paragraphs took 14 s and 20,000 did not finish in 40 s. Each draft here has N
equal paragraphs with edits at both ends and one paragraph inserted in the middle, so
neither the common prefix nor the suffix covers the work.

For each N the script times, in this process:
- `sequence.opcodes` (the alignment reportgen uses now) on the paragraph texts;
- `SequenceMatcher(autojunk=False)` on the same texts (the old alignment; baseline), only
  up to N = 8,000 because beyond it takes minutes;
- the whole `reportgen diff OLD NEW --redline OUT` command, in process.
and checks that the change list is exactly the planted edits. The last line is
`ratio: X` = baseline time / reportgen alignment time at N = 8,000.

Run: `.venv/bin/python bench/diff_repeats.py`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

import docx
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.diff import compare_docx
from reportgen.diff.sequence import Meter, opcodes

SIZES = (2_000, 8_000, 20_000, 40_000)   # 40,000 paragraphs: near the 150,000-element limit
BASELINE_MAX = 8_000


def drafts(n: int) -> tuple[list[str], list[str]]:
    old = ["Mở đầu bản cũ."] + ["Nội dung lặp lại giống nhau."] * n + ["Kết thúc bản cũ."]
    new = ["Mở đầu bản mới."] + ["Nội dung lặp lại giống nhau."] * (n // 2) + ["Đoạn chèn thêm ở giữa."] \
        + ["Nội dung lặp lại giống nhau."] * (n // 2) + ["Kết thúc bản mới."]
    return old, new


def to_docx(paragraphs: list[str], path: Path) -> None:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(path)


def main() -> None:
    ratio = None
    with tempfile.TemporaryDirectory(prefix="rg-bench-repeats-") as tmp:
        for n in SIZES:
            old, new = drafts(n)
            meter = Meter()
            start = time.perf_counter()
            opcodes(old, new, meter)
            ours = time.perf_counter() - start
            line = f"N={n:6,}: alignment {ours:7.3f} s ({meter.work:,} work units)"
            if n <= BASELINE_MAX:
                start = time.perf_counter()
                SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
                base = time.perf_counter() - start
                line += f" | SequenceMatcher {base:7.3f} s"
                if n == BASELINE_MAX:
                    ratio = base / ours
            a, b, out = Path(tmp) / "a.docx", Path(tmp) / "b.docx", Path(tmp) / "r.docx"
            to_docx(old, a)
            to_docx(new, b)
            start = time.perf_counter()
            result = CliRunner().invoke(cli, ["diff", str(a), str(b), "--stat", "--redline", str(out), "--force"])
            command = time.perf_counter() - start
            summary = compare_docx(a, b).summary()
            ok = summary == {"insert": 1, "delete": 0, "change": 2, "move": 0} and result.exit_code == 1
            line += f" | diff --redline {command:6.2f} s {'planted edits found' if ok else 'WRONG: ' + str(summary)}"
            print(line, flush=True)
            if not ok:
                sys.exit("the planted edits were not found exactly")
    print(f"ratio: {ratio:.0f}")


if __name__ == "__main__":
    main()
