"""The page count `check` estimates decides "one page or more" as LibreOffice lays it out.

Decree 30 numbers pages from the second: the checker only asks a document of two pages
or more for a page number, so the estimate must tell one page from more (issue 11, item 9).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from check_fixtures import (
    W,
    break_docx,
    good_docx,
    good_plan_docx,
    one_page_letter_docx,
    para,
    section_pr,
)
from lxml import etree

from reportgen.check.document import read_document
from reportgen.check.pages import page_count
from reportgen.ooxml import DocxPackage


def _pages(data: bytes) -> int:
    return page_count(read_document(DocxPackage.open(data)))


def _page_break(root) -> None:
    r = etree.SubElement(para(root, "Sở Y tế đã ban hành"), f"{W}r")
    etree.SubElement(r, f"{W}br").set(f"{W}type", "page")


def _continuous_appendix(root) -> None:
    """The plan's first appendix section starts on the same page (w:type continuous)."""
    body = root.find(f"{W}body")
    first = next(body.iterfind(f"{W}p/{W}pPr/{W}sectPr"))
    kind = etree.Element(f"{W}type")
    kind.set(f"{W}val", "continuous")
    first.insert(0, kind)


def test_forced_pages_and_estimated_height():
    assert _pages(one_page_letter_docx()) == 1
    assert _pages(break_docx(one_page_letter_docx(), _page_break)) == 2
    assert _pages(good_docx(body_paragraphs=60)) >= 3
    plan = _pages(good_plan_docx())
    assert plan >= 3  # the plan, then each appendix on pages of its own
    assert _pages(break_docx(good_plan_docx(), _continuous_appendix)) <= plan


def test_word_own_page_breaks_count():
    """`w:lastRenderedPageBreak` marks where Word started a page when it last saved the file."""
    def rendered(root):
        r = para(root, "Sở Y tế đã ban hành").find(f"{W}r")
        r.insert(0, etree.Element(f"{W}lastRenderedPageBreak"))
    assert _pages(break_docx(one_page_letter_docx(), rendered)) == 2


def test_a_taller_page_holds_more():
    def tall(root):
        section_pr(root).find(f"{W}pgSz").set(f"{W}h", "40000")
    long = good_docx(body_paragraphs=20)
    assert _pages(break_docx(long, tall)) < _pages(long)


@pytest.fixture(scope="module")
def libreoffice_pages(tmp_path_factory):
    """Pages of each sample as LibreOffice lays it out (PDF), by name."""
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    assert soffice and pdfinfo, "LibreOffice and poppler (pdfinfo) are required for this test"
    tmp = tmp_path_factory.mktemp("pages")
    samples = {
        "letter": one_page_letter_docx(),
        "report": good_docx(),
        "report-30": good_docx(body_paragraphs=30),
        "report-80": good_docx(body_paragraphs=80, table_rows=20),
        "plan": good_plan_docx(),
    }
    for name, data in samples.items():
        (tmp / f"{name}.docx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), *[str(tmp / f"{n}.docx") for n in samples]],
                   check=True, capture_output=True, timeout=180)
    out = {}
    for name, data in samples.items():
        info = subprocess.run([pdfinfo, str(tmp / f"{name}.pdf")], check=True, capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        out[name] = (data, pages)
    return out


@pytest.mark.parametrize("name", ["letter", "report", "report-30", "report-80", "plan"])
def test_one_page_or_more_as_libreoffice_lays_it_out(libreoffice_pages, name):
    data, pages = libreoffice_pages[name]
    estimate = _pages(data)
    assert (estimate > 1) == (pages > 1), (estimate, pages)
    assert abs(estimate - pages) <= max(1, pages // 4), (estimate, pages)
