"""NEW's .docx carrying native tracked changes (`w:ins`/`w:del`) against OLD.

The output is NEW's own package: its runs, styles and layout are kept, and only the
differences are marked. Rules followed (see spec/ooxml-redline.md): one id counter above
every `w:id` already in the package; `w:author` and `w:date` on every revision; deleted
text as `w:delText` in runs inside `w:del`; whole inserted or deleted paragraphs also mark
their paragraph mark, whole rows their `w:trPr`; a trailing deleted (or inserted)
paragraph moves its mark revision to the paragraph before it, so that accepting (or
rejecting) leaves no empty paragraph behind (a whole table inside such a run goes with it;
LibreOffice 7.4, which drops a mark revision right before a table, still leaves one empty
paragraph when a table and the paragraph after it end a cell or the body and both go
away); a paragraph moved elsewhere is marked as a move (below), any other move as a
deletion plus an insertion; only the parts reportgen understands are written (`ooxml.keep_known_parts`: never
a .docm's macros, always a .docx content type); content copied from OLD gets its relationships re-created under new ids, fresh
`wp:docPr` ids, and loses bookmarks, comment anchors, note references and `w14` ids.

A moved paragraph is written with move markup (ECMA-376 §17.13.5): OLD's copy at the
old place with its runs in `w:moveFrom` and its mark `w:pPr/w:rPr/w:moveFrom`, NEW's at the
new place in `w:moveTo`, each inside a move range (`w:moveFromRangeStart`/`End`,
`w:moveToRangeStart`/`End`) whose `w:name` pairs the two halves. Accepting removes the
old copy, rejecting the new one; LibreOffice reads them as a deletion and an insertion.

A paragraph whose own properties changed (style, alignment, list, indents, spacing) gets a
`w:pPrChange` as the last child of its `w:pPr` holding OLD's paragraph properties.

A run whose text is in both drafts but whose formatting changed (bold, italic, underline,
size, font, colour, compared on effective values) gets a `w:rPrChange` as the last child
of its `w:rPr`, holding OLD's complete run properties: accepting keeps NEW's formatting,
rejecting restores OLD's. A character style OLD uses and NEW lacks is written out as the
properties it stood for. Changes in formatting alone never produce an empty revision.
LibreOffice 7.4 accepts and rejects all six itself, but when it saves such a file as
.docx it moves an old font name or colour out of `w:rPrChange` (bold, italic, underline
and size survive its round trip).

Headers, footers and notes are marked like the body when they exist in both drafts or
only in NEW. Headers and footers are paired by the section and type (default, first page,
even pages) that use them, so an OLD header is redlined into NEW's header of the same
type for the same section. One that has no such header in NEW (or whose NEW header is
already compared with another OLD one, a header NEW shares between sections), and a note
that exists only in OLD, are listed by the diff and named in a note, not written into the
redline (there is no place for them in NEW's package).
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..ooxml import NS, DocxPackage, W, deterministic_zip, keep_known_parts, serialize_xml
from ..ooxml.blocks import block_elements, paragraph_runs, row_cells, table_rows
from ..ooxml.text import leaf_text, shown_runs
from .align import Alignment, Op
from .formatting import RunFormats, TextFormat
from .model import Para, Story

_W = f"{{{W}}}"
_R = NS["r"]
_PR = NS["pr"]
_CT = NS["ct"]
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W14 = NS["w14"]
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_DROP_IN_COPIES = {_W + t for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                                     "commentReference", "footnoteReference", "endnoteReference",
                                     "permStart", "permEnd", "proofErr", "sectPr")}
_OBJECT_TAGS = {_W + "drawing", _W + "pict", _W + "object"}
_REVISION_TAGS = {_W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}
_RUN_WRAPPERS = {_W + t for t in ("ins", "del", "moveFrom", "moveTo")}
# What `w:pPrChange` may record (CT_PPrBase): a paragraph's properties but its mark's, its
# section's and an earlier change record.
_NOT_IN_PPR_CHANGE = {_W + t for t in ("rPr", "sectPr", "pPrChange")}
# The order of w:rPr's children in the schema (CT_RPr), for properties written out by hand.
_RPR_ORDER = {_W + t: n for n, t in enumerate((
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath"))}
_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
                "wmf": "image/x-wmf", "svg": "image/svg+xml"}
_SLOT_NAMES = {"default": "mặc định", "first": "trang đầu", "even": "trang chẵn"}
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def write_redline(alignment: Alignment, *, author: str, date: str) -> tuple[bytes, list[str]]:
    """NEW's package with OLD→NEW tracked changes, and notes on what could not be shown."""
    if not DATE_FORMAT.match(date):
        raise ValueError(f"date must look like 2024-12-10T00:00:00Z, got {date!r}")
    writer = _Writer(alignment, author, date)
    return writer.run(), writer.notes


