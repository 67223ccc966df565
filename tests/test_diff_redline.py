"""The redline: NEW's .docx with tracked changes; accept all gives NEW, reject all gives OLD.

The proof is paragraph by paragraph (body and tables), with reportgen's own accept/reject
routine, on our file and on the file LibreOffice writes after opening ours.
"""

from __future__ import annotations

import io

import docx
import pytest
from diff_helpers import (
    W,
    accepted,
    make_docx,
    paragraph_texts,
    rejected,
    soffice_batch,
    soffice_roundtrip,
    tiny_png,
    xml_of,
)
from diff_pairs import known_pair

from reportgen.diff import compare_docx, default_redline_date, redline_docx
from reportgen.ooxml import DocxPackage

DATE = "2024-12-10T09:30:00Z"


def _redline(old: bytes, new: bytes, **kw) -> bytes:
    return redline_docx(compare_docx(old, new), author=kw.get("author", "Văn phòng"), date=kw.get("date", DATE))


T = ("table", [["Mã", "Giá trị"], ["B01", "10"], ["B02", "20"]])
T2 = ("table", [["Mã", "Giá trị"], ["B01", "11"], ["B03", "30"]])
LONG = [f"Đoạn văn bản số {i} nói về kết quả thực hiện nhiệm vụ thứ {i}." for i in range(1, 7)]

