"""Formatting-only changes: found on effective values, redlined as `w:rPrChange`, undone by reject.

The proof is run formatting read back per stretch of text (`paragraph_formats`): accept all
gives NEW's formatting and reject all OLD's, with reportgen's own routine and in LibreOffice.
"""

from __future__ import annotations

import copy
import io
import unicodedata

import docx
from diff_helpers import (
    W,
    accepted,
    edit_document_xml,
    make_docx,
    paragraph_formats,
    paragraph_texts,
    rejected,
    soffice_accept_reject,
    soffice_batch,
    xml_of,
)
from diff_pairs import format_pair
from lxml import etree

from reportgen.diff import compare_docx, redline_docx
from reportgen.diff.formatting import RunFormats
from reportgen.diff.revisions import accept_all, reject_all
from reportgen.ooxml import DocxPackage

DATE = "2024-12-10T09:30:00Z"
_W = f"{{{W}}}"


def _redline(old: bytes, new: bytes) -> bytes:
    return redline_docx(compare_docx(old, new), author="Văn phòng", date=DATE)


def _changes(old: bytes, new: bytes) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(c.kind, c.where(), [(c.new_text[f.new_start:f.new_end], f.description()) for f in c.formats])
            for c in compare_docx(old, new).changes]


def test_equal_effective_formatting_is_no_change():
    base = ["Đoạn mở đầu không đổi."]
    cases = [
        # w:b w:val="0" is no bold; a run split in two with the same format is one stretch.
        ([("runs", [("Chữ thường", {"bold": False}), " ghi rõ."])], [("runs", ["Chữ thường ghi rõ."])]),
        ([("runs", ["Tổng số ", "13.787", " hộ."])], [("runs", ["Tổng số 13.787 hộ."])]),
        ([("runs", [("Đậm theo kiểu", {"style": "Strong"})])], [("runs", [("Đậm theo kiểu", {"bold": True})])]),
        ([("runs", [("Nghiêng", {"style": "Emphasis"})])], [("runs", [("Nghiêng", {"italic": True})])]),
    ]
    for old, new in cases:
        assert compare_docx(make_docx(base + old), make_docx(base + new)).equal, (old, new)


def test_nfd_text_is_compared_letter_by_letter():
    text = "Nguyễn Văn Việt báo cáo."
    old = make_docx([("runs", [(unicodedata.normalize("NFD", text[:11]), {"bold": True}),
                               unicodedata.normalize("NFD", text[11:])])])
    new = make_docx([("runs", [text])])
    diff = compare_docx(old, new)
    assert _changes(old, new) == [("format", "Đoạn 1", [("Nguyễn Văn ", "in đậm → thường")])]
    edit = diff.changes[0].formats[0]
    assert (edit.old_start, edit.old_end) == (0, len(unicodedata.normalize("NFD", text[:11])))
    red = redline_docx(diff, author="A", date=DATE)
    assert paragraph_formats(rejected(red)) == paragraph_formats(old)
    assert paragraph_formats(accepted(red)) == paragraph_formats(new)


def test_rprchange_follows_the_ooxml_rules():
    old, new = format_pair()
    red = _redline(old, new)
    body = xml_of(red)
    changes = list(body.iter(_W + "rPrChange"))
    assert len(changes) == 8  # one per reformatted run (the cell, B07 and 74,3% each one run)
    ids = [el.get(_W + "id") for el in body.iter(_W + "ins", _W + "del", _W + "rPrChange")]
    assert len(ids) == len(set(ids))
    pkg = DocxPackage.open(red)
    formats = RunFormats.of(pkg)
    for change in changes:
        rpr = change.getparent()
        assert rpr.tag == _W + "rPr" and rpr.getparent().tag == _W + "r"
        assert rpr[-1] is change, "w:rPrChange must be the last child of w:rPr"
        assert change.get(_W + "author") == "Văn phòng" and change.get(_W + "date") == DATE
        assert [c.tag for c in change] == [_W + "rPr"]
        current = copy.deepcopy(rpr)
        current.remove(current[-1])
        assert formats.properties_format(change[0]) != formats.properties_format(current), "a change that changes nothing"