@dataclass
class _Writer:
    alignment: Alignment
    author: str
    date: str
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.new_pkg: DocxPackage = self.alignment.new.package
        self.old_pkg: DocxPackage = self.alignment.old.package
        self.next_id = _max_attr(self.new_pkg, rb'\bw:id="(-?\d+)"') + 1
        self.next_docpr = _max_attr(self.new_pkg, rb'<wp:docPr\b[^>]*?\bid="(\d+)"') + 1
        self.rels: dict[str, etree._Element] = {}
        self.rel_map: dict[tuple[str, str, str], str | None] = {}
        self.extra_parts: dict[str, bytes] = {}
        self.content_types: etree._Element | None = None
        self.new_ns = set(self.alignment.new.roots["word/document.xml"].nsmap.values())
        self.old_formats: RunFormats | None = self.alignment.old.formats
        self.new_formats: RunFormats | None = self.alignment.new.formats
        self.mark_tags: dict[etree._Element, str] = {}  # whole paragraph → its mark's revision (ins, moveTo...)
        self.move_names: dict[int, str] = {}  # id of a move's delete op → the move's name

    # --- driving ----------------------------------------------------------------------

    def run(self) -> bytes:
        for op in self.alignment.stories:
            if op.kind == "change":
                self._items(op.items or [], op.new.container, op.old.part, op.new.part)
            elif op.kind == "insert":
                self._mark_story(op.new, "ins")
            elif op.kind == "delete":
                self.notes.append(self._only_in_old(op.old))
        parts = dict(self.new_pkg.parts)
        for name, root in self.alignment.new.roots.items():
            parts[name] = serialize_xml(root)
        for name, root in self.rels.items():
            parts[name] = serialize_xml(root)
        parts.update(self.extra_parts)
        if self.content_types is not None:
            parts["[Content_Types].xml"] = serialize_xml(self.content_types)
        parts, dropped = keep_known_parts(parts, Path(self.new_pkg.source).name)
        if dropped:
            shown = ", ".join(dropped[:5]) + (f" và {len(dropped) - 5} phần khác" if len(dropped) > 5 else "")
            self.notes.append(f"tệp đánh dấu thay đổi là tệp .docx không có macro; đã bỏ các phần reportgen "
                              f"không xử lý: {shown}.")
        return deterministic_zip(parts)

    def _items(self, ops: list[Op], container: etree._Element, old_part: str, new_part: str) -> None:
        """Mark one container (body, cell, header, note) and place OLD's deleted blocks in it."""
        cursor: etree._Element | None = None
        seq: list[tuple[etree._Element, str]] = []
        for op in ops:
            if op.kind == "equal":
                cursor = op.new.el
                seq.append((cursor, "E" if isinstance(op.new, Para) else "T"))
                if op.formats:
                    self._formats(op)
                if op.para:
                    self._paragraph_properties(op)
            elif op.kind == "change":
                cursor = op.new.el
                if isinstance(op.new, Para):
                    self._paragraph(op, old_part, new_part)
                    if op.para:
                        self._paragraph_properties(op)
                    seq.append((cursor, "E"))
                else:
                    self._rows(op.rows or [], op.new.el, old_part, new_part)
                    seq.append((cursor, "T"))
            elif op.kind == "insert":
                cursor = op.new.el
                if op.moved and isinstance(op.new, Para):
                    self._mark_move(cursor, "moveTo", self._move_name(op.partner))
                else:
                    self._mark_block(cursor, "ins")
                seq.append((cursor, "I" if isinstance(op.new, Para) else "TI"))
            else:
                block = self._import(op.old.el, old_part, new_part)
                if op.moved and isinstance(op.old, Para):
                    self._mark_move(block, "moveFrom", self._move_name(op))
                else:
                    self._mark_block(block, "del")
                _place_after(container, cursor, block)
                cursor = block
                seq.append((block, "D" if isinstance(op.old, Para) else "TD"))
        self._fix_trailing_mark(seq)

    def _rows(self, ops: list[Op], tbl: etree._Element, old_part: str, new_part: str) -> None:
        cursor: etree._Element | None = None
        for op in ops:
            if op.kind == "equal":
                cursor = op.new.el
            elif op.kind == "change":
                cursor = op.new.el
                for cell_ops, cell in zip(op.cells or [], op.new.cells, strict=True):
                    self._items(cell_ops, cell.el, old_part, new_part)
            elif op.kind == "insert":
                cursor = op.new.el
                self._mark_row(cursor, "ins")
            else:
                row = self._import(op.old.el, old_part, new_part)
                self._mark_row(row, "del")
                _place_after(tbl, cursor, row)
                cursor = row

    def _only_in_old(self, story: Story) -> str:
        """The note for a story that exists only in OLD: why it is not in the redline."""
        tail = "không thể hiện được trong tệp đánh dấu thay đổi."
        if story.kind not in ("header", "footer") or not story.slots:
            return f"{story.loc.label}: chỉ có trong bản cũ, {tail}"
        what = "đầu trang" if story.kind == "header" else "chân trang"
        used = {slot for s in self.alignment.new.story_group(story.kind) for slot in s.slots}
        places = "; ".join(f"phần {n} của văn bản, {_SLOT_NAMES.get(t, t)}" for n, t in story.slots)
        if any(slot in used for slot in story.slots):
            why = (f"{what} cùng loại của bản mới ({places}) là {what} dùng chung, "
                   f"đã được so sánh với một {what} khác của bản cũ")
        else:
            why = f"bản mới không có {what} riêng loại này ({places})"
        return f"{story.loc.label}: chỉ có trong bản cũ; {why}, nên {tail}"

    def _mark_story(self, story: Story, tag: str) -> None:
        for item in story.items:
            self._mark_block(item.el, tag)
        if tag == "ins" and story.kind in ("footnote", "endnote"):
            self.notes.append(f"{story.loc.label}: chú thích mới; nếu từ chối thay đổi, chú thích rỗng vẫn còn.")

    # --- whole blocks -----------------------------------------------------------------

    def _mark_block(self, el: etree._Element, tag: str) -> None:
        """Mark a whole paragraph or table as inserted (NEW's own) or deleted (a copy of OLD's)."""
        if el.tag == _W + "tbl":
            for tr in table_rows(el):
                self._mark_row(tr, tag)
            return
        runs = list(paragraph_runs(el))
        if tag == "del":
            for run in runs:
                _to_deleted_text(run)
        self._wrap(runs, tag)
        self._set_mark(el, tag)
        self.mark_tags[el] = tag

    def _mark_move(self, p: etree._Element, tag: str, name: str) -> None:
        """Mark a whole moved paragraph: its runs in `w:moveFrom` (OLD's copy, text kept as
        `w:t`) or `w:moveTo` (NEW's), its mark likewise, and the move range around its
        content (`w:moveFromRangeStart`/`End`, the same `w:name` at both ends of the move)."""
        self._wrap(list(paragraph_runs(p)), tag)
        self._set_mark(p, tag)
        self.mark_tags[p] = tag
        rid = str(self.next_id)
        self.next_id += 1
        start = etree.Element(f"{_W}{tag}RangeStart", {_W + "id": rid, _W + "author": self.author,
                                                        _W + "date": self.date, _W + "name": name})
        ppr = p.find(_W + "pPr")
        p.insert(0 if ppr is None else p.index(ppr) + 1, start)
        etree.SubElement(p, f"{_W}{tag}RangeEnd", {_W + "id": rid})

    def _move_name(self, delete_op: Op) -> str:
        """The name both halves of a move share (`move1`, `move2`...)."""
        key = id(delete_op)
        if key not in self.move_names:
            self.move_names[key] = f"move{len(self.move_names) + 1}"
        return self.move_names[key]

    def _mark_row(self, tr: etree._Element, tag: str) -> None:
        trpr = tr.find(_W + "trPr")
        if trpr is None:
            trpr = etree.Element(_W + "trPr")
            prex = tr.find(_W + "tblPrEx")
            tr.insert(0 if prex is None else tr.index(prex) + 1, trpr)
        if trpr.find(_W + tag) is None:
            trpr.append(self._revision(tag))
        for tc in row_cells(tr):
            for block in block_elements(tc):
                self._mark_block(block, tag)

    def _fix_trailing_mark(self, seq: list[tuple[etree._Element, str]]) -> None:
        """A paragraph mark cannot join a table or the container's end.

        `seq` is the container's blocks with their status: `E` paragraph in both drafts,
        `I`/`D` whole inserted/deleted paragraph, `T` table in both drafts, `TI`/`TD` whole
        inserted/deleted table. For each run of whole inserted (or deleted) blocks that
        ends with a paragraph and is followed by a table or by the end of its container,
        the last paragraph keeps a plain mark and the paragraph before the run carries the
        revision instead: accepting or rejecting then joins that paragraph with the run's
        last one and leaves no empty paragraph (Word and LibreOffice agree). A whole table
        inside the run goes with it: a deleted table followed by the container's last
        paragraph, deleted too, now accepts to no empty paragraph (it used to leave one
        at the end of a cell). LibreOffice 7.4 still leaves one there: it drops a revision
        on a paragraph mark right before a table, and never removes a container's last
        paragraph, so no mark can carry that change for it.
        """
        seq = list(seq)
        end = len(seq)
        while end > 0:
            status = seq[end - 1][1]
            if status not in ("I", "D"):
                end -= 1
                continue
            start = end - 1
            while start > 0 and seq[start - 1][1] in (status, "T" + status):
                start -= 1
            followed = seq[end][1] if end < len(seq) else "END"
            if not followed.startswith(("T", "END")) or start == 0:
                end = start
                continue
            before, before_status = seq[start - 1]
            if before_status.startswith("T"):
                end = start
                continue
            if before_status != "E":
                if seq[start][1] != status:
                    end = start  # the run opens with a table: nothing to fuse with
                    continue
                # A deleted paragraph next to an inserted one: LibreOffice keeps only one
                # revision on a paragraph mark, so the two become one paragraph holding the
                # deleted and the inserted runs, with a mark present in both drafts.
                fused = _fuse(before, seq[start][0], deleted_first=before_status == "D")
                seq[start - 1:start + 1] = [(fused, "E")]
                end -= 1
                continue
            # The paragraph before gets a plain insertion (deletion) of its mark even when the
            # run ends with a moved paragraph: the new mark is not moved content, and
            # LibreOffice drops a `w:moveTo` on a paragraph mark.
            self._set_mark(before, "ins" if status == "I" else "del")
            _clear_mark(seq[end - 1][0], self.mark_tags.get(seq[end - 1][0], "ins" if status == "I" else "del"))
            end = start

    # --- a changed paragraph ----------------------------------------------------------

    def _paragraph(self, op: Op, old_part: str, new_part: str) -> None:
        """Mark word-level changes inside NEW's paragraph, inserting OLD's deleted words."""
        new_p, old_p = op.new.el, op.old.el
        segments = [s for s in op.words or [] if s.op != "equal"]
        cuts = sorted({x for s in segments for x in (s.new_start, s.new_end)})
        _split_runs(new_p, cuts)
        spans = _run_spans(new_p)
        for seg in segments:
            inserted = [r for r, a, b in spans
                        if a >= seg.new_start and b <= seg.new_end and (b > a or seg.new_start < a < seg.new_end)]
            if seg.new_end > seg.new_start:
                self._wrap(inserted, "ins")
            if seg.old_end <= seg.old_start:
                continue
            deleted = etree.Element(_W + "del", self._attrs())
            for run in _slice_runs(old_p, seg.old_start, seg.old_end):
                deleted.append(self._import(run, old_part, new_part))
            if len(deleted) == 0:
                continue
            if inserted:
                _outer(inserted[0]).addprevious(deleted)
                continue
            before = [r for r, a, b in spans if b == seg.new_start and b > a]
            after = [r for r, a, b in spans if a == seg.new_start and b > a]
            if before:
                _outer(before[-1]).addnext(deleted)
            elif after:
                _outer(after[0]).addprevious(deleted)
            else:
                new_p.append(deleted)
        if op.formats:
            self._formats(op)

    # --- formatting of unchanged text --------------------------------------------------

    def _formats(self, op: Op) -> None:
        """Give each NEW run whose formatting changed a `w:rPrChange` with OLD's run properties."""
        edits = op.formats or []
        new_p = op.new.el
        _split_runs(new_p, sorted({x for e in edits for x in (e.new_start, e.new_end)}))
        old_runs = [(r, a, b) for r, a, b in _run_spans(op.old.el) if b > a]
        for run, a, b in _run_spans(new_p):
            edit = next((e for e in edits if e.new_start <= a and b <= e.new_end), None) if b > a else None
            if edit is None:
                continue
            pos = edit.old_position(a)
            old_run = next((r for r, s, t in old_runs if s <= pos < t), None)
            if old_run is not None:
                self._record_old_properties(run, old_run.find(_W + "rPr"), edit.old, edit.new, op.old.el)

    def _record_old_properties(self, run: etree._Element, old_rpr: etree._Element | None, old: TextFormat,
                               new: TextFormat, old_p: etree._Element) -> None:
        """Append `w:rPrChange` (OLD's complete properties) to a run's `w:rPr`, if they differ in effect."""
        rpr = run.find(_W + "rPr")
        if old == new:
            return  # the same formatting in effect: a revision here would change nothing
        if rpr is None:
            rpr = etree.Element(_W + "rPr")
            run.insert(0, rpr)
        for stale in rpr.findall(_W + "rPrChange"):
            rpr.remove(stale)
        change = etree.SubElement(rpr, _W + "rPrChange", self._attrs())
        recorded = etree.SubElement(change, _W + "rPr")
        for child in self._old_properties(old_rpr, old, old_p):
            recorded.append(child)

    def _old_properties(self, old_rpr: etree._Element | None, shown: TextFormat,
                        old_p: etree._Element) -> list[etree._Element]:
        """Copies of OLD's run properties; a character style NEW lacks becomes the formatting
        it added (what `shown` has that the run would not have without it), written out."""
        if old_rpr is None:
            return []
        items = [copy.deepcopy(c) for c in old_rpr if c.tag not in _REVISION_TAGS and isinstance(c.tag, str)]
        style = next((c for c in items if c.tag == _W + "rStyle"), None)
        if style is None or self.new_formats is None or self.new_formats.resolver.has_style(style.get(_W + "val")):
            return items
        items.remove(style)
        present = {c.tag for c in items}
        without = etree.Element(_W + "rPr")
        without.extend(copy.deepcopy(c) for c in items)
        resolver = self.old_formats.resolver if self.old_formats is not None else None
        para_style = resolver.paragraph_style_id(old_p.find(_W + "pPr")) if resolver is not None else None
        base = self.old_formats.properties_format(without, para_style) if self.old_formats is not None else None
        spelled = [e for e in _property_elements(shown, base) if e.tag not in present]
        return sorted(items + spelled, key=lambda e: _RPR_ORDER.get(e.tag, len(_RPR_ORDER)))

    def _paragraph_properties(self, op: Op) -> None:
        """Give NEW's paragraph a `w:pPrChange` (the last child of its `w:pPr`) holding OLD's
        paragraph properties: rejecting restores OLD's style, alignment, list and spacing."""
        p = op.new.el
        ppr = p.find(_W + "pPr")
        if ppr is None:
            ppr = etree.Element(_W + "pPr")
            p.insert(0, ppr)
        for stale in ppr.findall(_W + "pPrChange"):
            ppr.remove(stale)
        change = etree.SubElement(ppr, _W + "pPrChange", self._attrs())
        recorded = etree.SubElement(change, _W + "pPr")
        old_ppr = op.old.el.find(_W + "pPr")
        for child in old_ppr if old_ppr is not None else ():
            if isinstance(child.tag, str) and child.tag not in _NOT_IN_PPR_CHANGE:
                recorded.append(copy.deepcopy(child))

    # --- markup helpers ---------------------------------------------------------------

    def _revision(self, tag: str) -> etree._Element:
        return etree.Element(_W + tag, self._attrs())

    def _attrs(self) -> dict[str, str]:
        rid = self.next_id
        self.next_id += 1
        return {_W + "id": str(rid), _W + "author": self.author, _W + "date": self.date}

    def _wrap(self, runs: list[etree._Element], tag: str) -> None:
        """Wrap runs in `w:ins`/`w:del`, one wrapper per group of adjacent sibling runs."""
        groups: list[list[etree._Element]] = []
        for run in runs:
            parent = run.getparent()
            if parent is None or parent.tag in _RUN_WRAPPERS:
                continue
            if groups and groups[-1][-1].getnext() is run:
                groups[-1].append(run)
            else:
                groups.append([run])
        for group in groups:
            wrapper = self._revision(tag)
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)

    def _set_mark(self, p: etree._Element, tag: str) -> None:
        ppr = p.find(_W + "pPr")
        if ppr is None:
            ppr = etree.Element(_W + "pPr")
            p.insert(0, ppr)
        rpr = ppr.find(_W + "rPr")
        if rpr is None:
            rpr = etree.Element(_W + "rPr")
            later = [c for c in ppr if c.tag in (_W + "sectPr", _W + "pPrChange")]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        if rpr.find(_W + tag) is not None:
            return
        ins = rpr.find(_W + "ins")
        rpr.insert(1 if tag == "del" and ins is not None else 0, self._revision(tag))

    # --- content copied from OLD ------------------------------------------------------

    def _import(self, el: etree._Element, old_part: str, new_part: str) -> etree._Element:
        """A copy of OLD's element made safe to live in NEW's package."""
        out = copy.deepcopy(el)
        for node in list(out.iter()):
            if node.tag in _DROP_IN_COPIES and node.getparent() is not None:
                node.getparent().remove(node)
        for node in out.iter():
            if not isinstance(node.tag, str):
                continue
            for name in list(node.attrib):
                ns = name[1:].split("}", 1)[0] if name.startswith("{") else ""
                if ns == _W14 or (ns and ns not in self.new_ns and ns != "http://www.w3.org/XML/1998/namespace"):
                    del node.attrib[name]
                elif ns == _R:
                    new_id = self._map_rel(old_part, new_part, node.attrib[name])
                    if new_id is None:
                        _drop_reference(node, name)
                    else:
                        node.attrib[name] = new_id
            if node.tag == f"{{{NS['wp']}}}docPr":
                node.set("id", str(self.next_docpr))
                self.next_docpr += 1
        return out

    def _map_rel(self, old_part: str, new_part: str, rid: str) -> str | None:
        key = (old_part, new_part, rid)
        if key in self.rel_map:
            return self.rel_map[key]
        result = None
        rel = _read_rels(self.old_pkg, old_part).get(rid)
        if rel is not None:
            rtype, target, external = rel
            if external and rtype == _HYPERLINK_REL:
                result = self._add_rel(new_part, rtype, target, external=True)
            elif not external and rtype == _IMAGE_REL:
                src = _resolve(old_part, target)
                if src in self.old_pkg.parts:
                    result = self._add_rel(new_part, rtype, self._copy_media(src, new_part), external=False)
        self.rel_map[key] = result
        return result

    def _copy_media(self, src: str, new_part: str) -> str:
        ext = posixpath.splitext(src)[1].lstrip(".").lower() or "bin"
        n = 1
        while f"word/media/reportgen-old-{n}.{ext}" in self.new_pkg.parts or \
                f"word/media/reportgen-old-{n}.{ext}" in self.extra_parts:
            n += 1
        name = f"word/media/reportgen-old-{n}.{ext}"
        self.extra_parts[name] = self.old_pkg.parts[src]
        self._ensure_content_type(ext)
        return posixpath.relpath(name, posixpath.dirname(new_part))

    def _add_rel(self, new_part: str, rtype: str, target: str, *, external: bool) -> str:
        rels_name = _rels_name(new_part)
        root = self.rels.get(rels_name)
        if root is None:
            root = (self.new_pkg.xml(rels_name) if rels_name in self.new_pkg.parts
                    else etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR}))
            self.rels[rels_name] = root
        used = {r.get("Id") for r in root}
        n = 1
        while f"rIdRg{n}" in used:
            n += 1
        rid = f"rIdRg{n}"
        attrs = {"Id": rid, "Type": rtype, "Target": target}
        if external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{_PR}}}Relationship", attrs)
        return rid

    def _ensure_content_type(self, ext: str) -> None:
        if self.content_types is None:
            self.content_types = self.new_pkg.xml("[Content_Types].xml")
        for d in self.content_types.findall(f"{{{_CT}}}Default"):
            if (d.get("Extension") or "").lower() == ext:
                return
        etree.SubElement(self.content_types, f"{{{_CT}}}Default",
                         {"Extension": ext, "ContentType": _IMAGE_TYPES.get(ext, "application/octet-stream")})


