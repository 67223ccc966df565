"""Read a .docx draft into stories of paragraphs and tables, each with text and a location.

Hostile files are refused by `DocxPackage` (not a zip, missing parts, entity bombs,
oversized entries) with an `UnreadableFileError` (exit 2). Tracked changes already in the
draft are accepted on the way in, and the draft says how many were.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..errors import UnreadableFileError
from ..ooxml import NS, DocxPackage, W
from .formatting import RunFormats
from .model import Block, Cell, DraftDocument, Item, Location, Para, Row, Story, Table
from .revisions import accept_all
from .styles import ListLabels, StyleSheet
from .text import OBJECT_CHAR, compare_key, object_signatures

_W = f"{{{W}}}"
_R_ID = f"{{{NS['r']}}}id"
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NOTE_SKIP = {"separator", "continuationSeparator", "continuationNotice"}


def read_blocks(path: str | os.PathLike | bytes) -> list[Block]:
    """A .docx as an ordered list of blocks (paragraphs, table rows) with text and location."""
    return read_draft(path).blocks()


def read_draft(path: str | os.PathLike | bytes) -> DraftDocument:
    """Read a draft for comparison; raises `UnreadableFileError` for anything that is not a sane .docx."""
    pkg = DocxPackage.open(path)
    name = "<bytes>" if isinstance(path, bytes) else Path(os.fspath(path)).name
    roots: dict[str, etree._Element] = {}
    accepted = 0

    def load(part: str) -> etree._Element:
        nonlocal accepted
        root = pkg.xml(part)
        accepted += accept_all(root)
        roots[part] = root
        return root

    doc_root = load("word/document.xml")
    body = doc_root.find(_W + "body")
    if body is None:
        raise UnreadableFileError(f"{name}: word/document.xml không có phần thân (w:body).")
    sheet = StyleSheet.from_xml(_optional(pkg, "word/styles.xml"))
    labels = ListLabels(_optional(pkg, "word/numbering.xml"))
    formats = RunFormats(sheet)
    reader = _StoryReader(sheet, labels, formats)
    reader.media = _media_digests(pkg, "word/document.xml")

    stories = [Story("body", 0, "word/document.xml", body, [], Location("body"))]
    stories[0].items = reader.items(body, stories[0].loc, top=True)

    rels = pkg.related_parts("word/document.xml")
    reader.section = ""  # headers and notes are not under a body heading
    for kind in ("header", "footer"):
        parts = _referenced_parts(body, kind, rels)
        for n, (part, slots) in enumerate(parts.items(), 1):
            if part not in pkg.parts:
                continue
            root = load(part)
            reader.media = _media_digests(pkg, part)
            loc = Location(kind, n, story_count=len(parts))
            stories.append(Story(kind, n, part, root, reader.items(root, loc), loc, tuple(slots)))
    for kind in ("footnote", "endnote"):
        part = next((p for t, p in rels.values() if t == _REL_BASE + kind + "s"), None)
        if part is None or part not in pkg.parts:
            continue
        root = load(part)
        reader.media = _media_digests(pkg, part)
        notes = [n for n in root.findall(_W + kind) if n.get(_W + "type") not in _NOTE_SKIP]
        for n, note in enumerate(notes, 1):
            loc = Location(kind, n, story_count=len(notes))
            stories.append(Story(kind, n, part, note, reader.items(note, loc), loc))

    notes_text = []
    if accepted:
        notes_text.append(f"{name}: đã chấp nhận {accepted} thay đổi được theo dõi có sẵn trong tệp trước khi so sánh.")
    return DraftDocument(str(path) if not isinstance(path, bytes) else "<bytes>", pkg, roots, stories,
                         accepted, notes_text, formats)


class _StoryReader:
    """Walks a container (body, cell, header, note) into items with locations."""

    def __init__(self, sheet: StyleSheet, labels: ListLabels, formats: RunFormats):
        self.sheet = sheet
        self.labels = labels
        self.formats = formats
        self.section = ""
        self.media: dict[str, str] = {}  # relationship id → digest of the picture, for the current part

    def items(self, container: etree._Element, loc: Location, *, top: bool = False) -> list[Item]:
        elements = list(block_elements(container))
        n_paras = sum(1 for e in elements if e.tag == _W + "p")
        out: list[Item] = []
        p_no = t_no = 0
        for el in elements:
            if el.tag == _W + "p":
                p_no += 1
                show = top or n_paras > 1
                out.append(self._para(el, loc.child("p", p_no, show=show), heading_ok=top))
            else:
                t_no += 1
                out.append(self._table(el, loc.child("t", t_no)))
        return out

    def _para(self, p: etree._Element, loc: Location, *, heading_ok: bool) -> Para:
        ppr = p.find(_W + "pPr")
        text, spans = self.formats.paragraph(p)
        heading = self.sheet.heading_level(ppr)
        label = self.labels.next_label(self.sheet.numbering(ppr))
        objects = object_signatures(p, self.media) if OBJECT_CHAR in text else ()
        key = compare_key(text) + ("\x00" + "\x02".join(objects) if objects else "")
        para = Para(p, text, key, loc, heading, label, self.section, objects, spans)
        if heading is not None and heading_ok and text.strip():
            self.section = clip(" ".join(filter(None, (label, text.strip()))), SECTION_CHARS)
        return para

    def _table(self, tbl: etree._Element, loc: Location) -> Table:
        grid = tbl.find(_W + "tblGrid")
        cols = len(grid.findall(_W + "gridCol")) if grid is not None else 0
        rows = []
        for r_no, tr in enumerate(table_rows(tbl), 1):
            rloc = loc.child("r", r_no)
            cells = []
            for c_no, tc in enumerate(row_cells(tr), 1):
                cloc = rloc.child("c", c_no)
                cells.append(Cell(tc, self.items(tc, cloc), cloc))
            rows.append(Row(tr, cells, rloc, self.section))
        return Table(tbl, rows, cols, loc, self.section)


def block_elements(container: etree._Element):
    """Paragraphs and tables of a container, looking through block-level content controls."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from block_elements(content)
        elif child.tag == _W + "customXml":
            yield from block_elements(child)


