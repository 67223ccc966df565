"""Read a .docx draft into stories of paragraphs and tables, each with text and a location.

Hostile files are refused by `DocxPackage` (not a zip, missing parts, entity bombs,
oversized entries) with an `UnreadableFileError` (exit 2). Tracked changes already in the
draft are accepted on the way in, and the draft says how many were.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lxml import etree

from ..errors import UnreadableFileError
from ..ooxml import DocxPackage, W
from ..ooxml.blocks import P, block_elements, grid_columns, row_cells, table_rows
from ..ooxml.sections import section_properties, story_references
from .formatting import RunFormats
from .model import Block, Cell, DraftDocument, Item, Location, Para, Row, Story, Table
from .revisions import accept_all
from .text import OBJECT_CHAR, object_descriptions, object_signatures, paragraph_key

_W = f"{{{W}}}"
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
    formats = RunFormats.of(pkg)
    reader = _StoryReader(formats)
    reader.media, reader.media_names = _media(pkg, "word/document.xml")

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
            reader.media, reader.media_names = _media(pkg, part)
            loc = Location(kind, n, story_count=len(parts))
            stories.append(Story(kind, n, part, root, reader.items(root, loc), loc, tuple(slots)))
    for kind in ("footnote", "endnote"):
        part = next((p for t, p in rels.values() if t == _REL_BASE + kind + "s"), None)
        if part is None or part not in pkg.parts:
            continue
        root = load(part)
        reader.media, reader.media_names = _media(pkg, part)
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

    def __init__(self, formats: RunFormats):
        self.formats = formats
        self.resolver = formats.resolver
        self.labels = formats.labels
        self.section = ""
        self.media: dict[str, str] = {}  # relationship id → digest of the picture, for the current part
        self.media_names: dict[str, str] = {}  # relationship id → the picture's file name in the package

    def items(self, container: etree._Element, loc: Location, *, top: bool = False,
              table_style: str | None = None) -> list[Item]:
        elements = list(block_elements(container))
        n_paras = sum(1 for e in elements if e.tag == P)
        out: list[Item] = []
        p_no = t_no = 0
        for el in elements:
            if el.tag == P:
                p_no += 1
                show = top or n_paras > 1
                para = self._para(el, loc.child("p", p_no, show=show), heading_ok=top, table_style=table_style)
                if not _only_a_section_break(para):
                    out.append(para)
            else:
                t_no += 1
                out.append(self._table(el, loc.child("t", t_no)))
        return out

    def _para(self, p: etree._Element, loc: Location, *, heading_ok: bool, table_style: str | None) -> Para:
        text, spans, fmt = self.formats.paragraph(p, table_style)
        heading = self.resolver.heading_level(fmt)
        label = self.labels.next_label(fmt.num)
        objects = object_signatures(p, self.media) if OBJECT_CHAR in text else ()
        names = object_descriptions(p, self.media_names) if objects else ()
        key = paragraph_key(p, text, objects)
        para = Para(p, text, key, loc, heading, label, self.section, objects, spans, self.formats.look(fmt), names)
        if heading is not None and heading_ok and text.strip():
            self.section = clip(" ".join(filter(None, (label, text.strip()))), SECTION_CHARS)
        return para

    def _table(self, tbl: etree._Element, loc: Location) -> Table:
        cols = grid_columns(tbl)
        named = tbl.find(f"{_W}tblPr/{_W}tblStyle")
        style = self.resolver.table_style_id(named.get(_W + "val") if named is not None else None)
        rows = []
        for r_no, tr in enumerate(table_rows(tbl), 1):
            rloc = loc.child("r", r_no)
            cells = []
            for c_no, tc in enumerate(row_cells(tr), 1):
                cloc = rloc.child("c", c_no)
                cells.append(Cell(tc, self.items(tc, cloc, table_style=style), cloc))
            rows.append(Row(tr, cells, rloc, self.section))
        return Table(tbl, rows, cols, loc, self.section)





def _only_a_section_break(para: Para) -> bool:
    """An empty paragraph that only carries a section break is layout, not content: Word
    needs it, LibreOffice folds the break into the paragraph before when it saves."""
    return not para.text and para.el.find(f"{_W}pPr/{_W}sectPr") is not None and "\x03" not in para.key


def _referenced_parts(body: etree._Element, kind: str,
                      rels: dict[str, tuple[str, str]]) -> dict[str, list[tuple[int, str]]]:
    """Header (or footer) parts in the order the sections first show them, each with the
    `(section number, type)` places that show it (type: default, first or even), a type a
    section does not name being the previous section's."""
    out: dict[str, list[tuple[int, str]]] = {}
    shown = story_references(section_properties(body), rels, kind)
    for section, refs in enumerate(shown, 1):
        for slot, part in refs.items():
            out.setdefault(part, []).append((section, slot))
    return out



def _media(pkg: DocxPackage, part: str) -> tuple[dict[str, str], dict[str, str]]:
    """Relationship id → short digest, and → file name, of each picture a part refers to."""
    digests, names = {}, {}
    for rid, (rtype, target) in pkg.related_parts(part).items():
        if rtype.endswith("/image") and target in pkg.parts:
            digests[rid] = hashlib.sha1(pkg.parts[target]).hexdigest()[:12]
            names[rid] = target.rsplit("/", 1)[-1]
    return digests, names


SECTION_CHARS = 80


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with `…` when cut (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:") + "…"
