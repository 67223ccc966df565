"""The time and memory `check` and `diff` need on the largest .docx the input limits let in.

`reportgen.ooxml` refuses a package whose XML part has more than `MAX_XML_ELEMENTS`
elements or `MAX_XML_BYTES` bytes. This script builds documents just inside those limits in
three shapes (many short paragraphs; a table of many cells; few paragraphs of long text),
one just outside (refused), and the compliant 100-page fixture as the baseline, then runs
`reportgen check FILE` and `reportgen diff FILE FILE2 --stat` on each in a fresh process,
printing wall time and peak memory (max RSS). The stated budget (ooxml's docstring) is
what the worst shape here needs.

Run by hand: `.venv/bin/python bench/limits.py`. The last line is
`ratio: X` = worst time inside the limits / baseline time.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from check_fixtures import good_docx  # noqa: E402

from reportgen.ooxml import MAX_XML_BYTES, MAX_XML_ELEMENTS  # noqa: E402

REPORTGEN = str(Path(sys.executable).with_name("reportgen"))


def with_body(extra: bytes) -> bytes:
    """The compliant fixture with `extra` XML inserted at the start of its body."""
    with zipfile.ZipFile(io.BytesIO(good_docx())) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = parts["word/document.xml"]
    at = doc.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = doc[:at] + extra + doc[at:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def paragraphs(elements: int, salt: str = "") -> bytes:
    para = f"<w:p><w:r><w:t>Nội dung đoạn văn {salt}</w:t></w:r></w:p>".encode()
    return para * (elements // 3)


def table(elements: int) -> bytes:
    cell = b"<w:tc><w:p><w:r><w:t>9,5</w:t></w:r></w:p></w:tc>"
    per_row = 10
    rows = elements // (per_row * 4 + 1)
    row = b"<w:tr>" + cell * per_row + b"</w:tr>"
    grid = b"<w:tblGrid>" + b'<w:gridCol w:w="900"/>' * per_row + b"</w:tblGrid>"
    return b"<w:tbl><w:tblPr/>" + grid + row * rows + b"</w:tbl>"


def long_text(size: int) -> bytes:
    words = "Ủy ban nhân dân tỉnh triển khai thực hiện kế hoạch ".encode()
    para_text = words * (20_000 // len(words))
    para = b"<w:p><w:r><w:t>" + para_text + b"</w:t></w:r></w:p>"
    return para * (size // len(para))


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MB) and exit code of one reportgen process."""
    start = time.perf_counter()
    proc = subprocess.Popen([REPORTGEN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    inside = int(MAX_XML_ELEMENTS * 0.95)
    cases = {
        "baseline: 100-page fixture": with_body(b""),
        f"{inside:,} elements of short paragraphs": with_body(paragraphs(inside)),
        f"table of {inside:,} elements": with_body(table(inside)),
        f"{int(MAX_XML_BYTES * 0.9) // 1_000_000} MB of long paragraphs": with_body(long_text(int(MAX_XML_BYTES * 0.9))),
        "just outside: elements + 10%": with_body(paragraphs(int(MAX_XML_ELEMENTS * 1.1))),
    }
    print(f"limits: {MAX_XML_ELEMENTS:,} elements and {MAX_XML_BYTES // (1024 * 1024)} MB per XML part")
    worst, base = 0.0, None
    with tempfile.TemporaryDirectory(prefix="rg-bench-limits-") as tmp:
        other = Path(tmp) / "other.docx"
        other.write_bytes(with_body(paragraphs(3_000, "khác")))
        for label, data in cases.items():
            path = Path(tmp) / "case.docx"
            path.write_bytes(data)
            c_s, c_mb, c_rc = run(["check", str(path)])
            d_s, d_mb, d_rc = run(["diff", str(path), str(other), "--stat"])
            print(f"{label:45} {len(data) // 1024:6} KB zipped | check {c_s:6.2f} s {c_mb:5} MB exit {c_rc} "
                  f"| diff {d_s:6.2f} s {d_mb:5} MB exit {d_rc}")
            if base is None:
                base = max(c_s, d_s)
            elif not label.startswith("just outside"):
                worst = max(worst, c_s, d_s)
    print(f"ratio: {worst / base:.1f}")


if __name__ == "__main__":
    main()
