"""A visible mark in the page header of every page: documents built from sample data say so.

A document built from an input marked `sample: true` must never pass for a real one, so
every page header (the first page's, the others', the even pages' when the document has
them) gets one more paragraph with the mark, in Times New Roman, bold, black (the Decree 30
checker's rules for text hold for it too). The mark is added to the rendered package, not to
the templates, so a secretariat's own template gets it as well. A first section that names
no header of a kind it shows gets a header part holding only the mark; later sections
inherit their predecessor's headers (ECMA-376), so the mark reaches them too.
"""

from __future__ import annotations

from lxml import etree

from ..ooxml import NS, DocxPackage, deterministic_zip, parse_xml, serialize_xml

SAMPLE_MARK = "DỮ LIỆU MẪU — KHÔNG PHẢI VĂN BẢN THẬT"
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
SETTINGS = "word/settings.xml"
CONTENT_TYPES = "[Content_Types].xml"
MARK_SIZE_HALF_POINTS = "24"     # 12 pt
_W = f"{{{NS['w']}}}"
_R = f"{{{NS['r']}}}"


def mark_headers(docx: bytes, text: str = SAMPLE_MARK) -> bytes:
    """`docx` with `text` as the last paragraph of every page header it shows (repacked deterministically)."""
    package = DocxPackage.open(docx)
    parts = dict(package.parts)
    document = package.xml(DOCUMENT)
    rels = package.xml(DOCUMENT_RELS)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels if rel.get("Type") == HEADER_REL}
    sections = document.findall(f".//{_W}sectPr")
    needed = _header_types(package, sections[0] if sections else None)
    marked: set[str] = set()
    for i, sect in enumerate(sections):
        named = {ref.get(f"{_W}type", "default"): ref.get(f"{_R}id") for ref in sect.findall(f"{_W}headerReference")}
        for rid in named.values():
            part = _part_name(targets.get(rid, ""))
            if part in parts and part not in marked:
                header = package.xml(part)
                header.append(_mark_paragraph(text))
                parts[part] = serialize_xml(header)
                marked.add(part)
        if i == 0:
            for kind in needed - set(named):
                _add_header(parts, rels, sect, kind, text)
    if sections:
        parts[DOCUMENT] = serialize_xml(document)
        parts[DOCUMENT_RELS] = serialize_xml(rels)
    return deterministic_zip(parts)


def _header_types(package: DocxPackage, first_section) -> set[str]:
    """The header kinds the first section shows: default, first (title page), even (even/odd headers)."""
    kinds = {"default"}
    if first_section is not None and first_section.find(f"{_W}titlePg") is not None:
        kinds.add("first")
    settings = package.xml_or_none(SETTINGS)
    if settings is not None and settings.find(f"{_W}evenAndOddHeaders") is not None:
        kinds.add("even")
    return kinds


def _part_name(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"word/{target}"


def _mark_paragraph(text: str) -> etree._Element:
    p = etree.Element(f"{_W}p")
    ppr = etree.SubElement(p, f"{_W}pPr")
    etree.SubElement(ppr, f"{_W}jc").set(f"{_W}val", "right")
    r = etree.SubElement(p, f"{_W}r")
    rpr = etree.SubElement(r, f"{_W}rPr")
    fonts = etree.SubElement(rpr, f"{_W}rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{_W}{slot}", "Times New Roman")
    etree.SubElement(rpr, f"{_W}b")
    etree.SubElement(rpr, f"{_W}bCs")
    etree.SubElement(rpr, f"{_W}color").set(f"{_W}val", "000000")
    etree.SubElement(rpr, f"{_W}sz").set(f"{_W}val", MARK_SIZE_HALF_POINTS)
    etree.SubElement(rpr, f"{_W}szCs").set(f"{_W}val", MARK_SIZE_HALF_POINTS)
    t = etree.SubElement(r, f"{_W}t")
    t.text = text
    return p


def _add_header(parts: dict[str, bytes], rels: etree._Element, sect: etree._Element, kind: str, text: str) -> None:
    """A new header part holding only the mark, named by the section for `kind`."""
    n = 1
    while f"word/header-mark{n}.xml" in parts:
        n += 1
    name = f"header-mark{n}.xml"
    header = etree.Element(f"{_W}hdr", nsmap={"w": NS["w"], "r": NS["r"]})
    header.append(_mark_paragraph(text))
    parts[f"word/{name}"] = serialize_xml(header)
    taken = {rel.get("Id") for rel in rels}
    rid = next(f"rIdSampleMark{i}" for i in range(1, len(taken) + 2) if f"rIdSampleMark{i}" not in taken)
    rel = etree.SubElement(rels, f"{{{NS['pr']}}}Relationship")
    rel.set("Id", rid)
    rel.set("Type", HEADER_REL)
    rel.set("Target", name)
    ref = etree.Element(f"{_W}headerReference")
    ref.set(f"{_W}type", kind)
    ref.set(f"{_R}id", rid)
    sect.insert(0, ref)      # headerReference comes first in sectPr (CT_SectPr order)
    types = parse_xml(parts[CONTENT_TYPES], CONTENT_TYPES)
    override = etree.SubElement(types, f"{{{NS['ct']}}}Override")
    override.set("PartName", f"/word/{name}")
    override.set("ContentType", HEADER_TYPE)
    parts[CONTENT_TYPES] = serialize_xml(types)
