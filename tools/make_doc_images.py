"""Pictures for the user guide (docs/hinh/*.png): real pages of documents built from the bundled samples.

    python tools/make_doc_images.py            # rebuilds docs/hinh/ (needs soffice and pdftoppm)

Builds the 2025 documents of the bundled project in a temporary folder, converts the chosen
ones to PDF with LibreOffice, and renders the chosen pages with pdftoppm as small grey or
colour PNGs, so that the pictures show exactly what reportgen makes. The total is kept
small (the guide is read in a browser; the repository stays light).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "hinh"
WIDTH = 620            # pixels: readable headings, small files
WIDE = 900             # a landscape sheet

# picture name → (file under outputs/2025/, page: a number, None for the first with a chart, or a
# text the page starts with, colour)
PAGES = {
    "ke-hoach-trang-1": ("ke-hoach/KH-SYT-2025.docx", 1, False),
    "bao-cao-don-vi-trang-1": ("bao-cao/BC-SYT-2025.docx", 1, False),
    "bao-cao-tong-hop-trang-1": ("BC-tong-hop-2025.docx", 1, False),
    "bao-cao-tong-hop-bieu-do": ("BC-tong-hop-2025.docx", None, True),   # the first page with a chart
    "bieu-mau-excel": ("bieu-mau/SYT-2025.xlsx", "BIỂU 2. SỐ LIỆU CHỈ TIÊU", True),
}


def main() -> None:
    sys.path.insert(0, str(REPO))
    from click.testing import CliRunner

    from reportgen.cli import cli

    with tempfile.TemporaryDirectory(prefix="reportgen-hinh-") as tmp:
        root = Path(tmp) / "du-an"
        for name in ("inputs", "templates"):
            shutil.copytree(REPO / "reportgen" / "bundled" / name, root / name)
        for args in (["build", "--year", "2025"], ["forms", "--year", "2025", "--agency", "SYT"]):
            result = CliRunner().invoke(cli, ["--root", str(root), "-q", *args])
            if result.exit_code != 0:
                raise SystemExit(result.output)
        OUT.mkdir(parents=True, exist_ok=True)
        pdf_dir = Path(tmp) / "pdf"
        sources = sorted({root / "outputs" / "2025" / f for f, _, _ in PAGES.values()})
        subprocess.run(["soffice", f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, sources)],
                       check=True, capture_output=True, timeout=600)
        for name, (source, page, colour) in PAGES.items():
            pdf = pdf_dir / (Path(source).stem + ".pdf")
            if page is None:
                page = _first_page_with_picture(pdf)
            elif isinstance(page, str):
                page = _first_page_starting(pdf, page)
            target = OUT / name
            command = ["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-scale-to-x", str(WIDE if name.startswith("bieu-mau") else WIDTH),
                       "-scale-to-y", "-1", "-singlefile"]
            if not colour:
                command.append("-gray")
            subprocess.run([*command, str(pdf), str(target)], check=True, timeout=120)
            print(f"{target.with_suffix('.png').relative_to(REPO)}: {target.with_suffix('.png').stat().st_size} byte")
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"tổng cộng {total} byte")


def _first_page_starting(pdf: Path, words: str) -> int:
    """The first page of `pdf` whose text begins with `words`."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    return next(i for i, text in enumerate(pages, 1) if text.strip().startswith(words))


def _first_page_with_picture(pdf: Path) -> int:
    """The first page of `pdf` that holds an image (the consolidated report's first chart)."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = [int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()]
    return min(pages) if pages else 1


if __name__ == "__main__":
    main()