def table_rows(tbl: etree._Element):
    for child in tbl:
        if child.tag == _W + "tr":
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from (c for c in content if c.tag == _W + "tr")


def row_cells(tr: etree._Element):
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from (c for c in content if c.tag == _W + "tc")


def _referenced_parts(body: etree._Element, kind: str,
                      rels: dict[str, tuple[str, str]]) -> dict[str, list[tuple[int, str]]]:
    """Header (or footer) parts in the order the sections first refer to them, each with the
    `(section number, type)` places that use it (type: default, first or even)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for section, sect in enumerate(body.iter(_W + "sectPr"), 1):
        for ref in sect.findall(f"{_W}{kind}Reference"):
            rel = rels.get(ref.get(_R_ID, ""))
            if rel:
                out.setdefault(rel[1], []).append((section, ref.get(_W + "type") or "default"))
    return out


def core_modified(pkg: DocxPackage) -> str | None:
    """The package's `dcterms:modified` as `YYYY-MM-DDTHH:MM:SSZ` (UTC), or None."""
    root = _optional(pkg, "docProps/core.xml")
    el = root.find(f"{{{NS['dcterms']}}}modified") if root is not None else None
    text = (el.text or "").strip() if el is not None else ""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _media_digests(pkg: DocxPackage, part: str) -> dict[str, str]:
    """Relationship id → short digest of each picture a part refers to."""
    out = {}
    for rid, (rtype, target) in pkg.related_parts(part).items():
        if rtype.endswith("/image") and target in pkg.parts:
            out[rid] = hashlib.sha1(pkg.parts[target]).hexdigest()[:12]
    return out


def _optional(pkg: DocxPackage, part: str) -> etree._Element | None:
    return pkg.xml(part) if part in pkg.parts else None


SECTION_CHARS = 80


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with `…` when cut (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:") + "…"
