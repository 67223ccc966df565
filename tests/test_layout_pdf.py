"""Layout as LibreOffice lays it out: the signature never alone on a page, numbers never cut by a column.

KH-SYT 2025 and a ward's report put the signature alone on a page before the closing
paragraph was kept with it; "điều dưỡng viên/10.000 dân" was broken inside the number by a
narrow column; a long ward name wrapped the year of the place and date line. All documents are converted in one soffice call.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from render_helpers import built_project

from reportgen.render.pdf import convert_to_pdf

DOCUMENTS = [(2025, "ke-hoach/KH-SYT-2025.docx"), (2025, "bao-cao/BC-UBND_P_DAO_DUY_TU-2025.docx"),
             (2025, "bao-cao/BC-SYT-2025.docx"), (2025, "ke-hoach/KH-SNV-2025.docx"), (2024, "ke-hoach/KH-SYT-2024.docx"),
             (2024, "bao-cao/BC-SYT-2024.docx"), (2025, "bao-cao/BC-UBND_P_QUANG_TRUNG-2025.docx"),
             (2025, "ke-hoach/KH-UBND_P_QUANG_TRUNG-2025.docx")]

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice and poppler are installed by `make test`")


@functools.lru_cache(maxsize=1)
def _pdfs(tmp: str) -> dict[tuple[int, str], Path]:
    copies = []
    for year, name in DOCUMENTS:
        target = Path(tmp) / f"{year}-{Path(name).name}"
        shutil.copyfile(built_project(year) / "outputs" / str(year) / name, target)
        copies.append(target)
    return dict(zip(DOCUMENTS, convert_to_pdf(copies, timeout=300), strict=True))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[int, str], Path]:
    return _pdfs(str(tmp_path_factory.mktemp("layout-pdf")))


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode("utf-8", "replace")


def _pages(pdf: Path) -> list[list[str]]:
    count = int(re.search(r"Pages:\s+(\d+)", _tool("pdfinfo", str(pdf))).group(1))
    return [[line.strip() for line in _tool("pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-")
             .splitlines() if line.strip()] for n in range(1, count + 1)]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d[0]}-{Path(d[1]).stem}")
def test_signature_shares_its_page_with_the_closing_paragraph(pdfs, document):
    pages = _pages(pdfs[document])
    (page,) = [p for p in pages if any(line.startswith("Nơi nhận:") for line in p)]
    body = [line for line in page if not re.fullmatch(r"\d+", line)]
    at = next(i for i, line in enumerate(body) if line.startswith("Nơi nhận:"))
    assert at > 0, "the signature block opens its page"
    assert any(line.endswith("./.") for line in body[:at]), body[:at + 1]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d[0]}-{Path(d[1]).stem}")
def test_no_page_holds_only_its_number(pdfs, document):
    for number, page in enumerate(_pages(pdfs[document]), start=1):
        assert [line for line in page if not re.fullmatch(r"\d+", line)], f"page {number} is empty"


def test_numbers_are_not_cut_by_a_narrow_column(pdfs):
    text = "\n".join(line for page in _pages(pdfs[(2025, "bao-cao/BC-SYT-2025.docx")]) for line in page)
    assert "10.000" in text
    assert not re.search(r"10\.(?!000)|(?<![\d.])000 dân", text)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d[0]}-{Path(d[1]).stem}")
def test_place_and_date_stay_on_one_line(pdfs, document):
    """`Phường Quang Trung, ngày 04 tháng 12 năm 2025` is the longest line of the page-1 block."""
    first = _pages(pdfs[document])[0]
    line = next(line for line in first if re.search(r", ngày\b", line))
    assert re.search(rf"ngày .*tháng .*năm {document[0]}$", line), line
