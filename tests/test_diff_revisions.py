"""Accepting and rejecting revisions Word writes and reportgen reads, as tables of tiny XML,
and what the redline writer must keep unique when it copies content from OLD."""

from __future__ import annotations

import io

import docx
import pytest
from diff_helpers import W, tiny_png, xml_of
from lxml import etree

from reportgen.diff import compare_docx, redline_docx
from reportgen.diff.revisions import accept_all, reject_all

_W = f"{{{W}}}"


def _body(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{inner}</w:body>')


def _cells(body: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in tc.iter(_W + "t")) for tc in body.iter(_W + "tc")]


def _cell(text: str, mark: str = "") -> str:
    pr = f'<w:tcPr><w:{mark} w:id="9" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:tcPr>' if mark else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


@pytest.mark.parametrize(("mark", "accepted", "rejected"), [
    ("", ["a", "b"], ["a", "b"]),
    ("cellIns", ["a", "b"], ["a"]),   # an inserted cell stays on accept, goes on reject
    ("cellDel", ["a"], ["a", "b"]),   # a deleted cell goes on accept, stays on reject
])
def test_inserted_and_deleted_cells(mark, accepted, rejected):
    xml = f"<w:tbl><w:tr>{_cell('a')}{_cell('b', mark)}</w:tr></w:tbl>"
    a, r = _body(xml), _body(xml)
    assert accept_all(a) == (1 if mark else 0)
    reject_all(r)
    assert (_cells(a), _cells(r)) == (accepted, rejected)
    assert not list(a.iter(_W + "cellIns", _W + "cellDel")) and not list(r.iter(_W + "cellIns", _W + "cellDel"))


@pytest.mark.parametrize(("xml", "accepted", "rejected"), [
    ('<w:p><w:ins w:id="1"><w:r><w:t>x</w:t></w:r></w:ins><w:r><w:t>y</w:t></w:r></w:p>', "xy", "y"),
    ('<w:p><w:del w:id="1"><w:r><w:delText>x</w:delText></w:r></w:del><w:r><w:t>y</w:t></w:r></w:p>', "y", "xy"),
    ('<w:p><w:moveFrom w:id="1"><w:r><w:t>x</w:t></w:r></w:moveFrom><w:r><w:t>y</w:t></w:r></w:p>', "y", "xy"),
    ('<w:p><w:moveTo w:id="1"><w:r><w:t>x</w:t></w:r></w:moveTo><w:r><w:t>y</w:t></w:r></w:p>', "xy", "y"),
])
def test_run_revisions(xml, accepted, rejected):
    a, r = _body(xml), _body(xml)
    accept_all(a)
    reject_all(r)
    assert ("".join(t.text for t in a.iter(_W + "t")), "".join(t.text for t in r.iter(_W + "t"))) == (accepted, rejected)


def _pictures(n: int, text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    for _ in range(n):
        d.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    d.add_paragraph("Đoạn kết thúc văn bản có nội dung.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_pictures_copied_from_old_get_ids_of_their_own():
    """Two deleted pictures copied from OLD next to one NEW keeps: every `wp:docPr` id is unique."""
    old, new = _pictures(3, "Ba ảnh minh họa."), _pictures(1, "Một ảnh minh họa.")
    red = redline_docx(compare_docx(old, new), author="A", date="2024-12-10T00:00:00Z")
    ids = [el.get("id") for el in xml_of(red).iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == 3 and len(set(ids)) == 3, ids


def test_bookmarks_and_comment_anchors_are_not_copied_from_old():
    """A deleted paragraph copied from OLD loses its bookmarks and comment anchors: their names
    and ids belong to OLD and would clash with NEW's (Word calls that file corrupt)."""
    from diff_helpers import edit_document_xml, make_docx

    def anchors(root):
        p = list(root.iter(_W + "p"))[1]
        for tag, attrs in (("bookmarkStart", {"w:id": "0", "w:name": "_Toc1"}), ("commentRangeStart", {"w:id": "0"})):
            el = etree.SubElement(p, _W + tag, {_W + k[2:]: v for k, v in attrs.items()})
            p.insert(0, el)
        etree.SubElement(p, _W + "bookmarkEnd", {_W + "id": "0"})
        etree.SubElement(p, _W + "commentRangeEnd", {_W + "id": "0"})

    old = edit_document_xml(make_docx(["Đoạn đầu giữ nguyên.", "Đoạn có đánh dấu sẽ bị xóa.", "Đoạn cuối."]), anchors)
    new = make_docx(["Đoạn đầu giữ nguyên.", "Đoạn cuối."])
    body = xml_of(redline_docx(compare_docx(old, new), author="A", date="2024-12-10T00:00:00Z"))
    assert list(body.iter(_W + "delText")), "the paragraph is there, deleted"
    for tag in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd"):
        assert not list(body.iter(_W + tag)), tag


@pytest.mark.parametrize(("before", "add", "after"), [
    ([], "del", ["del"]),
    ([], "ins", ["ins"]),
    (["ins"], "del", ["ins", "del"]),        # the schema's order: w:ins, then w:del
    (["del"], "ins", ["ins", "del"]),
    (["ins", "b"], "del", ["ins", "del", "b"]),
    (["ins"], "ins", ["ins"]),               # at most once
])
def test_revision_marks_on_a_paragraph_mark_keep_the_schema_order(before, add, after):
    from diff_helpers import make_docx

    from reportgen.diff.redline import _Writer

    a = make_docx(["Một."])
    writer = _Writer(compare_docx(a, a).alignment, "A", "2024-12-10T00:00:00Z")
    marks = "".join(f"<w:{t}/>" for t in before)
    p = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:rPr>{marks}</w:rPr></w:pPr></w:p>')
    writer._set_mark(p, add)
    assert [c.tag.rsplit("}", 1)[1] for c in p.find(f"{_W}pPr/{_W}rPr")] == after
