"""Headers and footers are paired by section and type; one found only in OLD is redlined where
NEW has a header of that type for that section, and otherwise named in a note."""

from __future__ import annotations

import io

import docx
from diff_helpers import W, accepted, paragraph_texts, rejected, xml_of
from lxml import etree

from reportgen.diff import compare_docx, redline_docx
from reportgen.ooxml import NS, DocxPackage, deterministic_zip, serialize_xml

DATE = "2024-12-10T09:30:00Z"
_W = f"{{{W}}}"


def _save(d: docx.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _first_page_doc(default: str | None, first: str) -> bytes:
    """One section; a default header (if given) made before the first-page header."""
    d = docx.Document()
    d.add_paragraph("Thân văn bản.")
    section = d.sections[0]
    if default is not None:
        section.header.paragraphs[0].text = default
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = first
    return _save(d)


def _two_sections(first: str | None, second: str) -> bytes:
    """Two sections with their own default headers (the first one left out when None)."""
    d = docx.Document()
    d.add_paragraph("Phần một.")
    if first is not None:
        d.sections[0].header.paragraphs[0].text = first
    d.add_section()
    d.add_paragraph("Phần hai.")
    header = d.sections[1].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = second
    return _save(d)


def _header_part(data: bytes, section: int, kind: str = "default") -> str:
    pkg = DocxPackage.open(data)
    sects = list(pkg.xml("word/document.xml").iter(_W + "sectPr"))
    ref = next(r for r in sects[section - 1].findall(_W + "headerReference") if r.get(_W + "type") == kind)
    return pkg.related_parts()[ref.get(f"{{{NS['r']}}}id")][1]


def test_a_header_is_compared_with_the_header_of_the_same_type():
    old = _first_page_doc("UBND TỈNH THANH HÓA", "Trang bìa dự thảo lần 1")
    new = _first_page_doc(None, "Trang bìa dự thảo lần 2")
    diff = compare_docx(old, new)
    assert [(c.kind, c.where(), c.old_text, c.new_text) for c in diff.changes] == [
        ("change", "Đầu trang", "Trang bìa dự thảo lần 1", "Trang bìa dự thảo lần 2"),
        ("delete", "Đầu trang 1", "UBND TỈNH THANH HÓA", ""),
    ]
    red = redline_docx(diff, author="A", date=DATE)
    part = _header_part(new, 1, "first")
    assert paragraph_texts(accepted(red), part) == ["Trang bìa dự thảo lần 2"]
    assert paragraph_texts(rejected(red), part) == ["Trang bìa dự thảo lần 1"]  # not OLD's default header
    assert diff.notes == ["Đầu trang 1: chỉ có trong bản cũ; bản mới không có đầu trang riêng loại này "
                          "(phần 1 của văn bản, mặc định), nên không thể hiện được trong tệp đánh dấu thay đổi."]


def test_an_old_header_goes_into_new_header_of_its_section():
    """OLD has headers in sections 1 and 2, NEW only in section 2: OLD's section-2 header is
    redlined into NEW's, and OLD's section-1 header is named in a note."""
    old = _two_sections("Đầu trang phần một", "Đầu trang phần hai, bản cũ")
    new = _two_sections(None, "Đầu trang phần hai, bản mới")
    diff = compare_docx(old, new)
    assert [(c.kind, c.where()) for c in diff.changes] == [("change", "Đầu trang"), ("delete", "Đầu trang 1")]
    red = redline_docx(diff, author="A", date=DATE)
    part = _header_part(new, 2)
    assert paragraph_texts(accepted(red), part) == ["Đầu trang phần hai, bản mới"]
    assert paragraph_texts(rejected(red), part) == ["Đầu trang phần hai, bản cũ"]
    ids = [el.get(_W + "id") for el in xml_of(red, part).iter(_W + "ins", _W + "del")]
    assert ids and len(set(ids)) == len(ids)
    assert "phần 1 của văn bản, mặc định" in diff.notes[0] and "không có đầu trang riêng" in diff.notes[0]


def test_a_header_new_shares_between_sections_is_named_in_a_note():
    old = _two_sections("Đầu trang phần một", "Đầu trang phần hai")
    one = _two_sections("Đầu trang chung", "tạm")
    pkg = DocxPackage.open(one)
    doc = pkg.xml("word/document.xml")
    first, second = list(doc.iter(_W + "sectPr"))[:2]
    for ref in second.findall(_W + "headerReference"):
        second.remove(ref)
    second.insert(0, etree.fromstring(etree.tostring(first.find(_W + "headerReference"))))
    new = deterministic_zip({**pkg.parts, "word/document.xml": serialize_xml(doc)})
    diff = compare_docx(old, new)
    assert [(c.kind, c.where()) for c in diff.changes] == [("change", "Đầu trang"), ("delete", "Đầu trang 2")]
    redline_docx(diff, author="A", date=DATE)
    assert "đầu trang dùng chung" in diff.notes[0] and "phần 2 của văn bản, mặc định" in diff.notes[0]


def test_footers_are_paired_the_same_way():
    def doc(default: str | None, first: str) -> bytes:
        d = docx.Document()
        d.add_paragraph("Thân.")
        section = d.sections[0]
        if default is not None:
            section.footer.paragraphs[0].text = default
        section.different_first_page_header_footer = True
        section.first_page_footer.paragraphs[0].text = first
        return _save(d)

    diff = compare_docx(doc("Trang 1", "Nơi nhận cũ"), doc(None, "Nơi nhận mới"))
    assert [(c.kind, c.where(), c.new_text) for c in diff.changes] == [
        ("change", "Chân trang", "Nơi nhận mới"), ("delete", "Chân trang 1", "")]
