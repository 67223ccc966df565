"""Damaged or hostile files give a clear Vietnamese message and exit 2, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from check_fixtures import good_docx, pack, parts_of
from click.testing import CliRunner

import reportgen.ooxml.package as ooxml
from reportgen.check import check_docx
from reportgen.cli import cli
from reportgen.errors import UnreadableFileError

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def _with_part(name: str, content: bytes | None) -> bytes:
    parts = parts_of(good_docx())
    if content is None:
        del parts[name]
    else:
        parts[name] = content
    return pack(parts)


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts_of(good_docx()).items():
            zf.writestr(name, content)
        zf.writestr("word/media/huge.bin", b"\0" * (3 * 1024 * 1024))
    return buf.getvalue()


HOSTILE = {
    "text-renamed": (b"Day khong phai tep Word.\n", "không phải tệp Word"),
    "no-document-xml": (_with_part("word/document.xml", None), "thiếu phần bắt buộc"),
    "billion-laughs": (_with_part("word/document.xml", BILLION_LAUGHS), "DOCTYPE/ENTITY"),
    "broken-xml": (_with_part("word/document.xml", b"<w:document><w:body>"), "XML hỏng"),
    "no-body": (_with_part("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'), "không có phần thân"),
    "entity-in-styles": (_with_part("word/styles.xml", BILLION_LAUGHS), "DOCTYPE/ENTITY"),
    "truncated-zip": (good_docx()[:2000], "không phải tệp Word"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_with_a_message(case, tmp_path):
    data, expected = HOSTILE[case]
    with pytest.raises(UnreadableFileError) as info:
        check_docx(data)
    assert expected in str(info.value)
    path = tmp_path / f"{case}.docx"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_zip_entry_inflating_past_the_limit_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(ooxml, "MAX_ENTRY_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip_bomb())
    with pytest.raises(UnreadableFileError, match="zip bomb"):
        check_docx(path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "zip bomb" in result.stderr


def test_zip_with_a_lying_header_is_caught_while_inflating(monkeypatch, tmp_path):
    """The size in the zip header says small; the check runs on the bytes actually inflated."""
    monkeypatch.setattr(ooxml, "MAX_ENTRY_BYTES", 1024 * 1024)
    data = bytearray(_zip_bomb())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/media/huge.bin")
    # Patch the uncompressed size in the central directory entry to 10 bytes.
    name = b"word/media/huge.bin"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    assert info.file_size > 1024 * 1024
    with pytest.raises(UnreadableFileError):
        check_docx(bytes(data))


def test_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "khong-co.docx")])
    assert result.exit_code == 2
    assert "không tồn tại" in result.stderr


def test_a_readable_file_is_still_checked_next_to_an_unreadable_one(tmp_path):
    good = tmp_path / "tot.docx"
    good.write_bytes(good_docx())
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["check", str(bad), str(good)])
    assert result.exit_code == 2
    assert "đúng thể thức" in result.stdout
