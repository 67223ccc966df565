"""Pictures in a rendered .docx: an inline drawing in the text, its PNG part added after rendering.

The render engine fills templates into raw package parts without python-docx, so docxtpl's
`InlineImage` (which adds the picture through python-docx while rendering) does not apply.
Instead a context carries `picture_run_xml(...)` — a run with an inline picture pointing at
a fixed relationship id — printed with docxtpl's run tag `{{r ... }}`, and `add_pictures`
adds the PNG parts, their relationships and the `png` content type to the rendered bytes.
Both steps are deterministic: same pictures, same bytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree
from markupsafe import Markup

from ..ooxml import NS, DocxPackage, deterministic_zip, serialize_xml

EMU_PER_INCH = 914_400
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class Picture:
    """A PNG to place in a document under relationship id `rid` (`rIdChart1`), as `word/media/<name>`."""

    rid: str
    name: str
    png: bytes
    description: str = ""

    def size_emu(self) -> tuple[int, int]:
        """Width and height in EMU from the PNG's pixel size and its pHYs density (300 dpi if none)."""
        width, height = png_size(self.png)
        dpi = png_dpi(self.png) or 300.0
        return round(width / dpi * EMU_PER_INCH), round(height / dpi * EMU_PER_INCH)


def picture_run_xml(picture: Picture, shape_id: int = 1) -> Markup:
    """A run holding `picture` inline at its natural size (docPr ids are renumbered by the engine)."""
    cx, cy = picture.size_emu()
    descr = _attr(picture.description)
    return Markup(
        "<w:r><w:drawing>"
        f'<wp:inline xmlns:wp="{NS["wp"]}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{_attr(picture.name)}" descr="{descr}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{NS["a"]}" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr>"
        f'<a:graphic xmlns:a="{NS["a"]}"><a:graphicData uri="{NS["pic"]}">'
        f'<pic:pic xmlns:pic="{NS["pic"]}"><pic:nvPicPr><pic:cNvPr id="0" name="{_attr(picture.name)}"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip xmlns:r="{NS["r"]}" r:embed="{picture.rid}"/><a:stretch><a:fillRect/></a:stretch>'
        "</pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _own_parts(docx: bytes) -> dict[str, bytes]:
    """The parts of a package this process has just rendered (trusted, so no input limits).

    `DocxPackage.open` holds a part of untrusted input to 8 MB; a consolidated report of a
    few thousand communes has a larger document part of its own, and only the small
    relationship and content-type parts are parsed here.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}


def add_pictures(docx: bytes, pictures: Mapping[str, Picture] | list[Picture]) -> bytes:
    """`docx` with each picture's PNG part, relationship and content type added (repacked deterministically)."""
    items = list(pictures.values()) if isinstance(pictures, Mapping) else list(pictures)
    if not items:
        return docx
    package = DocxPackage(_own_parts(docx), "<bytes>")
    parts = dict(package.parts)
    rels = package.xml(DOCUMENT_RELS)
    taken = {rel.get("Id") for rel in rels}
    for pic in items:
        if pic.rid in taken:
            raise ValueError(f"relationship id {pic.rid} already used in the document")
        el = etree.SubElement(rels, f"{{{NS['pr']}}}Relationship")
        el.set("Id", pic.rid)
        el.set("Type", IMAGE_REL)
        el.set("Target", f"media/{pic.name}")
        parts[f"word/media/{pic.name}"] = pic.png
    parts[DOCUMENT_RELS] = serialize_xml(rels)
    types = package.xml(CONTENT_TYPES)
    if not any(d.get("Extension", "").lower() == "png" for d in types.findall(f"{{{NS['ct']}}}Default")):
        el = etree.Element(f"{{{NS['ct']}}}Default")
        el.set("Extension", "png")
        el.set("ContentType", "image/png")
        types.insert(0, el)
        parts[CONTENT_TYPES] = serialize_xml(types)
    return deterministic_zip(parts)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", data[16:24])


def png_dpi(data: bytes) -> float | None:
    """Pixels per inch from the PNG's pHYs chunk, when it has one in metres."""
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            x, _y, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            return x * 0.0254 if unit == 1 else None
        if kind == b"IDAT":
            return None
        pos += 12 + length
    return None


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
