"""What the diff notices beyond words: paragraph properties, moves, fields, pictures, and
what it must not notice: what LibreOffice changes when it merely opens and saves a file.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from diff_helpers import W, accepted, make_docx, paragraph_texts, rejected, soffice_batch, xml_of
from diff_pairs import known_pair
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from render_helpers import built_project

from reportgen.diff import compare_docx, redline_docx
from reportgen.diff.render_text import change_text
from reportgen.ooxml import DocxPackage, deterministic_zip

DATE = "2024-12-10T09:30:00Z"
_W = f"{{{W}}}"
TEXT = "Công tác chỉ đạo, điều hành được triển khai đồng bộ từ tỉnh đến cơ sở."


def _doc(align=None, style=None, picture: bytes | None = None, width_cm: float = 4.0) -> bytes:
    d = docx.Document()
    d.add_paragraph("Mở đầu.")
    p = d.add_paragraph(TEXT, style=style)
    if align is not None:
        p.alignment = align
    if picture is not None:
        d.add_paragraph().add_run().add_picture(io.BytesIO(picture), width=Cm(width_cm))
    d.add_paragraph("Kết thúc.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _alignments(data: bytes) -> list:
    return [p.alignment for p in docx.Document(io.BytesIO(data)).paragraphs]


def _styles(data: bytes) -> list[str]:
    return [p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize(("old", "new", "words"), [
    (dict(align=WD_ALIGN_PARAGRAPH.CENTER), dict(align=WD_ALIGN_PARAGRAPH.JUSTIFY), "căn giữa → căn đều"),
    (dict(), dict(align=WD_ALIGN_PARAGRAPH.RIGHT), "căn trái → căn phải"),
    (dict(), dict(style="Heading 1"), "kiểu đoạn «Normal» → «Heading 1»"),
    (dict(), dict(style="List Number"), "đánh số không → «1.» cấp 1"),
    (dict(style="List Bullet"), dict(), "đánh số «•» cấp 1 → không"),
])
def test_paragraph_properties_are_reported_and_tracked(old, new, words):
    a, b = _doc(**old), _doc(**new)
    diff = compare_docx(a, b)
    assert [c.kind for c in diff.changes] == ["format"]
    change = diff.changes[0]
    assert change.location.label == "Đoạn 2"
    assert words in change.paragraph.description()
    assert words in change_text(change, plain=True).plain
    red = redline_docx(diff, author="A", date=DATE)
    ppr = next(p for p in xml_of(red).iter(_W + "p") if "Công tác" in "".join(p.itertext())).find(_W + "pPr")
    assert ppr[-1].tag == _W + "pPrChange", "w:pPrChange is the last child of w:pPr"
    assert ppr[-1].get(_W + "author") == "A" and ppr[-1].get(_W + "date") == DATE
    assert [c.tag for c in ppr[-1]] == [_W + "pPr"]
    assert _alignments(accepted(red)) == _alignments(b) and _styles(accepted(red)) == _styles(b)
    assert _alignments(rejected(red)) == _alignments(a) and _styles(rejected(red)) == _styles(a)


def test_an_unchanged_paragraph_has_no_paragraph_change():
    a = _doc(align=WD_ALIGN_PARAGRAPH.CENTER)
    assert compare_docx(a, _doc(align=WD_ALIGN_PARAGRAPH.CENTER)).equal
    # direct formatting equal to what the style gives is no change
    d = docx.Document(io.BytesIO(_doc()))
    d.paragraphs[1].alignment = WD_ALIGN_PARAGRAPH.LEFT
    buf = io.BytesIO()
    d.save(buf)
    assert compare_docx(_doc(), buf.getvalue()).equal


def test_libreoffice_keeps_and_resolves_paragraph_changes():
    a, b = _doc(align=WD_ALIGN_PARAGRAPH.CENTER), _doc(align=WD_ALIGN_PARAGRAPH.JUSTIFY, style="Heading 1")
    red = redline_docx(compare_docx(a, b), author="A", date=DATE)
    acc, rej, lo_new, lo_old = soffice_batch([(red, "accept"), (red, "reject"), (b, "save"), (a, "save")])
    assert _styles(acc) == _styles(lo_new) and _alignments(acc) == _alignments(lo_new)
    assert paragraph_texts(rej) == paragraph_texts(lo_old)


# --- moves -------------------------------------------------------------------------------

def test_a_moved_paragraph_is_written_as_a_move():
    old, new = known_pair()
    diff = compare_docx(old, new)
    assert [c.where() for c in diff.changes if c.kind == "move"] == ["Đoạn 8 → Đoạn 12"]
    body = xml_of(redline_docx(diff, author="A", date=DATE)).find(_W + "body")
    moved_from = [p for p in body.iter(_W + "p") if p.find(_W + "moveFrom") is not None]
    moved_to = [p for p in body.iter(_W + "p") if p.find(_W + "moveTo") is not None]
    assert len(moved_from) == len(moved_to) == 1
    for p, kind in ((moved_from[0], "moveFrom"), (moved_to[0], "moveTo")):
        assert "".join(t.text for t in p.iter(_W + "t")) == "Đoạn này sẽ được chuyển xuống cuối văn bản."
        assert not list(p.iter(_W + "delText")), "moved text stays w:t"
        start, end = p.find(f"{_W}{kind}RangeStart"), p.find(f"{_W}{kind}RangeEnd")
        assert start is not None and end is not None and start.get(_W + "id") == end.get(_W + "id")
        assert p.index(start) < p.index(p.find(_W + kind)) < p.index(end)
        for el in (start, p.find(_W + kind)):
            assert el.get(_W + "author") == "A" and el.get(_W + "date") == DATE
    assert moved_from[0].find(f"{_W}moveFromRangeStart").get(_W + "name") == \
        moved_to[0].find(f"{_W}moveToRangeStart").get(_W + "name")
    # the old copy's mark is moved too; the new one ends the body, so (as for any trailing
    # inserted paragraph) the paragraph before carries an inserted mark instead
    assert moved_from[0].find(f"{_W}pPr/{_W}rPr/{_W}moveFrom") is not None
    ids = [el.get(_W + "id") for el in body.iter() if el.get(_W + "id") is not None
           and not el.tag.endswith("RangeEnd")]
    assert len(ids) == len(set(ids))


def test_a_move_in_the_middle_accepts_and_rejects_in_libreoffice():
    paras = [f"Đoạn số {i} của văn bản, nói về nhiệm vụ thứ {i}." for i in range(1, 7)]
    old = make_docx(paras)
    new = make_docx([paras[0], paras[3], paras[1], paras[2], paras[4], paras[5]])
    red = redline_docx(compare_docx(old, new), author="A", date=DATE)
    assert list(xml_of(red).iter(_W + "moveFrom")) and list(xml_of(red).iter(_W + "moveTo"))
    assert paragraph_texts(accepted(red)) == paragraph_texts(new)
    assert paragraph_texts(rejected(red)) == paragraph_texts(old)
    acc, rej = soffice_batch([(red, "accept"), (red, "reject")])
    assert paragraph_texts(acc) == paragraph_texts(new)
    assert paragraph_texts(rej) == paragraph_texts(old)


# --- fields, empty runs, pictures ----------------------------------------------------------

def _png(rgb: tuple[int, int, int]) -> bytes:
    """A valid 2×2 PNG of one colour, made here so no image file is bundled."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _with_page_field(data: bytes, shown: str) -> bytes:
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>'
             f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{shown}</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r/><w:r><w:rPr><w:b/></w:rPr></w:r>')
    parts = dict(DocxPackage.open(data).parts)
    xml = parts["word/document.xml"].decode("utf-8")
    assert "Mở đầu.</w:t></w:r>" in xml
    parts["word/document.xml"] = xml.replace("Mở đầu.</w:t></w:r>", "Mở đầu.</w:t></w:r>" + field, 1).encode("utf-8")
    return deterministic_zip(parts)


