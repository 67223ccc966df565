"""Reading a draft: blocks with text and stable locations; hostile files refused quickly."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from diff_helpers import W, edit_document_xml, make_docx, with_footnotes
from lxml import etree

from reportgen.cli.common import exit_code_for
from reportgen.diff import compare_docx, read_blocks, read_draft
from reportgen.errors import UnreadableFileError


def test_blocks_in_reading_order_with_locations():
    data = with_footnotes(make_docx(
        [("h1", "I. KẾT QUẢ THỰC HIỆN"), "Tổng số 13.787 hộ.", ("table", [["Mã", "Giá trị"], ["B07", "74,3"]]),
         "Đoạn cuối."],
        header="UBND TỈNH THANH HÓA", footer="Trang 1"), ["Theo Kế hoạch 68/KH-UBND."])
    blocks = read_blocks(data)
    got = [(b.kind, b.location.label, b.location.path, b.text) for b in blocks]
    assert got == [
        ("paragraph", "Đoạn 1", "body/p1", "I. KẾT QUẢ THỰC HIỆN"),
        ("paragraph", "Đoạn 2", "body/p2", "Tổng số 13.787 hộ."),
        ("row", "Bảng 1, hàng 1", "body/t1/r1", "Mã | Giá trị"),
        ("row", "Bảng 1, hàng 2", "body/t1/r2", "B07 | 74,3"),
        ("paragraph", "Đoạn 3", "body/p3", "Đoạn cuối."),
        ("paragraph", "Đầu trang", "header1/p1", "UBND TỈNH THANH HÓA"),
        ("paragraph", "Chân trang", "footer1/p1", "Trang 1"),
        ("paragraph", "Chú thích 1", "footnote1/p1", " Theo Kế hoạch 68/KH-UBND."),
    ]
    assert blocks[0].heading == 1 and blocks[1].heading is None
    assert blocks[3].cells == ("B07", "74,3")


def test_list_labels_and_heading_levels():
    import docx

    d = docx.Document()
    d.add_heading("Mục lớn", level=1)
    d.add_heading("Mục nhỏ", level=2)
    for text in ("Việc thứ nhất", "Việc thứ hai"):
        d.add_paragraph(text, style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    blocks = read_blocks(buf.getvalue())
    assert [b.heading for b in blocks] == [1, 2, None, None]
    assert [b.list_label for b in blocks[2:]] == ["1.", "2."]
    assert [b.text for b in blocks[2:]] == ["Việc thứ nhất", "Việc thứ hai"]  # labels are not text


def test_tabs_breaks_and_hyperlink_runs_are_text():
    def edit(root):
        p = root.find(f".//{{{W}}}p")
        link = etree.SubElement(p, f"{{{W}}}hyperlink")
        r = etree.SubElement(link, f"{{{W}}}r")
        etree.SubElement(r, f"{{{W}}}tab")
        t = etree.SubElement(r, f"{{{W}}}t")
        t.text = "liên kết"
        etree.SubElement(r, f"{{{W}}}br")

    data = edit_document_xml(make_docx(["Xem"]), edit)
    assert read_blocks(data)[0].text == "Xem\tliên kết\n"


def test_existing_tracked_changes_are_read_as_accepted():
    def edit(root):
        p = root.find(f".//{{{W}}}p")
        ins = etree.SubElement(p, f"{{{W}}}ins", {f"{{{W}}}id": "1", f"{{{W}}}author": "A",
                                                  f"{{{W}}}date": "2024-01-01T00:00:00Z"})
        etree.SubElement(etree.SubElement(ins, f"{{{W}}}r"), f"{{{W}}}t").text = " mới"
        dele = etree.SubElement(p, f"{{{W}}}del", {f"{{{W}}}id": "2", f"{{{W}}}author": "A",
                                                   f"{{{W}}}date": "2024-01-01T00:00:00Z"})
        etree.SubElement(etree.SubElement(dele, f"{{{W}}}r"), f"{{{W}}}delText").text = " cũ"

    data = edit_document_xml(make_docx(["Bản"]), edit)
    draft = read_draft(data)
    assert draft.blocks()[0].text == "Bản mới"
    assert draft.accepted_revisions == 2
    assert "đã chấp nhận 2 thay đổi" in draft.notes[0]


def test_nfd_and_nfc_text_compare_equal():
    text = "Nguyễn Văn Việt báo cáo kết quả thực hiện."
    old = make_docx([unicodedata.normalize("NFD", text)])
    new = make_docx([unicodedata.normalize("NFC", text)])
    assert compare_docx(old, new).equal


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _replace(data: bytes, name: str, content: bytes | None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    if content is None:
        entries.pop(name)
    else:
        entries[name] = content
    return _zip(entries)


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="' + W.encode() +
        b'"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')


@pytest.mark.parametrize("make, message", [
    (lambda good: b"this is not a zip file at all", "không phải gói ZIP"),
    (lambda good: _replace(good, "word/document.xml", None), "thiếu phần bắt buộc"),
    (lambda good: _replace(good, "word/document.xml", BOMB), "DOCTYPE/ENTITY"),
    (lambda good: _replace(good, "word/document.xml", b"<w:document><unclosed>"), "XML hỏng"),
    (lambda good: good[: len(good) // 2], "ZIP"),
])
def test_hostile_or_broken_files_are_refused(make, message):
    bad = make(make_docx(["Một đoạn."]))
    with pytest.raises(UnreadableFileError) as exc:
        read_draft(bad)
    assert message in str(exc.value)
    assert exit_code_for(exc.value) == 2          # the CLI maps an unreadable file to exit 2


def test_oversized_entry_is_refused_while_inflating(monkeypatch):
    import reportgen.ooxml.package as ooxml

    monkeypatch.setattr(ooxml, "MAX_ENTRY_BYTES", 100_000)
    big = _replace(make_docx(["x"]), "word/media/big.bin", b"\0" * 2_000_000)
    with pytest.raises(UnreadableFileError) as exc:
        read_draft(big)
    assert "zip bomb" in str(exc.value)


def test_document_without_body_is_refused():
    bad = _replace(make_docx(["x"]), "word/document.xml",
                   f'<w:document xmlns:w="{W}"></w:document>'.encode())
    with pytest.raises(UnreadableFileError, match="không có phần thân"):
        read_draft(bad)
