"""Benchmark: `reportgen diff --redline` against the redline peers from PyPI, on a 100-page pair.

Builds two drafts of about 100 pages (800 paragraphs under numbered headings and a
60-row table) with a few dozen scattered edits (words and figures changed, paragraphs
inserted, deleted and moved, headings renumbered, table cells and rows changed, a few
phrases made bold), then in the same run times:

- reportgen: the `reportgen diff OLD NEW --redline OUT` command, in process;
- python-redlines with its Docxodus engine (`pip install python-redlines python-redlines-docxodus`);
- jubarte-redlines (`pip install jubarte-redlines`).

Each output is checked with reportgen's own accept/reject routine (accept all → NEW's
text, reject all → OLD's, paragraph by paragraph, tables included). reportgen's change
list must also match the planted edits exactly. A peer that is not installed or fails
is reported and left out. The last line is `ratio: X` = fastest peer time / reportgen time.

Run: `.venv/bin/python bench/diff.py` (peers are bench-only, not project dependencies).
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import docx

from reportgen.diff.revisions import resolve_package
from reportgen.diff.text import paragraph_text
from reportgen.ooxml import NS, DocxPackage

WORDS = ("công tác chỉ đạo điều hành triển khai thực hiện kế hoạch nhiệm vụ giải pháp sở ngành "
         "địa phương ủy ban nhân dân tỉnh huyện xã kết quả đạt được tiếp tục tăng cường kiểm tra "
         "giám sát đánh giá tổng hợp báo cáo định kỳ hằng năm chương trình mục tiêu quốc gia nông "
         "thôn mới chuyển đổi số hạ tầng dịch vụ công trực tuyến người dân doanh nghiệp hỗ trợ "
         "đào tạo nguồn nhân lực chất lượng cao y tế giáo dục văn hóa xã hội môi trường").split()
PARAGRAPHS = 800
SECTION = 20  # paragraphs per numbered heading
ROWS = 60
REPEATS_OURS = 5
REPEATS_PEER = 2


def main() -> None:
    old_blocks, new_blocks, expected = build_pair(random.Random(68))
    old, new = to_docx(old_blocks), to_docx(new_blocks)
    old_texts, new_texts = texts(old), texts(new)
    print(f"drafts: {len(old_texts)} paragraphs (tables included) in OLD, {len(new_texts)} in NEW; "
          f"{sum(expected.values())} planted edits {expected}")
    with tempfile.TemporaryDirectory(prefix="rg-bench-diff-") as tmp:
        a, b = Path(tmp) / "old.docx", Path(tmp) / "new.docx"
        a.write_bytes(old)
        b.write_bytes(new)
        ours, found = time_reportgen(a, b, Path(tmp))
        out = (Path(tmp) / "redline-0.docx").read_bytes()
        print(f"reportgen: {ours:.3f} s  changes {found}  "
              f"{'all planted edits found' if found == expected else 'MISSED OR EXTRA CHANGES'}  "
              f"{check(out, old_texts, new_texts)}")
        if found != expected:
            sys.exit("reportgen did not find exactly the planted edits")
        peers = {}
        for name, run in (("python-redlines (Docxodus)", run_docxodus), ("jubarte-redlines", run_jubarte)):
            try:
                seconds, data = best_of(REPEATS_PEER, lambda run=run: run(a, b, old, new))
            except Exception as exc:  # a peer that cannot install or run here is reported, not fatal
                print(f"{name}: not run ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})")
                continue
            peers[name] = seconds
            print(f"{name}: {seconds:.3f} s  {check(data, old_texts, new_texts)}")
    if not peers:
        print("no peer could run: no ratio")
        print("ratio: n/a")
        return
    fastest = min(peers, key=peers.get)
    print(f"fastest peer: {fastest}")
    print(f"ratio: {peers[fastest] / ours:.1f}")


# --- the drafts ----------------------------------------------------------------------------


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    figure = f"{rng.randint(1, 99)}.{rng.randint(100, 999)}"
    words.insert(rng.randint(1, n - 1), f"{figure} hộ, đạt {rng.randint(50, 99)},{rng.randint(0, 9)}%")
    return " ".join(words).capitalize() + "."


def build_pair(rng: random.Random):
    """OLD and NEW as block lists, and the change counts the edits should produce."""
    paras = [sentence(rng, rng.randint(45, 60)) + f" (đoạn {i})" for i in range(PARAGRAPHS)]
    rows = [["TT", "Mã", "Chỉ tiêu", "Giá trị"]] + [
        [str(i), f"B{i:02d}", f"Chỉ tiêu số {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
         f"{rng.randint(10, 99)},{rng.randint(0, 9)}"] for i in range(1, ROWS)]
    n_sections = PARAGRAPHS // SECTION
    heads = [f"{s + 1}. Nhiệm vụ nhóm {s + 1}: " + " ".join(rng.choice(WORDS) for _ in range(5))
             for s in range(n_sections)]

    spots = list(range(2, PARAGRAPHS - 2, 4))  # every 4th paragraph: edits never touch each other
    rng.shuffle(spots)
    take = lambda k: sorted(spots.pop() for _ in range(k))  # noqa: E731
    changed, inserted, deleted, moved, bolded = take(20), take(6), take(6), take(2), take(4)
    new_paras: list[str | None] = list(paras)
    for i in changed:
        words = new_paras[i].split(" ")
        j = rng.randrange(1, len(words) - 3)
        words[j] = "điều chỉnh" if not words[j][0].isdigit() else words[j]
        words[j + 1] = f"{rng.randint(100, 999)}.{rng.randint(100, 999)}"
        new_paras[i] = " ".join(words)
    for i in deleted:
        new_paras[i] = None
    extra = {i: f"Đoạn bổ sung số {k + 1} về chuyển đổi số và cải cách hành chính năm 2025." for k, i in enumerate(inserted)}
    moved_text = {i: paras[i] for i in moved}
    for i in moved:
        new_paras[i] = None
    renumbered = [3, 7, 12]

    def blocks(version: str):
        out = []
        for s in range(n_sections):
            head = heads[s]
            if version == "new" and s in renumbered:
                head = head.replace(f"{s + 1}. ", f"{s + 1}.{s + 1}. ", 1)
            out.append(("h", head))
            for i in range(s * SECTION, (s + 1) * SECTION):
                if version == "old":
                    out.append(paras[i])
                    continue
                if i in bolded:
                    out.append(("b", new_paras[i], (10, 40)))  # a phrase made bold: a formatting change
                elif new_paras[i] is not None:
                    out.append(new_paras[i])
                if i in extra:
                    out.append(extra[i])
            if s == n_sections // 2:
                out.append(("table", table(version)))
        if version == "new":
            out.extend(moved_text[i] for i in moved)  # moved to the end
        return out

    cell_changes, rows_added, rows_gone = [5, 17, 29, 41, 53], [20, 45], [10, 33]

    def table(version: str):
        if version == "old":
            return rows
        out = []
        for r, row in enumerate(rows):
            if r in rows_gone:
                continue
            row = list(row)
            if r in cell_changes:
                row[3] = row[3] + "1"
            out.append(row)
            if r in rows_added:
                out.append([f"{r}a", f"C{r:02d}", "Chỉ tiêu mới bổ sung " + str(r), "1,0"])
        return out

    expected = {"insert": len(inserted) + len(rows_added), "delete": len(deleted) + len(rows_gone),
                "change": len(changed) + len(renumbered) + len(cell_changes), "move": len(moved),
                "format": len(bolded)}
    return blocks("old"), blocks("new"), expected


def to_docx(blocks) -> bytes:
    d = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
        elif block[0] == "h":
            d.add_heading(block[1], level=2)
        elif block[0] == "b":
            text, (start, end) = block[1], block[2]
            p = d.add_paragraph(text[:start])
            p.add_run(text[start:end]).bold = True
            p.add_run(text[end:])
        else:
            rows = block[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    t.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- runs ----------------------------------------------------------------------------------


def time_reportgen(a: Path, b: Path, tmp: Path) -> tuple[float, dict]:
    from click.testing import CliRunner

    from reportgen.cli import cli
    from reportgen.diff import compare_docx

    runner = CliRunner()
    times = []
    for k in range(REPEATS_OURS):
        out = tmp / f"redline-{k}.docx"
        start = time.perf_counter()
        result = runner.invoke(cli, ["diff", str(a), str(b), "--redline", str(out), "--stat",
                                     "--author", "bench", "--date", "2024-12-10"])
        times.append(time.perf_counter() - start)
        if result.exit_code != 1:
            sys.exit(f"reportgen diff failed: {result.output}")
    return min(times), compare_docx(a, b).summary()


def run_docxodus(a: Path, b: Path, old: bytes, new: bytes) -> bytes:
    from python_redlines.engines import DocxodusEngine

    data, _, _ = DocxodusEngine().run_redline("bench", str(a), str(b))
    return data


def run_jubarte(a: Path, b: Path, old: bytes, new: bytes) -> bytes:
    import jubarte_redlines

    return jubarte_redlines.compare_documents(old, new, author="bench", date="2024-12-10T00:00:00Z")


def best_of(n: int, fn):
    best, data = None, None
    for _ in range(n):
        start = time.perf_counter()
        data = fn()
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return best, data


# --- checks --------------------------------------------------------------------------------


def texts(data: bytes) -> list[str]:
    root = DocxPackage.open(data).xml("word/document.xml")
    w = NS["w"]
    return [unicodedata.normalize("NFC", paragraph_text(p)) for p in root.iter(f"{{{w}}}p")
            if not any(a.tag == f"{{{w}}}txbxContent" for a in p.iterancestors())]


def check(redline: bytes, old_texts: list[str], new_texts: list[str]) -> str:
    """'accept=NEW reject=OLD' when the redline proves itself, else where it goes wrong."""
    acc = texts(resolve_package(redline, accept=True))
    rej = texts(resolve_package(redline, accept=False))
    return f"accept→NEW {_verdict(acc, new_texts)}, reject→OLD {_verdict(rej, old_texts)}"


def _verdict(got: list[str], want: list[str]) -> str:
    if got == want:
        return "ok"
    bad = next((i for i, (x, y) in enumerate(zip(got, want, strict=False)) if x != y), min(len(got), len(want)))
    return f"MISMATCH (paragraph {bad + 1}; {len(got)} vs {len(want)} paragraphs)"


if __name__ == "__main__":
    main()
