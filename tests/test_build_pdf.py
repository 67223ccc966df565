"""Generated documents opened in LibreOffice: pages, Times New Roman (or its metric twin), page numbers,
and the sample mark on every page of a document built from sample data.

The documents are converted by the PDF pool (`reportgen.render.pdf`).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from render_helpers import built_project

from reportgen.render.mark import SAMPLE_MARK
from reportgen.render.pdf import convert_to_pdf

DOCUMENTS = ["ke-hoach/KH-SYT-2024.docx", "ke-hoach/KH-UBND_H_NGA_SON-2024.docx", "bao-cao/BC-SYT-2024.docx",
             "bao-cao/BC-UBND_TP_THANH_HOA-2024.docx"]
ACCEPTED_FONTS = ("TimesNewRoman", "Times New Roman", "LiberationSerif")
SAMPLES = {"ke-hoach/KH-SYT-2024.docx", "bao-cao/BC-SYT-2024.docx", "bao-cao/BC-UBND_TP_THANH_HOA-2024.docx"}


@functools.lru_cache(maxsize=1)
def _pdfs(tmp: str) -> dict[str, Path]:
    out = built_project(2024) / "outputs" / "2024"
    folder = Path(tmp)
    copies = []
    for name in DOCUMENTS:
        target = folder / Path(name).name
        shutil.copyfile(out / name, target)
        copies.append(target)
    pdfs = convert_to_pdf(copies, timeout=240)
    return {name: pdf for name, pdf in zip(DOCUMENTS, pdfs, strict=True)}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    return _pdfs(str(tmp_path_factory.mktemp("pdf")))


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode("utf-8", "replace")


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _tool("pdfinfo", str(pdf))).group(1))


def _all_lines(pdf: Path, page: int) -> list[str]:
    text = _tool("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _page_lines(pdf: Path, page: int) -> list[str]:
    """The page's lines without the sample mark (checked on its own below)."""
    return [line for line in _all_lines(pdf, page) if line != SAMPLE_MARK]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_from_sample_data_carry_the_mark_on_every_page(pdfs, name):
    """The overlay of SYT and the bundled submissions are samples; Nga Sơn's plan uses no sample input."""
    pdf = pdfs[name]
    marked = [SAMPLE_MARK in _all_lines(pdf, page)[:3] for page in range(1, _pages(pdf) + 1)]
    assert all(marked) if name in SAMPLES else not any(marked)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_has_pages_and_only_times_new_roman(pdfs, name):
    pdf = pdfs[name]
    assert pdf.name == Path(name).with_suffix(".pdf").name
    assert _pages(pdf) >= 2
    rows = _tool("pdffonts", str(pdf)).splitlines()[2:]
    fonts = {row.split()[0].split("+")[-1] for row in rows if row.strip()}
    assert fonts, "no font in the PDF"
    assert all(f.startswith(ACCEPTED_FONTS) for f in fonts), fonts


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_one_has_no_number_and_page_two_has_it_centred_on_top(pdfs, name):
    pdf = pdfs[name]
    first = _page_lines(pdf, 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first[0]
    assert not re.fullmatch(r"\d+", first[0])
    second = _page_lines(pdf, 2)
    assert second[0] == "2"


def test_landscape_appendix_restarts_its_numbering(pdfs):
    pdf = pdfs["ke-hoach/KH-SYT-2024.docx"]
    pages = _pages(pdf)
    starts = [p for p in range(1, pages + 1) if any(line == "Phụ lục" for line in _page_lines(pdf, p)[:2])]
    assert len(starts) == 1
    first_appendix = _page_lines(pdf, starts[0])
    assert first_appendix[0] == "Phụ lục"          # no number on the appendix's first page
    if starts[0] < pages:
        assert _page_lines(pdf, starts[0] + 1)[0] == "2"
    size = _tool("pdfinfo", "-f", str(starts[0]), "-l", str(starts[0]), str(pdf))
    width, height = map(float, re.search(r"size:\s+([\d.]+) x ([\d.]+)", size).groups())
    assert width > height                               # landscape


def test_plan_command_with_pdf_writes_the_pdf_next_to_the_docx(tmp_path: Path):
    from click.testing import CliRunner
    from render_helpers import copy_project

    from reportgen.cli import cli

    root = copy_project(tmp_path)
    result = CliRunner().invoke(cli, ["--root", str(root), "plan", "SYT", "--year", "2024", "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = root / "outputs" / "2024" / "ke-hoach" / "KH-SYT-2024.pdf"
    assert pdf.is_file() and _pages(pdf) >= 2
    assert "đã tạo + PDF" in result.output
