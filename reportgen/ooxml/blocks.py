"""Walking WordprocessingML content: blocks, table rows and cells, the runs of a paragraph.

Word wraps content in content controls (`w:sdt` → `w:sdtContent`) and custom XML
(`w:customXml`) at every level: around paragraphs and tables, around rows, around cells,
around runs. Everything that reads a document (`check`, `diff`, template lint, the redline
writer) walks through them here, the same way, so two readers never disagree about what a
document holds.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .namespaces import W

_W = f"{{{W}}}"
P, TBL, TR, TC, R, SECT_PR = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "sectPr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_WRAPPERS = (_SDT, _CUSTOM_XML)
_BLOCKS = (P, TBL)
_BLOCKS_AND_SECTIONS = (P, TBL, SECT_PR)

# Elements inside a paragraph that hold runs shown as its text. Not `w:del` / `w:moveFrom`
# (text that is gone once revisions are accepted) and not text boxes (separate content).
RUN_CONTAINERS = frozenset(_W + t for t in (
    "hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdt", "sdtContent"))


def block_elements(container: etree._Element, *, sections: bool = False) -> Iterator[etree._Element]:
    """The paragraphs and tables of a container (body, cell, header, note, text box), in
    order, looking through content controls and custom XML; with `sections`, the body's
    final `w:sectPr` too."""
    wanted = _BLOCKS_AND_SECTIONS if sections else _BLOCKS
    for el in container:
        tag = el.tag
        if tag in wanted:
            yield el
        elif tag in _WRAPPERS:
            inner = _unwrapped(el)
            if inner is not None:
                yield from block_elements(inner, sections=sections)


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The rows of a table, looking through content controls and custom XML around them."""
    return _children(tbl, TR)


def row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    """The cells of a row, looking through content controls and custom XML around them."""
    return _children(tr, TC)


def grid_span(tc: etree._Element) -> int:
    """How many grid columns a cell spans (1 when unset or nonsense)."""
    el = tc.find(f"{_W}tcPr/{_W}gridSpan")
    value = el.get(f"{_W}val", "1") if el is not None else "1"
    return max(int(value), 1) if value.isdigit() and len(value) < 4 else 1


def grid_columns(tbl: etree._Element) -> int:
    """The number of columns of a table's grid (`w:tblGrid`)."""
    return len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))


def paragraph_runs(p: etree._Element) -> Iterator[etree._Element]:
    """Every `w:r` of a paragraph in reading order, inside links, fields, insertions and
    content controls (not deleted runs, not the paragraphs of text boxes)."""
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == R:
            yield child
        elif tag in RUN_CONTAINERS:
            stack.append(iter(child))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag in _WRAPPERS:
            inner = _unwrapped(el)
            if inner is not None:
                yield from _children(inner, tag)


def _unwrapped(el: etree._Element) -> etree._Element | None:
    return el.find(_SDT_CONTENT) if el.tag == _SDT else el
