"""Time converting a whole year's documents to PDF with the pool, against one `soffice` call per document.

Run by hand: `.venv/bin/python bench/pdf.py [--year 2025] [--baseline N]`. Builds the
year's documents of the bundled samples into a temporary folder (357 in 2025: 182 plans,
174 agency reports, the consolidated report), converts them all with
`reportgen.render.pdf.convert_batch` (2 workers, a chunk of documents per LibreOffice run),
and checks that every PDF is there and complete: the run fails on any failure.

Baseline, in the same run: the plain way, one `soffice --convert-to pdf` process per
document (what a script calling LibreOffice per file does), all sharing one profile folder
made beforehand by an untimed conversion (as a user's own profile would be). It is slow
(about 2 s a document here), so by default it converts `--baseline` documents spread over
the kinds and the per-document time is scaled to the whole year; `--baseline 0` converts
every document. Prints both times and `ratio` = baseline / pool.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportgen.pipeline import build  # noqa: E402
from reportgen.render.pdf import convert_batch, is_complete_pdf, require_soffice  # noqa: E402


def one_call_per_document(exe: str, documents: list[Path], work: Path) -> float:
    """Seconds for converting each document in its own LibreOffice process (one warm profile)."""
    profile = work / "profile"

    def convert(doc: Path, out: Path) -> None:
        subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out), str(doc)],
                       capture_output=True, check=False, timeout=600)
        if not is_complete_pdf(out / f"{doc.stem}.pdf"):
            raise SystemExit(f"baseline: no PDF for {doc.name}")

    convert(documents[0], work / "warm-up")          # makes the profile, untimed
    start = time.perf_counter()
    for i, doc in enumerate(documents):
        convert(doc, work / f"out-{i}")
    return time.perf_counter() - start


def spread(documents: list[Path], count: int) -> list[Path]:
    """`count` documents taken at even steps through the list (every kind is represented)."""
    if count <= 0 or count >= len(documents):
        return documents
    step = len(documents) / count
    return [documents[int(i * step)] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--baseline", type=int, default=30, help="documents for the baseline (0: all)")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    exe = require_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-pdf-") as tmp:
        work = Path(tmp)
        project = work / "project"
        project.mkdir()
        for name in ("inputs", "templates"):
            (project / name).symlink_to(ROOT / "reportgen" / "bundled" / name)
        result = build(project, year=args.year)
        documents = [b.path for b in result.documents]
        print(f"{len(documents)} documents of {args.year}")

        done = 0

        def progress(name: str, finished: int, total: int) -> None:
            nonlocal done
            done = finished
            if finished % 50 == 0 or finished == total:
                print(f"  {finished}/{total}", flush=True)

        start = time.perf_counter()
        converted = convert_batch(documents, workers=args.workers, on_progress=progress)
        pool = time.perf_counter() - start
        missing = [d for d in documents if not is_complete_pdf(d.with_suffix(".pdf"))]
        print(f"pool: {len(converted.converted)} converted, {len(converted.failed)} failed, "
              f"{converted.retried} retried, {pool:.1f} s ({pool / len(documents):.2f} s a document)")
        for failure in converted.failed:
            print(f"  failed: {failure.source.name}: {failure.reason}")
        if converted.failed or missing or done != len(documents):
            raise SystemExit(f"FAILED: {len(converted.failed)} failures, {len(missing)} PDFs missing or incomplete")

        sample = spread(documents, args.baseline)
        base_dir = work / "baseline"
        base_dir.mkdir()
        base = one_call_per_document(exe, sample, base_dir)
        per_doc = base / len(sample)
        estimated = per_doc * len(documents)
        how = "measured" if len(sample) == len(documents) else f"{len(sample)} documents measured, scaled"
        print(f"baseline (one soffice call per document): {per_doc:.2f} s a document, "
              f"{estimated:.1f} s for {len(documents)} ({how})")
        print(f"ratio: {estimated / pool:.2f}")


if __name__ == "__main__":
    main()
