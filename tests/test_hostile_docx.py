"""Hostile .docx files: refused (exit 2, Vietnamese) or made safe; `diff` and `check` stay bounded.

The redline copies only the parts reportgen understands and always writes a .docx; XML is
checked for a DOCTYPE wherever it is, not in a prefix; zip member names are plain part
names; XML parts are capped in size and element count (just inside passes, just outside is
refused); block alignment grows linearly with long runs of equal paragraphs (counted in
work units, not timed).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from diff_helpers import accepted, make_docx, paragraph_texts, rejected, soffice_roundtrip

import reportgen.ooxml.package as ooxml
from reportgen.cli import cli
from reportgen.diff import compare_docx
from reportgen.diff.sequence import Meter, opcodes
from reportgen.errors import UnreadableFileError
from reportgen.ooxml import DocxPackage, keep_known_parts, parse_xml

OLD = make_docx(["Một đoạn.", "Hai đoạn."])
NEW = make_docx(["Một đoạn sửa.", "Hai đoạn."])
MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def pack(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def redline(tmp_path: Path, new: bytes, out: str = "out.docx"):
    (tmp_path / "old.docx").write_bytes(OLD)
    (tmp_path / "new.docx").write_bytes(new)
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old.docx"), str(tmp_path / "new.docx"),
                                      "--redline", str(tmp_path / out)])
    assert "Traceback" not in result.output
    return result


def entity_after_comment(xml: bytes, root_tag: bytes) -> bytes:
    """`xml` with a 70 KB comment, then a DOCTYPE with an external subset, then an undeclared entity."""
    end = xml.index(b"?>") + 2
    body = xml[end:].replace(b"</" + root_tag + b">", b"&hidden;</" + root_tag + b">")
    return xml[:end] + b"<!--" + b"x" * 70_000 + b'--><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">' + body


# --- DOCTYPE anywhere ---------------------------------------------------------------------


@pytest.mark.parametrize("part, root_tag", [("word/settings.xml", b"w:settings"), ("word/document.xml", b"w:document")])
def test_entity_hidden_after_a_70kb_comment_is_refused_and_nothing_is_written(tmp_path, part, root_tag):
    parts = parts_of(NEW)
    parts[part] = entity_after_comment(parts[part], root_tag)
    result = redline(tmp_path, pack(parts))
    assert result.exit_code == 2
    assert "DOCTYPE/ENTITY" in result.stderr and part in result.stderr and "new.docx" in result.stderr
    assert "Đã ghi" not in result.output
    assert not (tmp_path / "out.docx").exists()


def test_doctype_is_found_by_the_parser_not_by_a_byte_scan():
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'.encode("utf-16")
    with pytest.raises(UnreadableFileError, match="DOCTYPE/ENTITY"):
        parse_xml(utf16, "a.xml")
    assert parse_xml("<?xml version='1.0' encoding='UTF-16'?><a>b</a>".encode("utf-16"), "a.xml").text == "b"


# --- zip member names ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/evil.txt", "word/../../evil.txt", "word\\..\\evil.txt",
                                  "C:/evil.txt", "word//evil.xml", "word/./evil.xml"])
def test_zip_member_with_a_path_outside_the_package_is_refused(tmp_path, name):
    parts = parts_of(NEW)
    parts[name] = b"evil"
    result = redline(tmp_path, pack(parts))
    assert result.exit_code == 2 and "tên không hợp lệ" in result.stderr
    assert not (tmp_path / "out.docx").exists()
    assert not list(tmp_path.parent.rglob("evil.txt"))
    check = CliRunner().invoke(cli, ["check", str(tmp_path / "new.docx")])
    assert check.exit_code == 2 and "tên không hợp lệ" in check.stderr


# --- the redline keeps only what it understands ---------------------------------------------


def docm() -> bytes:
    parts = parts_of(NEW)
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    parts["word/vbaData.xml"] = b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>'
    parts["word/_rels/vbaProject.bin.rels"] = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                               b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                               b'microsoft.com/office/2006/relationships/wordVbaData" Target="vbaData.xml"/>'
                                               b'</Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(DOCX_MAIN, MACRO_MAIN).replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                     b'<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                             b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="http://example.invalid/t.dotm" TargetMode="External"/></Relationships>')
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:zoom", b'<w:attachedTemplate r:id="rIdT" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships"/><w:zoom', 1)
    return pack(parts)


def test_redline_of_a_docm_is_a_plain_docx_without_macros_or_remote_template(tmp_path):
    result = redline(tmp_path, docm())
    assert result.exit_code == 1, result.output
    assert "word/vbaProject.bin" in result.stderr and "không có macro" in result.stderr
    out = parts_of((tmp_path / "out.docx").read_bytes())
    assert not [n for n in out if "vba" in n.lower()]
    assert DOCX_MAIN in out["[Content_Types].xml"] and MACRO_MAIN not in out["[Content_Types].xml"]
    assert b"vbaProject" not in out["word/_rels/document.xml.rels"]
    assert b"attachedTemplate" not in out["word/settings.xml"]
    assert b"example.invalid" not in out.get("word/_rels/settings.xml.rels", b"")
    for name, data in out.items():   # every part the content types name exists, and the other way round
        if name.endswith(".xml") or name.endswith(".rels"):
            parse_xml(data, name)
    data = (tmp_path / "out.docx").read_bytes()
    assert paragraph_texts(accepted(data))[:2] == ["Một đoạn sửa.", "Hai đoạn."]
    assert paragraph_texts(rejected(data))[:2] == ["Một đoạn.", "Hai đoạn."]
    assert docx.Document(io.BytesIO(data)).paragraphs   # python-docx opens it as a .docx
    reopened = soffice_roundtrip(data)                  # and so does LibreOffice, keeping the text
    assert paragraph_texts(accepted(reopened))[:2] == ["Một đoạn sửa.", "Hai đoạn."]


def test_redline_must_be_written_as_docx(tmp_path):
    result = redline(tmp_path, NEW, out="out.docm")
    assert result.exit_code == 2 and "--redline" in result.stderr and ".docx" in result.stderr
    assert not (tmp_path / "out.docm").exists()


def test_keep_known_parts_drops_unknown_and_dangling():
    parts = parts_of(NEW)
    parts["word/activeX/activeX1.bin"] = b"x"
    parts["word/embeddings/oleObject1.bin"] = b"x"
    parts["customUI/customUI.xml"] = b"<customUI/>"
    kept, dropped = keep_known_parts(parts, "a.docx")
    assert {"word/activeX/activeX1.bin", "word/embeddings/oleObject1.bin", "customUI/customUI.xml"} <= set(dropped)
    assert "word/document.xml" in kept and "word/styles.xml" in kept and "docProps/core.xml" in kept
    types = kept["[Content_Types].xml"].decode()
    for name in kept:
        if name != "[Content_Types].xml" and not name.endswith((".rels", ".xml")):
            assert name.rsplit(".", 1)[-1] in types or f"/{name}" in types


# --- size and element limits ------------------------------------------------------------------


def _with_paragraphs(n: int) -> bytes:
    parts = parts_of(make_docx(["Mở đầu."]))
    doc = parts["word/document.xml"]
    at = doc.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = doc[:at] + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * n + doc[at:]
    return pack(parts)


def test_element_limit_just_inside_and_outside(monkeypatch):
    data = _with_paragraphs(1_000)
    count = sum(1 for _ in DocxPackage.open(data).xml("word/document.xml").iter())
    monkeypatch.setattr(ooxml, "MAX_XML_ELEMENTS", count)
    assert DocxPackage.open(data).xml("word/document.xml") is not None
    monkeypatch.setattr(ooxml, "MAX_XML_ELEMENTS", count - 1)
    with pytest.raises(UnreadableFileError, match="quá nhiều phần tử"):
        DocxPackage.open(data).xml("word/document.xml")


def test_xml_part_size_limit_just_inside_and_outside(monkeypatch):
    data = _with_paragraphs(15_000)
    parts = parts_of(data)
    size = len(parts["word/document.xml"])
    assert size == max(len(v) for k, v in parts.items() if k.endswith(".xml"))
    monkeypatch.setattr(ooxml, "MAX_XML_BYTES", size)
    assert DocxPackage.open(data).parts["word/document.xml"]
    monkeypatch.setattr(ooxml, "MAX_XML_BYTES", size - 1)
    with pytest.raises(UnreadableFileError, match="zip bomb"):
        DocxPackage.open(data)


def test_a_small_docx_inflating_past_the_xml_limit_is_refused_quickly(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_with_paragraphs(ooxml.MAX_XML_BYTES // 30))   # ~8 MB of XML in a ~40 KB file
    assert path.stat().st_size < 200_000
    for args in (["check", str(path)], ["diff", str(path), str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "zip bomb" in result.stderr, result.output


# --- diff alignment in linear time --------------------------------------------------------------


def _repeated(n: int) -> tuple[list[str], list[str]]:
    """n equal paragraphs, with edits at both ends and in the middle (nothing to strip as prefix or suffix)."""
    old = ["Mở đầu cũ."] + ["Nội dung lặp lại."] * n + ["Kết thúc cũ."]
    new = ["Mở đầu mới."] + ["Nội dung lặp lại."] * (n // 2) + ["Đoạn chèn."] + ["Nội dung lặp lại."] * (n // 2) \
        + ["Kết thúc mới."]
    return old, new


def test_alignment_work_grows_linearly_with_equal_paragraphs():
    work = {}
    for n in (2_000, 8_000):
        old, new = _repeated(n)
        meter = Meter()
        ops = opcodes(old, new, meter)
        assert [op[0] for op in ops] == ["replace", "equal", "insert", "equal", "replace"]
        work[n] = meter.work
    assert work[8_000] <= 4.5 * work[2_000], work   # quadratic would be 16 times


def test_alignment_of_alternating_repeats_stays_linear():
    work = {}
    for n in (1_000, 4_000):
        old = ["Q"] + ["A", "B"] * n + ["R"]
        new = ["S"] + ["A", "B"] * (n // 2) + ["Z"] + ["A", "B"] * (n // 2) + ["T"]
        meter = Meter()
        ops = opcodes(old, new, meter)
        assert sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal") == 2 * n
        work[n] = meter.work
    assert work[4_000] <= 5 * work[1_000], work


def test_alignment_matches_difflib_where_keys_rarely_repeat():
    from difflib import SequenceMatcher

    old = [f"đoạn {i}" for i in range(300)]
    new = old[:50] + ["mới"] + old[50:200] + old[210:] + ["cuối"]
    assert opcodes(old, new) == [tuple(o) for o in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()]


def test_diff_of_thousands_of_equal_paragraphs_finds_the_planted_edits(tmp_path):
    old, new = _repeated(4_000)
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    a.write_bytes(make_docx(old))
    b.write_bytes(make_docx(new))
    diff = compare_docx(a, b)
    assert diff.summary() == {"insert": 1, "delete": 0, "change": 2, "move": 0}


@pytest.mark.parametrize("xml, words", [
    (b"<a>" * 300 + b"</a>" * 300, "lồng nhau quá sâu"),
    (b"<a><b></a>", "thẻ mở và thẻ đóng không khớp"),
    (b"<a>&</a>", "«&»"),
    (b"<w:document/>", "không gian tên"),
])
def test_broken_xml_is_explained_in_vietnamese_with_its_place(xml, words):
    with pytest.raises(UnreadableFileError) as info:
        parse_xml(xml, "word/document.xml")
    message = str(info.value)
    assert words in message and ", dòng 1, cột " in message
    assert not any(w in message for w in ("Excessive", "mismatch", "expecting", "prefix"))
