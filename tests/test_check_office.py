"""Documents saved by a real office suite (LibreOffice) are read the same way.

LibreOffice rewrites the whole package: complex PAGE fields instead of simple ones, its
own styles part and property order. A compliant document must still pass, and a broken
one must still give exactly its findings.
"""

from __future__ import annotations

import shutil
import subprocess

from check_fixtures import (
    FOOTNOTE_TEXT,
    TEXT_BOX_TEXT,
    break_docx,
    good_docx,
    good_plan_docx,
    para,
    set_run,
    set_text,
)

from reportgen.check import check_docx
from reportgen.check.document import read_document
from reportgen.ooxml import DocxPackage


def _broken(root):
    set_text(para(root, "Thanh Hóa,"), "Thanh Hóa, ngày 08 tháng 03 năm 2024")
    set_run(para(root, "Nơi nhận"), u="single")


def test_documents_saved_by_libreoffice(tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required for this test"
    (tmp_path / "tot.docx").write_bytes(good_docx())
    (tmp_path / "hong.docx").write_bytes(break_docx(good_docx(), _broken))
    (tmp_path / "ke-hoach.docx").write_bytes(good_plan_docx())
    out = tmp_path / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
         str(tmp_path / "tot.docx"), str(tmp_path / "hong.docx"), str(tmp_path / "ke-hoach.docx")],
        check=True, capture_output=True, timeout=120,
    )
    assert check_docx(out / "tot.docx") == []
    found = check_docx(out / "hong.docx")
    assert sorted(f.rule_id for f in found) == ["date-text", "noi-nhan-label"]
    # The plan: LibreOffice writes each section's headers out and saves the text box as a
    # DrawingML choice with a VML fallback; the footnote and the box are still read once.
    assert check_docx(out / "ke-hoach.docx") == []
    doc = read_document(DocxPackage.open(out / "ke-hoach.docx"))
    assert [p.stripped for p in doc.notes] == [FOOTNOTE_TEXT]
    assert [p.stripped for p in doc.text_boxes] == [TEXT_BOX_TEXT]
    assert [s.page_start for s in doc.sections] == [None, 1, 1]