def test_rprchange_holds_the_complete_old_properties():
    old = make_docx([("runs", ["Chỉ tiêu ", ("B07", {"bold": True, "size": 14, "font": "Times New Roman"}), "."])])
    new = make_docx([("runs", ["Chỉ tiêu ", ("B07", {"size": 14, "font": "Times New Roman"}), "."])])
    body = xml_of(_redline(old, new))
    change = next(body.iter(_W + "rPrChange"))
    old_rpr = next(r for r in xml_of(old).iter(_W + "r") if "".join(r.itertext()) == "B07").find(_W + "rPr")
    assert [(c.tag, dict(c.attrib)) for c in change[0]] == [(c.tag, dict(c.attrib)) for c in old_rpr]
    assert {c.tag for c in change[0]} >= {_W + "rFonts", _W + "b", _W + "sz"}
    assert change.getparent().find(_W + "b") is None


def test_accept_all_keeps_new_formatting_and_reject_all_restores_old():
    old, new = format_pair()
    red = _redline(old, new)
    assert paragraph_formats(accepted(red)) == paragraph_formats(new)
    assert paragraph_formats(rejected(red)) == paragraph_formats(old)
    assert paragraph_texts(accepted(red)) == paragraph_texts(new)
    assert paragraph_texts(rejected(red)) == paragraph_texts(old)
    assert not list(xml_of(accepted(red)).iter(_W + "rPrChange"))
    assert not list(xml_of(rejected(red)).iter(_W + "rPrChange"))


def test_text_and_formatting_changed_in_one_paragraph():
    old = make_docx([("runs", ["Công tác ", ("tuyên truyền", {"bold": True}), " được đẩy mạnh."])])
    new = make_docx([("runs", ["Công tác ", ("tuyên truyền", {"italic": True}), " được đẩy mạnh hơn nữa."])])
    diff = compare_docx(old, new)
    change = diff.changes[0]
    assert change.kind == "change"
    assert [(s.op, s.new_text(change.new_text)) for s in change.segments if s.op != "equal"] == [("insert", " hơn nữa")]
    assert [(change.new_text[f.new_start:f.new_end], f.description()) for f in change.formats] == [
        ("tuyên truyền", "in đậm → thường; chữ đứng → in nghiêng")]
    red = redline_docx(diff, author="A", date=DATE)
    assert paragraph_formats(accepted(red)) == paragraph_formats(new)
    assert paragraph_formats(rejected(red)) == paragraph_formats(old)


def test_formatting_in_headers_is_redlined():
    old = make_docx(["Thân văn bản."], header="UBND TỈNH THANH HÓA")
    new = edit_document_xml(old, lambda root: None)
    pkg = DocxPackage.open(new)
    part = next(n for n in pkg.parts if n.startswith("word/header"))
    root = pkg.xml(part)
    run = next(root.iter(_W + "r"))
    run.insert(0, etree.fromstring(f'<w:rPr xmlns:w="{W}"><w:b/></w:rPr>'))
    from reportgen.ooxml import deterministic_zip, serialize_xml

    new = deterministic_zip({**pkg.parts, part: serialize_xml(root)})
    assert _changes(old, new) == [("format", "Đầu trang", [("UBND TỈNH THANH HÓA", "thường → in đậm")])]
    red = _redline(old, new)
    assert paragraph_formats(accepted(red), part) == paragraph_formats(new, part)
    assert paragraph_formats(rejected(red), part) == paragraph_formats(old, part)


def test_an_old_character_style_that_new_lacks_is_written_out():
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    style = d.styles.add_style("Đậm nghiêng", WD_STYLE_TYPE.CHARACTER)
    style.font.bold = style.font.italic = True
    p = d.add_paragraph("Chỉ tiêu ")
    p.add_run("B07").style = style
    buf = io.BytesIO()
    d.save(buf)
    old = buf.getvalue()
    new = make_docx([("runs", ["Chỉ tiêu ", "B07"])])
    assert _changes(old, new) == [("format", "Đoạn 1", [("B07", "in đậm → thường; in nghiêng → chữ đứng")])]
    red = _redline(old, new)
    change = next(xml_of(red).iter(_W + "rPrChange"))
    assert [c.tag for c in change[0]] == [_W + "b", _W + "i"]  # no dangling w:rStyle
    assert paragraph_formats(rejected(red)) == paragraph_formats(old)


