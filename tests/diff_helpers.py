"""Builders and readers for the diff tests: drafts made with python-docx, texts read back.

`paragraph_texts` is the proof the tests use: every paragraph of the body (table cells
included, in reading order) as NFC text, after accepting or rejecting all changes with
reportgen's own routine.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import docx
from lxml import etree

from reportgen.diff.revisions import resolve_package
from reportgen.diff.text import paragraph_text
from reportgen.ooxml import NS, DocxPackage

W = NS["w"]


def make_docx(blocks: Iterable, *, header: str | None = None, footer: str | None = None,
              modified: str | None = "2024-12-10T08:00:00Z") -> bytes:
    """A .docx from a list of blocks: a string (paragraph), ("h1".."h3", text),
    ("bold", text), or ("table", [[cell, ...], ...])."""
    d = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
        elif block[0].startswith("h"):
            d.add_heading(block[1], level=int(block[0][1:]))
        elif block[0] == "bold":
            d.add_paragraph().add_run(block[1]).bold = True
        elif block[0] == "table":
            rows = block[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    t.cell(r, c).text = value
        else:
            raise ValueError(block)
    section = d.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    if modified is not None:
        from datetime import datetime

        d.core_properties.modified = datetime.fromisoformat(modified.replace("Z", "+00:00")).replace(tzinfo=None)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def paragraph_texts(data: bytes, part: str = "word/document.xml") -> list[str]:
    """Every paragraph of a part (tables included, text boxes not), NFC, in reading order."""
    root = DocxPackage.open(data).xml(part)
    out = []
    for p in root.iter(f"{{{W}}}p"):
        if any(a.tag == f"{{{W}}}txbxContent" for a in p.iterancestors()):
            continue
        out.append(unicodedata.normalize("NFC", paragraph_text(p)))
    return out


def accepted(data: bytes) -> bytes:
    return resolve_package(data, accept=True)


def rejected(data: bytes) -> bytes:
    return resolve_package(data, accept=False)


def revision_ids(data: bytes) -> list[str]:
    """The `w:id` of every revision element in the document part."""
    root = DocxPackage.open(data).xml("word/document.xml")
    return [el.get(f"{{{W}}}id") for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]


def xml_of(data: bytes, part: str = "word/document.xml") -> etree._Element:
    return DocxPackage.open(data).xml(part)


def soffice_roundtrip(data: bytes, *, timeout: int = 120) -> bytes:
    """Open a .docx in LibreOffice headless and save it again as .docx; return LibreOffice's file."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required for this test"
    with tempfile.TemporaryDirectory(prefix="rg-diff-lo-") as tmp:
        src = Path(tmp) / "in" / "redline.docx"
        src.parent.mkdir()
        src.write_bytes(data)
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        proc = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
            capture_output=True, timeout=timeout, text=True,
        )
        result = out / "redline.docx"
        assert result.exists(), f"LibreOffice did not convert the file: {proc.stdout} {proc.stderr}"
        return result.read_bytes()


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "{notes}</w:footnotes>"
)


def with_footnotes(data: bytes, notes: list[str]) -> bytes:
    """Add footnotes (one reference each, at the end of the first paragraphs) to a .docx."""
    from reportgen.ooxml import deterministic_zip, serialize_xml

    pkg = DocxPackage.open(data)
    parts = dict(pkg.parts)
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape_xml(t)}</w:t></w:r></w:p></w:footnote>'
        for i, t in enumerate(notes, 1)
    )
    parts["word/footnotes.xml"] = FOOTNOTES_XML.format(notes=body).encode("utf-8")
    rels = pkg.xml("word/_rels/document.xml.rels")
    etree.SubElement(rels, f"{{{NS['pr']}}}Relationship", {
        "Id": "rIdFn1", "Target": "footnotes.xml",
        "Type": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"})
    parts["word/_rels/document.xml.rels"] = serialize_xml(rels)
    ct = pkg.xml("[Content_Types].xml")
    etree.SubElement(ct, f"{{{NS['ct']}}}Override", {
        "PartName": "/word/footnotes.xml",
        "ContentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"})
    parts["[Content_Types].xml"] = serialize_xml(ct)
    doc = pkg.xml("word/document.xml")
    paras = list(doc.iter(f"{{{W}}}p"))
    for i in range(1, len(notes) + 1):
        run = etree.SubElement(paras[i - 1], f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}footnoteReference", {f"{{{W}}}id": str(i)})
    parts["word/document.xml"] = serialize_xml(doc)
    return deterministic_zip(parts)


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def edit_document_xml(data: bytes, edit) -> bytes:
    """Apply `edit(root)` to word/document.xml and return the new package."""
    from reportgen.ooxml import deterministic_zip, serialize_xml

    pkg = DocxPackage.open(data)
    root = pkg.xml("word/document.xml")
    edit(root)
    parts = dict(pkg.parts)
    parts["word/document.xml"] = serialize_xml(root)
    return deterministic_zip(parts)


def tiny_png() -> bytes:
    """A valid 2×2 red PNG, made here so no image file is bundled."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