def _property_elements(fmt: TextFormat, base: TextFormat | None) -> list[etree._Element]:
    """`w:rPr` children that set the compared properties where `fmt` differs from `base`."""
    out = []

    def differs(name: str) -> bool:
        return base is None or getattr(fmt, name) != getattr(base, name)

    if differs("font") and fmt.font and " / " not in fmt.font and not fmt.font.startswith("chủ đề"):
        out.append(etree.Element(_W + "rFonts", {_W + "ascii": fmt.font, _W + "hAnsi": fmt.font}))
    if differs("bold"):
        out.append(etree.Element(_W + "b", {} if fmt.bold else {_W + "val": "0"}))
    if differs("italic"):
        out.append(etree.Element(_W + "i", {} if fmt.italic else {_W + "val": "0"}))
    if differs("color") and fmt.color and not fmt.color.startswith("chủ đề"):
        out.append(etree.Element(_W + "color", {_W + "val": fmt.color}))
    if differs("size") and fmt.size:
        out.append(etree.Element(_W + "sz", {_W + "val": str(fmt.size)}))
    if differs("underline"):
        out.append(etree.Element(_W + "u", {_W + "val": str(fmt.underline or "none")}))
    return out


# --- run surgery -------------------------------------------------------------------------


def _run_spans(p: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """Each run of a paragraph with the offsets of the text it shows (as the reader saw it)."""
    spans, pos = [], 0
    for run, text in shown_runs(p):
        spans.append((run, pos, pos + len(text)))
        pos += len(text)
    return spans


def _split_runs(p: etree._Element, cuts: list[int]) -> None:
    """Split runs so that every cut offset falls on a run boundary."""
    for run, start, end in _run_spans(p):
        inner = [c - start for c in cuts if start < c < end]
        for k in reversed(inner):  # right to left keeps earlier offsets valid
            _split_run(run, k)


def _split_run(run: etree._Element, k: int) -> etree._Element:
    """Cut `run` after its k-th character; the right part becomes a new run after it."""
    right = etree.Element(run.tag, dict(run.attrib))
    rpr = run.find(_W + "rPr")
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    pos, moving = 0, False
    for child in list(run):
        if child.tag == _W + "rPr":
            continue
        if moving:
            right.append(child)
            continue
        n = len(leaf_text(child))
        if pos + n <= k:
            pos += n
            continue
        if pos >= k:
            moving = True
            right.append(child)
            continue
        text = child.text or ""
        cut = k - pos
        child.text = text[:cut]
        child.set(_XML_SPACE, "preserve")
        tail = etree.SubElement(right, _W + "t")
        tail.text = text[cut:]
        tail.set(_XML_SPACE, "preserve")
        moving = True
        pos += n
    run.addnext(right)
    return right


def _slice_runs(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Copies of OLD's runs cut to the characters [start, end), as deleted runs."""
    out = []
    for run, a, b in _run_spans(p):
        if b <= start or a >= end or b == a:
            continue
        piece = etree.Element(run.tag)
        rpr = run.find(_W + "rPr")
        if rpr is not None:
            piece.append(copy.deepcopy(rpr))
        pos = a
        for child in run:
            n = len(leaf_text(child))
            lo, hi = max(start, pos), min(end, pos + n)
            if n and lo < hi:
                part = copy.deepcopy(child)
                if child.tag == _W + "t":
                    part.text = (child.text or "")[lo - pos:hi - pos]
                piece.append(part)
            pos += n
        if len(piece) > (rpr is not None):
            _to_deleted_text(piece)
            out.append(piece)
    return out


def _to_deleted_text(run: etree._Element) -> None:
    for child in run:
        if child.tag == _W + "t":
            child.tag = _W + "delText"
            child.set(_XML_SPACE, "preserve")
        elif child.tag == _W + "instrText":
            child.tag = _W + "delInstrText"


def _fuse(first: etree._Element, second: etree._Element, *, deleted_first: bool) -> etree._Element:
    """Join a whole deleted and a whole inserted paragraph into NEW's one, with a plain mark."""
    deleted, inserted = (first, second) if deleted_first else (second, first)
    content = [c for c in deleted if c.tag != _W + "pPr"]
    ppr = inserted.find(_W + "pPr")
    if deleted_first:
        index = 0 if ppr is None else inserted.index(ppr) + 1
        for offset, child in enumerate(content):
            inserted.insert(index + offset, child)
    else:
        for child in content:
            inserted.append(child)
    deleted.getparent().remove(deleted)
    for tag in ("ins", "del", "moveFrom", "moveTo"):
        _clear_mark(inserted, tag)
    return inserted


def _clear_mark(p: etree._Element, tag: str) -> None:
    rpr = p.find(f"{_W}pPr/{_W}rPr")
    if rpr is not None:
        for mark in rpr.findall(_W + tag):
            rpr.remove(mark)


def _outer(run: etree._Element) -> etree._Element:
    parent = run.getparent()
    return parent if parent is not None and parent.tag in _RUN_WRAPPERS else run


def _place_after(container: etree._Element, cursor: etree._Element | None, block: etree._Element) -> None:
    if cursor is not None:
        cursor.addnext(block)
        return
    skip = {_W + "tcPr", _W + "tblPr", _W + "tblGrid", _W + "tblPrEx"}
    index = 0
    while index < len(container) and container[index].tag in skip:
        index += 1
    container.insert(index, block)


def _drop_reference(node: etree._Element, attr: str) -> None:
    """A relationship that cannot be re-created: drop the object that needs it, or the link."""
    holder = node
    while holder is not None and holder.tag not in _OBJECT_TAGS:
        holder = holder.getparent()
    if holder is not None and holder.getparent() is not None:
        holder.getparent().remove(holder)
    else:
        del node.attrib[attr]


# --- package helpers ---------------------------------------------------------------------


def _max_attr(pkg: DocxPackage, pattern: bytes) -> int:
    rx = re.compile(pattern)
    best = 0
    for name, data in pkg.parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            for m in rx.finditer(data):
                best = max(best, int(m.group(1)))
    return best


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return f"{folder}/_rels/{base}.rels"


def _read_rels(pkg: DocxPackage, part: str) -> dict[str, tuple[str, str, bool]]:
    root = pkg.xml_or_none(_rels_name(part))
    if root is None:
        return {}
    return {r.get("Id", ""): (r.get("Type", ""), r.get("Target", ""), r.get("TargetMode") == "External")
            for r in root}


def _resolve(part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))