def _cell_with_table(inner: bool, *, paragraph_after: bool = True) -> bytes:
    """A table whose first cell holds a paragraph and, if `inner`, a nested table (followed by
    a paragraph, as Word writes it, unless `paragraph_after` is False)."""
    d = docx.Document()
    d.add_paragraph("Trước bảng.")
    table = d.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "Ô một."
    if inner:
        nested = cell.add_table(rows=1, cols=2)
        nested.cell(0, 0).text, nested.cell(0, 1).text = "Mã", "Giá trị"
        if paragraph_after:
            cell.add_paragraph("Sau bảng con.")
    table.cell(0, 1).text = "Ô hai."
    d.add_paragraph("Sau bảng.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


PAIRS = {
    "known edits": known_pair,
    "last paragraphs deleted": lambda: (make_docx(LONG), make_docx(LONG[:4])),
    "paragraphs added at the end": lambda: (make_docx(LONG[:3]), make_docx(LONG)),
    "paragraph deleted before a table": lambda: (make_docx([LONG[0], LONG[1], T, LONG[2]]), make_docx([LONG[0], T, LONG[2]])),
    "paragraph inserted before a table": lambda: (make_docx([LONG[0], T, LONG[2]]), make_docx([LONG[0], LONG[1], T, LONG[2]])),
    "end rewritten": lambda: (make_docx(LONG[:3] + ["Một nội dung cũ.", "Hai nội dung cũ."]),
                              make_docx(LONG[:3] + ["Ba điều khác hẳn.", "Bốn điều khác hẳn.", "Năm điều mới."])),
    "table inserted and deleted": lambda: (make_docx([LONG[0], T, LONG[1], LONG[2]]),
                                           make_docx([LONG[0], LONG[1], ("table", [["X", "Y", "Z"]]), LONG[2]])),
    "rows and cells": lambda: (make_docx([LONG[0], T, LONG[1]]), make_docx([LONG[0], T2, LONG[1]])),
    "everything replaced": lambda: (make_docx(["Cũ một.", "Cũ hai."]), make_docx(["Khác ba.", "Khác bốn.", "Khác năm."])),
    "first paragraphs deleted": lambda: (make_docx(LONG), make_docx(LONG[2:])),
    "table at the very end deleted": lambda: (make_docx(LONG[:2] + [T]), make_docx(LONG[:2])),
    "paragraph and table at the end deleted": lambda: (make_docx(LONG[:2] + [T]), make_docx(LONG[:1])),
    "table at the very end inserted": lambda: (make_docx(LONG[:2]), make_docx(LONG[:2] + [T])),
    "table and last paragraph deleted": lambda: (make_docx([LONG[0], T, LONG[1]]), make_docx([LONG[0]])),
    "table and last paragraph inserted": lambda: (make_docx([LONG[0]]), make_docx([LONG[0], T, LONG[1]])),
    "table and paragraph deleted before a table": lambda: (make_docx([LONG[0], T, LONG[1], T2, LONG[2]]),
                                                           make_docx([LONG[0], T2, LONG[2]])),
    "nested table deleted at the end of a cell": lambda: (_cell_with_table(True), _cell_with_table(False)),
    "nested table inserted at the end of a cell": lambda: (_cell_with_table(False), _cell_with_table(True)),
    "nested table ending a cell deleted": lambda: (_cell_with_table(True, paragraph_after=False),
                                                   _cell_with_table(False)),
}

# LibreOffice (7.4) drops a revision on a paragraph mark that sits right before a table when
# it opens a file, and never removes the last paragraph of the body or of a cell. So when a
# whole table and the paragraph after it, the last of its container, are deleted (or
# inserted), no paragraph mark can carry the change that LibreOffice would honour: its Accept
# All (Reject All) leaves one empty paragraph there. reportgen's own routine, and the rule
# of spec/ooxml-redline.md it follows (the mark goes on the paragraph before), get it right.
LIBREOFFICE_LEAVES_AN_EMPTY_PARAGRAPH = {
    "table and last paragraph deleted", "table and last paragraph inserted",
    "table and paragraph deleted before a table", "nested table deleted at the end of a cell",
    "nested table inserted at the end of a cell", "nested table ending a cell deleted",
}


@pytest.mark.parametrize("name", PAIRS)
def test_accept_all_gives_new_and_reject_all_gives_old(name):
    old, new = PAIRS[name]()
    red = _redline(old, new)
    assert paragraph_texts(accepted(red)) == paragraph_texts(new)
    assert paragraph_texts(rejected(red)) == paragraph_texts(old)


def test_headers_are_redlined_too():
    old, new = known_pair()
    red = _redline(old, new)
    part = next(n for n in DocxPackage.open(red).parts if n.startswith("word/header"))
    assert paragraph_texts(accepted(red), part) == ["ỦY BAN NHÂN DÂN TỈNH THANH HÓA"]
    assert paragraph_texts(rejected(red), part) == ["UBND TỈNH THANH HÓA"]


def test_revisions_follow_the_ooxml_rules():
    old, new = known_pair()
    red = _redline(old, new)
    ids = []
    for name in DocxPackage.open(red).parts:
        if not (name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name):
            continue
        root = xml_of(red, name)
        for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del"):
            ids.append(el.get(f"{{{W}}}id"))
            assert el.get(f"{{{W}}}author") == "Văn phòng"
            assert el.get(f"{{{W}}}date") == DATE
        for d in root.iter(f"{{{W}}}del"):
            if d.getparent().tag == f"{{{W}}}rPr" or d.getparent().tag == f"{{{W}}}trPr":
                continue
            assert not list(d.iter(f"{{{W}}}t")), "w:t inside w:del"
            assert list(d.iter(f"{{{W}}}delText"))
            assert not any(a.tag == f"{{{W}}}ins" for a in d.iterancestors()), "w:del inside w:ins"
        for t in root.iter(f"{{{W}}}delText"):
            assert any(a.tag == f"{{{W}}}del" for a in t.iterancestors())
            assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert len(ids) == len(set(ids)) and len(ids) > 20
    assert min(int(i) for i in ids) > 0


def test_whole_paragraphs_and_rows_mark_their_paragraph_mark_and_row():
    old, new = known_pair()
    body = xml_of(_redline(old, new))
    inserted = [p for p in body.iter(f"{{{W}}}p") if "".join(p.itertext()) == "Đoạn mới bổ sung về chuyển đổi số."]
    assert inserted[0].find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins") is not None
    deleted = [p for p in body.iter(f"{{{W}}}p") if "".join(p.itertext()) == "Đoạn này sẽ bị xóa khỏi dự thảo mới."]
    assert deleted[0].find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None
    rows = {"".join(tr.itertext()): tr for tr in body.iter(f"{{{W}}}tr")}
    assert rows["B08Số xã đạt chuẩn nông thôn mới120"].find(f"{{{W}}}trPr/{{{W}}}del") is not None
    assert rows["B10Số trường đạt chuẩn quốc gia45"].find(f"{{{W}}}trPr/{{{W}}}ins") is not None
    # The mark revision comes first in the paragraph's run properties.
    rpr = deleted[0].find(f"{{{W}}}pPr/{{{W}}}rPr")
    assert rpr[0].tag == f"{{{W}}}del"


def test_changed_words_keep_the_formatting_of_their_runs():
    old = make_docx([("bold", "Tổng số 13.787 hộ được hỗ trợ.")])
    new = make_docx([("bold", "Tổng số 13.878 hộ được hỗ trợ.")])
    body = xml_of(_redline(old, new))
    ins_run = body.find(f".//{{{W}}}ins/{{{W}}}r")
    del_run = body.find(f".//{{{W}}}del/{{{W}}}r")
    assert ins_run.findtext(f"{{{W}}}t") == "13.878" and ins_run.find(f"{{{W}}}rPr/{{{W}}}b") is not None
    assert del_run.findtext(f"{{{W}}}delText") == "13.787" and del_run.find(f"{{{W}}}rPr/{{{W}}}b") is not None
    texts = ["".join(r.itertext()) for r in body.iter(f"{{{W}}}r")]
    assert texts == ["Tổng số ", "13.787", "13.878", " hộ được hỗ trợ."]


def test_new_formatting_and_styles_are_preserved():
    old, new = known_pair()
    red = _redline(old, new)
    assert DocxPackage.open(red).parts["word/styles.xml"] == DocxPackage.open(new).parts["word/styles.xml"]
    heading = next(p for p in xml_of(red).iter(f"{{{W}}}p") if "NHIỆM VỤ" in "".join(p.itertext()))
    assert heading.find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val") == "Heading1"


def test_output_is_deterministic_and_dated_from_new_properties():
    old, new = known_pair()
    first = _redline(old, new)
    assert first == _redline(old, new)
    diff = compare_docx(old, new)
    assert default_redline_date(diff) == "2024-12-10T08:00:00Z"
    assert _redline(old, new, author="Khác") != first


def test_ids_start_above_existing_ids():
    old, new = known_pair()
    d = docx.Document(io.BytesIO(new))
    # A bookmark with a high id already in NEW.
    from lxml import etree

    p = d.paragraphs[1]._p
    etree.SubElement(p, f"{{{W}}}bookmarkStart", {f"{{{W}}}id": "500", f"{{{W}}}name": "muc_1"})
    etree.SubElement(p, f"{{{W}}}bookmarkEnd", {f"{{{W}}}id": "500"})
    buf = io.BytesIO()
    d.save(buf)
    red = _redline(old, buf.getvalue())
    ids = [int(el.get(f"{{{W}}}id")) for el in xml_of(red).iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert min(ids) == 501


def _with_picture(text_before: str, with_picture: bool) -> bytes:
    d = docx.Document()
    d.add_paragraph(text_before)
    if with_picture:
        d.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    d.add_paragraph("Đoạn kết thúc văn bản có nội dung.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_deleted_picture_is_copied_with_its_relationship():
    old = _with_picture("Ảnh minh họa dưới đây.", True)
    new = _with_picture("Ảnh minh họa đã bỏ.", False)
    red = _redline(old, new)
    pkg = DocxPackage.open(red)
    media = [n for n in pkg.parts if n.startswith("word/media/reportgen-old-")]
    assert media and pkg.parts[media[0]] == tiny_png()
    body = pkg.xml("word/document.xml")
    blip = body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    rels = pkg.related_parts("word/document.xml")
    assert rels[rid][1] == media[0]
    assert any(a.tag == f"{{{W}}}del" for a in blip.iterancestors())
    lo = soffice_roundtrip(red)
    assert paragraph_texts(accepted(lo)) == paragraph_texts(new)


def test_libreoffice_opens_the_redline_and_keeps_every_change():
    """LibreOffice reads the tracked changes and writes them back; accept/reject its file too."""
    for name in ("known edits", "end rewritten", "paragraph deleted before a table"):
        old, new = PAIRS[name]()
        lo = soffice_roundtrip(_redline(old, new))
        assert paragraph_texts(accepted(lo)) == paragraph_texts(new), name
        assert paragraph_texts(rejected(lo)) == paragraph_texts(old), name
        assert list(xml_of(lo).iter(f"{{{W}}}del")), name  # the changes are still tracked


def test_libreoffice_accept_all_and_reject_all_give_new_and_old():
    """LibreOffice's own Accept All / Reject All on each redline, against LibreOffice's reading of
    NEW and OLD (it drops the empty paragraph Word-less files may end a table with)."""
    names = [n for n in PAIRS if n not in LIBREOFFICE_LEAVES_AN_EMPTY_PARAGRAPH]
    jobs = []
    for name in names:
        old, new = PAIRS[name]()
        red = _redline(old, new)
        jobs += [(red, "accept"), (red, "reject"), (new, "save"), (old, "save")]
    out = soffice_batch(jobs)
    for k, name in enumerate(names):
        acc, rej, lo_new, lo_old = out[4 * k:4 * k + 4]
        assert paragraph_texts(acc) == paragraph_texts(lo_new), name
        assert paragraph_texts(rej) == paragraph_texts(lo_old), name


def test_the_paragraph_before_carries_the_mark_of_a_trailing_deleted_run_with_a_table():
    old, new = PAIRS["table and last paragraph deleted"]()
    body = xml_of(_redline(old, new)).find(f"{{{W}}}body")
    kinds = [(c.tag.rsplit("}", 1)[1], "".join(c.itertext())) for c in body]
    assert [k for k, _ in kinds] == ["p", "tbl", "p", "sectPr"]
    first, last = body[0], body[2]
    assert first.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None
    assert last.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is None
    assert all(tr.find(f"{{{W}}}trPr/{{{W}}}del") is not None for tr in body[1].iter(f"{{{W}}}tr"))


def _picture_doc(png: bytes) -> bytes:
    d = docx.Document()
    d.add_paragraph("Biểu đồ kết quả thực hiện năm 2024.")
    p = d.add_paragraph("Hình 1: ")
    p.add_run().add_picture(io.BytesIO(png))
    d.add_paragraph("Đoạn kết thúc văn bản có nội dung.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_swapped_picture_is_replaced_whole():
    old, new = _picture_doc(tiny_png()), _picture_doc(_recolour())
    diff = compare_docx(old, new)
    assert [(c.kind, c.where()) for c in diff.changes] == [("change", "Đoạn 2")]
    from reportgen.diff.render_text import change_text

    assert change_text(diff.changes[0], plain=True).plain.strip() == "Hình 1: [-[hình/khung]-]{+[hình/khung]+}"
    red = redline_docx(diff, author="A", date=DATE)
    body = xml_of(red)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    blips = list(body.iter(f"{a}blip"))
    assert len(blips) == 2
    assert any(x.tag == f"{{{W}}}del" for x in blips[0].iterancestors())
    assert any(x.tag == f"{{{W}}}ins" for x in blips[1].iterancestors())
    assert compare_docx(old, old).equal


def _recolour() -> bytes:
    """The same 2×2 PNG in blue (rebuilt so its checksums stay valid)."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    raw = b"".join(b"\x00" + b"\x00\x00\xff" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
