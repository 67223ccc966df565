"""Builders and readers for the diff tests: drafts made with python-docx, texts read back.

`paragraph_texts` is the proof the tests use: every paragraph of the body (table cells
included, in reading order) as NFC text, after accepting or rejecting all changes with
reportgen's own routine; `paragraph_formats` is the same proof for run formatting, and
`soffice_batch` accepts or rejects all changes in LibreOffice itself.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import docx
from lxml import etree

from reportgen.diff.formatting import RunFormats
from reportgen.diff.revisions import resolve_package
from reportgen.diff.text import paragraph_text
from reportgen.ooxml import NS, DocxPackage

W = NS["w"]


def make_docx(blocks: Iterable, *, header: str | None = None, footer: str | None = None,
              modified: str | None = "2024-12-10T08:00:00Z") -> bytes:
    """A .docx from a list of blocks: a string (paragraph), ("h1".."h3", text),
    ("bold", text), ("runs", [text or (text, {"bold": True, "size": 14, ...}), ...])
    (see `add_runs`), or ("table", [[cell, ...], ...]) where a cell is a text or a runs list."""
    d = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
        elif block[0].startswith("h"):
            d.add_heading(block[1], level=int(block[0][1:]))
        elif block[0] == "bold":
            d.add_paragraph().add_run(block[1]).bold = True
        elif block[0] == "runs":
            add_runs(d.add_paragraph(), block[1])
        elif block[0] == "table":
            rows = block[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str):
                        t.cell(r, c).text = value
                    else:
                        add_runs(t.cell(r, c).paragraphs[0], value)
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


def add_runs(paragraph, runs) -> None:
    """Runs given as text or (text, format): bold/italic/underline (python-docx values,
    False writes `w:val="0"`), size (points), font (name), color ("RRGGBB"), style (name)."""
    from docx.shared import Pt, RGBColor

    for item in runs:
        text, fmt = (item, {}) if isinstance(item, str) else item
        run = paragraph.add_run(text)
        for key, value in fmt.items():
            if key == "size":
                run.font.size = Pt(value)
            elif key == "font":
                run.font.name = value
            elif key == "color":
                run.font.color.rgb = RGBColor.from_string(value)
            elif key == "style":
                run.style = value
            else:
                setattr(run, key, value)


def paragraph_formats(data: bytes, part: str = "word/document.xml") -> list[list[tuple[str, tuple]]]:
    """Every paragraph of a part as its stretches of equal effective formatting: (text, format)."""
    pkg = DocxPackage.open(data)
    formats = RunFormats.of(pkg)
    out = []
    for p in pkg.xml(part).iter(f"{{{W}}}p"):
        if any(a.tag == f"{{{W}}}txbxContent" for a in p.iterancestors()):
            continue
        text, spans, _ = formats.paragraph(p)
        out.append([(unicodedata.normalize("NFC", text[s:e]), tuple(f)) for s, e, f in spans])
    return out


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


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Resolve" script:language="StarBasic">
Sub Resolve
  On Error Goto Failed
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = "Hidden"
  hidden(0).Value = True
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = "FilterName"
  filter(0).Value = "MS Word 2007 XML"
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  n = FreeFile
  Open Environ("RG_JOBS") For Input As #n
  Do While Not EOF(n)
    Line Input #n, src
    Line Input #n, dst
    Line Input #n, command
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, hidden())
    If command &lt;&gt; "" Then helper.executeDispatch(doc.CurrentController.Frame, command, "", 0, Array())
    doc.storeToURL(ConvertToURL(dst), filter())
    doc.close(True)
  Loop
  Close #n
Failed:
  StarDesktop.terminate()
End Sub
</script:module>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">{}</library:library>
"""
_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/{}.xlb/" xlink:type="simple"
  library:link="false"/>
</library:libraries>
"""


_COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "save": ""}


def soffice_accept_reject(documents: list[bytes]) -> list[tuple[bytes, bytes]]:
    """Each .docx with all tracked changes accepted, and rejected, in LibreOffice itself."""
    out = soffice_batch([(d, how) for d in documents for how in ("accept", "reject")])
    return list(zip(out[::2], out[1::2], strict=True))


def soffice_batch(jobs: list[tuple[bytes, str]], *, timeout: int = 180) -> list[bytes]:
    """Open each .docx in LibreOffice, do `accept` (Edit ▸ Track Changes ▸ Accept All),
    `reject` (Reject All) or `save` (nothing), and return the .docx LibreOffice saves.

    One headless LibreOffice runs a Basic macro over all the jobs. Its profile is fresh
    and private to this call: a first launch creates it (a brand-new profile runs no
    macro), the macro is written into it, and a second launch runs the macro.
    """
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required for this test"
    with tempfile.TemporaryDirectory(prefix="rg-diff-lo-") as tmp:
        root = Path(tmp)
        profile = root / "profile"
        base = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        subprocess.run([*base, "--terminate_after_init"], capture_output=True, timeout=timeout)
        basic = profile / "user" / "basic"
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        (basic / "Standard" / "Resolve.xba").write_text(_MACRO, encoding="utf-8")
        (basic / "Standard" / "script.xlb").write_text(_LIBRARY.format('<library:element library:name="Resolve"/>'),
                                                      encoding="utf-8")
        (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(""), encoding="utf-8")
        (basic / "script.xlc").write_text(_LIBRARIES.format("script"), encoding="utf-8")
        (basic / "dialog.xlc").write_text(_LIBRARIES.format("dialog"), encoding="utf-8")
        lines, outputs = [], []
        for n, (data, how) in enumerate(jobs):
            src, dst = root / f"in-{n}.docx", root / f"out-{n}.docx"
            src.write_bytes(data)
            lines += [str(src), str(dst), _COMMANDS[how]]
            outputs.append(dst)
        (root / "jobs.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        env = dict(os.environ, RG_JOBS=str(root / "jobs.txt"))
        proc = subprocess.run([*base, "--invisible", "macro:///Standard.Resolve.Resolve"],
                              capture_output=True, timeout=timeout, env=env, text=True)
        missing = [str(d) for d in outputs if not d.exists()]
        assert not missing, f"LibreOffice did not write {missing}: {proc.stdout} {proc.stderr}"
        return [d.read_bytes() for d in outputs]


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