# --- the accept/reject routine -------------------------------------------------------------


def _run_with_change(old_props: str | None) -> etree._Element:
    change = (f'<w:rPrChange w:id="7" w:author="A" w:date="{DATE}">{old_props}</w:rPrChange>'
              if old_props is not None else f'<w:rPrChange w:id="7" w:author="A" w:date="{DATE}"/>')
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:rPr><w:b/><w:sz w:val="28"/>{change}</w:rPr>'
                            "<w:t>chữ</w:t></w:r></w:p>")


def test_accepting_a_formatting_change_drops_the_record():
    p = _run_with_change('<w:rPr><w:i/><w:sz w:val="24"/></w:rPr>')
    assert accept_all(p) == 1
    assert [c.tag for c in p.find(f"{_W}r/{_W}rPr")] == [_W + "b", _W + "sz"]
    assert p.find(f"{_W}r/{_W}rPr/{_W}sz").get(_W + "val") == "28"


def test_rejecting_a_formatting_change_restores_the_old_properties():
    p = _run_with_change('<w:rPr><w:i/><w:sz w:val="24"/></w:rPr>')
    assert reject_all(p) == 1
    assert [c.tag for c in p.find(f"{_W}r/{_W}rPr")] == [_W + "i", _W + "sz"]
    assert p.find(f"{_W}r/{_W}rPr/{_W}sz").get(_W + "val") == "24"
    # LibreOffice writes an old run without properties as an empty w:rPrChange.
    for empty in (None, "<w:rPr/>"):
        p = _run_with_change(empty)
        assert reject_all(p) == 1
        assert len(p.find(f"{_W}r/{_W}rPr")) == 0


# --- LibreOffice -----------------------------------------------------------------------


def _one_property_pairs() -> list[tuple[str, bytes, bytes]]:
    cases = {
        "bold": ({"bold": True}, {}), "italic": ({}, {"italic": True}), "underline": ({}, {"underline": True}),
        "size": ({"size": 14}, {"size": 13}), "font": ({"font": "Times New Roman"}, {"font": "Arial"}),
        "colour": ({"color": "FF0000"}, {"color": "0000FF"}),
    }
    return [(name, make_docx([("runs", ["Chỉ tiêu ", ("B07 đạt 74,3%", a), " năm 2024."])]),
             make_docx([("runs", ["Chỉ tiêu ", ("B07 đạt 74,3%", b), " năm 2024."])]))
            for name, (a, b) in cases.items()]


def test_libreoffice_accepts_and_rejects_every_formatting_change():
    """LibreOffice's own Accept All / Reject All give NEW's and OLD's formatting, all six properties."""
    pairs = _one_property_pairs()
    resolved = soffice_accept_reject([_redline(old, new) for _, old, new in pairs])
    for (name, old, new), (acc, rej) in zip(pairs, resolved, strict=True):
        assert paragraph_formats(acc) == paragraph_formats(new), name
        assert paragraph_formats(rej) == paragraph_formats(old), name


def test_libreoffice_round_trip_keeps_size_and_style_changes():
    """The file LibreOffice saves still holds the changes: bold, italic, underline and size survive.

    LibreOffice 7.4's .docx export moves an old font name or colour out of `w:rPrChange`
    into the run's current properties (a second `w:rFonts`/`w:color`), so after a round
    trip those two are lost; LibreOffice itself accepts and rejects them correctly (test
    above), and in our own file the routine restores them (asserted here too).
    """
    pairs = _one_property_pairs()
    redlines = [_redline(old, new) for _, old, new in pairs]
    saved = soffice_batch([(red, "save") for red in redlines])
    for (name, old, new), red, lo in zip(pairs, redlines, saved, strict=True):
        assert paragraph_formats(rejected(red)) == paragraph_formats(old), name
        assert paragraph_formats(accepted(red)) == paragraph_formats(new), name
        if name in ("font", "colour"):
            continue
        assert list(xml_of(lo).iter(_W + "rPrChange")), name
        assert paragraph_formats(accepted(lo)) == paragraph_formats(new), name
        assert paragraph_formats(rejected(lo)) == paragraph_formats(old), name