def test_cached_page_numbers_and_empty_runs_are_not_changes():
    base = _doc()
    assert compare_docx(_with_page_field(base, "2"), _with_page_field(base, "6")).equal
    diff = compare_docx(base, _with_page_field(base, "2"))
    assert [c.kind for c in diff.changes] == ["change"], "a field added is still a change"


def test_an_image_change_names_the_image_and_its_size():
    red_png, blue_png = _png((255, 0, 0)), _png((0, 0, 255))
    diff = compare_docx(_doc(picture=red_png, width_cm=4.0), _doc(picture=blue_png, width_cm=6.0))
    [change] = diff.changes
    line = change.objects_line()
    assert re.fullmatch(r"hình «image\d+\.png» 4,0 × 4,0 cm → hình «image\d+\.png» 6,0 × 6,0 cm", line), line
    assert "Hình/khung: " + line in change_text(change, plain=True).plain
    inserted = compare_docx(_doc(), _doc(picture=red_png)).changes
    assert [c.objects_line() for c in inserted] == ["thêm hình «image1.png» 4,0 × 4,0 cm"]


# --- LibreOffice open-and-save ---------------------------------------------------------------

def test_a_libreoffice_open_and_save_is_no_change():
    """LibreOffice rewrites every part (styles renamed by id, headers copied per section,
    page numbers recomputed, section breaks folded); the diff of reportgen's own documents
    against LibreOffice's copy of them is empty."""
    out = built_project(2025) / "outputs" / "2025"
    files = [out / "BC-tong-hop-2025.docx", next((out / "ke-hoach").glob("KH-*.docx")),
             next((out / "bao-cao").glob("BC-*.docx"))]
    saved = soffice_batch([(f.read_bytes(), "save") for f in files])
    for f, lo in zip(files, saved, strict=True):
        diff = compare_docx(f.read_bytes(), lo)
        assert diff.changes == [], (f.name, [(c.kind, c.where(), c.old_text[:40], c.new_text[:40]) for c in diff.changes])
