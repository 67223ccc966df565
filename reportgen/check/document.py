"""A .docx read for checking: paragraphs, tables, sections and headers with resolved formatting.

`read_document` walks `word/document.xml` once and gives every paragraph its visible
text, its runs with effective formatting (see `styles.py`), its drawings and fields, and
a place a user can find (`Đoạn 12`, `Bảng 1, hàng 2, cột 1`). Text outside the body's
paragraphs is read too: headers and footers, footnotes and endnotes (`Chú thích cuối
trang 1`) and text boxes (`Hộp văn bản 1 (Đoạn 12)`). Nothing here knows the decree;
`structure.py` and the rules build on it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import UnreadableFileError
from ..ooxml import NS, DocxPackage, int_value, is_on
from ..ooxml.blocks import block_elements, grid_span, paragraph_runs, row_cells, table_rows
from ..ooxml.sections import story_references
from ..ooxml.styles import ParaFormat, RunFormat, StyleResolver
from ..ooxml.text import OBJECT_CHAR, field_codes, leaf_text

_W = f"{{{NS['w']}}}"
_MC = f"{{{NS['mc']}}}"
_DRAWINGS = {f"{_W}drawing", f"{_W}pict", f"{_MC}AlternateContent", f"{_W}object"}
_EXCERPT = 40


@dataclass(frozen=True)
class Run:
    """A stretch of visible text with one formatting."""

    text: str
    fmt: RunFormat


@dataclass(frozen=True)
class Line:
    """One visual line of a paragraph (paragraphs split at `w:br`), with its runs."""

    text: str
    runs: tuple[Run, ...]


@dataclass(eq=False)
class Para:
    """A paragraph: visible text, runs with effective formatting, and where it is."""

    el: etree._Element = field(repr=False)
    text: str
    runs: list[Run] = field(repr=False)
    fmt: ParaFormat = field(repr=False)
    mark: RunFormat = field(repr=False)  # formatting text would get with no direct run formatting
    has_drawing: bool
    fields: frozenset[str]  # first word of each field instruction: PAGE, NUMPAGES...
    place: str
    section: int = 1
    page_breaks: int = 0  # `w:br w:type="page"` in the runs
    rendered_breaks: int = 0  # `w:lastRenderedPageBreak`: where Word last started a new page
    body_index: int | None = None
    row: int | None = None
    col: int | None = None

    @property
    def stripped(self) -> str:
        return " ".join(self.text.split())

    @property
    def location(self) -> str:
        """`Đoạn 12: «Sở Y tế đã…»` — the place and a short excerpt."""
        return f"{self.place}: «{excerpt(self.text)}»"

    def lines(self) -> list[Line]:
        """The paragraph's visual lines, split at line breaks."""
        lines: list[Line] = []
        text_parts: list[str] = []
        runs: list[Run] = []
        for run in self.runs:
            pieces = run.text.split("\n")
            for i, piece in enumerate(pieces):
                if i > 0:
                    lines.append(Line("".join(text_parts), tuple(runs)))
                    text_parts, runs = [], []
                if piece:
                    text_parts.append(piece)
                    runs.append(Run(piece, run.fmt))
        lines.append(Line("".join(text_parts), tuple(runs)))
        return lines

    def text_runs(self) -> list[Run]:
        """Runs that hold visible non-space characters."""
        return [r for r in self.runs if r.text.strip()]


@dataclass(eq=False)
class Table:
    """A body-level table; paragraphs of nested tables belong to the outer cell."""

    el: etree._Element = field(repr=False)
    index: int
    ncols: int
    cells: list[tuple[int, int, list[Para]]] = field(repr=False)  # (row, col, paragraphs), 1-based
    section: int = 1
    nested: list[Table] = field(default_factory=list, repr=False)  # tables inside its cells, any depth

    def column(self, col: int) -> list[Para]:
        """Every paragraph of column `col` (1-based), row after row."""
        return [p for r, c, paras in self.cells if c == col for p in paras]

    @property
    def paragraphs(self) -> list[Para]:
        return [p for _, _, paras in self.cells for p in paras]

    @property
    def place(self) -> str:
        return f"Bảng {self.index}"


@dataclass
class Section:
    """A section of the document: page setup and the header/footer parts it shows."""

    index: int
    width: int | None  # twips
    height: int | None
    margins: dict[str, int]  # top, bottom, left, right (twips; gutter added to left)
    title_page: bool
    headers: dict[str, str] = field(default_factory=dict)  # default/first/even -> part name, inherited
    footers: dict[str, str] = field(default_factory=dict)
    has_table: bool = False
    page_start: int | None = None  # `w:pgNumType w:start`: numbering restarts at this number
    continuous: bool = False  # `w:type="continuous"`: the section starts on the same page

    @property
    def place(self) -> str:
        return f"Phần {self.index} (section)"


@dataclass
class Document:
    """Everything the rules look at."""

    name: str
    blocks: list[Para | Table]
    sections: list[Section]
    parts: dict[str, list[Para]]  # header/footer part name -> its paragraphs
    even_and_odd_headers: bool
    part_fields: dict[str, frozenset[str]] = field(default_factory=dict)  # fields anywhere in a part
    notes: list[Para] = field(default_factory=list)  # footnotes, then endnotes, in reference order
    text_boxes: list[Para] = field(default_factory=list)  # paragraphs of text boxes (w:txbxContent)
    default_tab_stop: int = 720  # twips between default tab stops (`w:defaultTabStop`)

    @property
    def paragraphs(self) -> list[Para]:
        """Body-level paragraphs, in order."""
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def all_paragraphs(self) -> list[Para]:
        """Every paragraph with text a reader sees: body and tables, the headers and footers
        Word shows, footnotes and endnotes, text boxes."""
        out: list[Para] = []
        for b in self.blocks:
            out.extend(b.paragraphs if isinstance(b, Table) else [b])
        shown = self.shown_parts()
        for part, paras in self.parts.items():
            if part in shown:
                out.extend(paras)
        out.extend(self.notes)
        out.extend(self.text_boxes)
        return out


    def shown_parts(self) -> set[str]:
        """Header and footer parts Word shows: the default ones, the first-page ones of a
        section with a different first page, the even-page ones with different odd and
        even headers (`w:evenAndOddHeaders`)."""
        shown: set[str] = set()
        for s in self.sections:
            for refs in (s.headers, s.footers):
                for kind, part in refs.items():
                    if kind == "default" or (kind == "first" and s.title_page) or (
                            kind == "even" and self.even_and_odd_headers):
                        shown.add(part)
        return shown


def excerpt(text: str) -> str:
    """A short, one-line excerpt of `text` for a location."""
    flat = unicodedata.normalize("NFC", " ".join(text.split()))
    if not flat:
        return "(đoạn trống)"
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT].rstrip() + "…"


def read_document(pkg: DocxPackage) -> Document:
    """Read a package into a `Document` (raises `UnreadableFileError` if it has no body)."""
    return _Reader(pkg).read()


# -- reading ----------------------------------------------------------------------------


class _Reader:
    def __init__(self, pkg: DocxPackage):
        self.pkg = pkg
        self.name = Path(pkg.source).name
        self.rels = pkg.related_parts("word/document.xml")
        self.resolver = StyleResolver.of(pkg)
        settings = pkg.related_xml("/settings", "word/settings.xml")
        self.even_odd = settings is not None and is_on(settings.find(f"{_W}evenAndOddHeaders"))
        tab_stop = settings.find(f"{_W}defaultTabStop") if settings is not None else None
        tab_value = int_value(tab_stop.get(f"{_W}val")) if tab_stop is not None else None
        self.default_tab_stop = tab_value if tab_value and tab_value > 0 else 720
        self.body_count = 0
        self.table_count = 0
        self.box_count = 0

    def read(self) -> Document:
        root = self.pkg.xml("word/document.xml")
        body = root.find(f"{_W}body")
        if root.tag != f"{_W}document" or body is None:
            raise UnreadableFileError(f"{self.name}: word/document.xml không có phần thân văn bản (w:body).")
        blocks: list[Para | Table] = []
        sect_prs: list[etree._Element | None] = []
        section = 1
        for el in block_elements(body, sections=True):
            if el.tag == f"{_W}p":
                para = self._para(el, None)
                self.body_count += 1
                para.body_index = self.body_count
                para.place = f"Đoạn {self.body_count}"
                para.section = section
                blocks.append(para)
                sp = el.find(f"{_W}pPr/{_W}sectPr")
                if sp is not None:
                    sect_prs.append(sp)
                    section += 1
            elif el.tag == f"{_W}tbl":
                table = self._table(el)
                table.section = section
                for p in table.paragraphs:
                    p.section = section
                blocks.append(table)
            elif el.tag == f"{_W}sectPr":
                sect_prs.append(el)
        if len(sect_prs) < section:
            sect_prs.append(None)  # last section without a sectPr: Word's defaults
        sections = self._sections(sect_prs)
        for b in blocks:
            if isinstance(b, Table) and b.section <= len(sections):
                sections[b.section - 1].has_table = True
        parts, part_fields, part_roots = self._header_parts(sections)
        doc = Document(self.name, blocks, sections, parts, self.even_odd, part_fields,
                       default_tab_stop=self.default_tab_stop)
        doc.text_boxes = self._text_boxes(blocks, body, parts, part_roots)
        doc.notes = self._notes(root)
        return doc

    # -- paragraphs and tables

    def _para(self, p: etree._Element, table_style: str | None, place: str = "") -> Para:
        p_pr = p.find(f"{_W}pPr")
        fmt = self.resolver.paragraph(p_pr, table_style)
        scan = _Scan()
        for simple in p.iter(f"{_W}fldSimple"):
            words = (simple.get(f"{_W}instr") or "").split()
            if words:
                scan.fields.add(words[0].upper())
        runs: list[Run] = []
        for r in paragraph_runs(p):
            text = scan.run_text(r)
            if text:
                rfmt = self.resolver.run(r.find(f"{_W}rPr"), fmt.style_id, table_style)
                if not rfmt.hidden:
                    runs.append(Run(text, rfmt))
        text = "".join(r.text for r in runs)
        mark = self.resolver.run(None, fmt.style_id, table_style)
        para = Para(p, text, runs, fmt, mark, scan.drawing, frozenset(scan.fields), place)
        para.page_breaks, para.rendered_breaks = scan.page_breaks, scan.rendered_breaks
        return para

    def _table(self, tbl: etree._Element) -> Table:
        self.table_count += 1
        index = self.table_count
        nested: list[Table] = []
        cells, ncols = self._grid(tbl, lambda row, col: f"Bảng {index}, hàng {row}, cột {col}", nested)
        for row_no, col, paras in cells:
            for p in paras:
                p.row, p.col = row_no, col
        return Table(tbl, index, ncols, cells, nested=nested)

    def _grid(self, tbl: etree._Element, place, nested: list[Table] | None):
        """(row, col, paragraphs) of each cell and the number of grid columns."""
        style = self._table_style(tbl)
        cells: list[tuple[int, int, list[Para]]] = []
        ncols = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        for row_no, tr in enumerate(table_rows(tbl), start=1):
            col = 1
            for tc in row_cells(tr):
                cells.append((row_no, col, self._cell_paras(tc, place(row_no, col), style, nested)))
                col += grid_span(tc)
            ncols = max(ncols, col - 1)
        return cells, ncols

    def _cell_paras(self, container: etree._Element, place: str, table_style: str | None,
                    nested: list[Table] | None = None) -> list[Para]:
        """Paragraphs of a cell (or a header part), nested tables flattened into it.

        Each nested table is also kept whole in `nested` (its paragraphs placed in the
        outer cell), for a layout table that sits inside another one.
        """
        out: list[Para] = []
        for el in block_elements(container):
            if el.tag == f"{_W}p":
                out.append(self._para(el, table_style, place))
            elif el.tag == f"{_W}tbl":
                cells, ncols = self._grid(el, lambda row, col: place, nested)
                out.extend(p for _, _, paras in cells for p in paras)
                if nested is not None:
                    nested.append(Table(el, self.table_count, ncols, cells))
        return out

    def _table_style(self, tbl: etree._Element) -> str | None:
        el = tbl.find(f"{_W}tblPr/{_W}tblStyle")
        return self.resolver.table_style_id(el.get(f"{_W}val") if el is not None else None)

    # -- sections, headers and footers

    def _sections(self, sect_prs: list[etree._Element | None]) -> list[Section]:
        sections: list[Section] = []
        all_headers = story_references(sect_prs, self.rels, "header")
        all_footers = story_references(sect_prs, self.rels, "footer")
        for i, sp in enumerate(sect_prs, start=1):
            width = height = None
            margins: dict[str, int] = {}
            title_page = False
            page_start = None
            continuous = False
            headers, footers = all_headers[i - 1], all_footers[i - 1]
            if sp is not None:
                size = sp.find(f"{_W}pgSz")
                if size is not None:
                    width = int_value(size.get(f"{_W}w"))
                    height = int_value(size.get(f"{_W}h"))
                mar = sp.find(f"{_W}pgMar")
                if mar is not None:
                    for side in ("top", "bottom", "left", "right"):
                        value = int_value(mar.get(f"{_W}{side}"))
                        if value is not None:
                            margins[side] = abs(value)
                    gutter = int_value(mar.get(f"{_W}gutter")) or 0
                    if "left" in margins:
                        margins["left"] += gutter
                title_page = is_on(sp.find(f"{_W}titlePg"))
                kind = sp.find(f"{_W}type")
                continuous = kind is not None and kind.get(f"{_W}val") == "continuous"
                num_type = sp.find(f"{_W}pgNumType")
                if num_type is not None:
                    page_start = int_value(num_type.get(f"{_W}start"))
            sections.append(Section(i, width, height, margins, title_page, headers, footers,
                                    page_start=page_start, continuous=continuous))
        return sections

    def _header_parts(
        self, sections: list[Section]
    ) -> tuple[dict[str, list[Para]], dict[str, frozenset[str]], dict[str, etree._Element]]:
        """Paragraphs of every header and footer part shown, the fields each part holds, its root."""
        labels = {"default": "", "first": " trang đầu", "even": " trang chẵn"}
        parts: dict[str, list[Para]] = {}
        fields: dict[str, frozenset[str]] = {}
        roots: dict[str, etree._Element] = {}
        for s in sections:
            for what, refs in (("Đầu trang (header)", s.headers), ("Chân trang (footer)", s.footers)):
                for kind, part in refs.items():
                    if part in parts or part not in self.pkg.parts:
                        continue
                    root = self.pkg.xml(part)
                    place = f"{what}{labels.get(kind, '')} phần {s.index}"
                    paras = self._cell_paras(root, place, None)
                    for p in paras:
                        p.section = s.index
                    parts[part] = paras
                    fields[part] = frozenset(field_codes(root))
                    roots[part] = root
        return parts, fields, roots

    # -- footnotes, endnotes, text boxes

    def _notes(self, document: etree._Element) -> list[Para]:
        """Paragraphs of the footnotes and endnotes the body refers to, numbered as shown."""
        out: list[Para] = []
        for kind, label in (("footnote", "Chú thích cuối trang"), ("endnote", "Chú thích cuối văn bản")):
            part = self.pkg.part_for(f"/{kind}s")
            root = self.pkg.xml_or_none(part) if part else None
            if root is None:
                continue
            shown: dict[str, int] = {}
            for ref in document.iter(f"{_W}{kind}Reference"):
                shown.setdefault(ref.get(f"{_W}id", ""), len(shown) + 1)
            notes = {n.get(f"{_W}id", ""): n for n in root.iterchildren(f"{_W}{kind}")}
            for note_id, number in shown.items():
                note = notes.get(note_id)
                if note is None or note.get(f"{_W}type", "normal") != "normal":
                    continue
                out.extend(self._cell_paras(note, f"{label} {number}", None))
                out.extend(self._boxes_in(note, f"{label} {number}"))
        return out

    def _text_boxes(self, blocks: list, body: etree._Element, parts: dict[str, list[Para]],
                    part_roots: dict[str, etree._Element]) -> list[Para]:
        """Paragraphs of the text boxes of the body and of headers and footers.

        A text box saved for two readers (`mc:AlternateContent`: a DrawingML choice and a
        VML fallback) is read once, from the choice.
        """
        out: list[Para] = []
        if next(body.iter(f"{_W}txbxContent"), None) is not None:
            anchors: dict[etree._Element, str] = {}
            for b in blocks:
                for p in b.paragraphs if isinstance(b, Table) else [b]:
                    anchors[p.el] = p.place
            out.extend(self._boxes_in(body, "", anchors))
        for part, root in part_roots.items():
            where = parts[part][0].place if parts.get(part) else part
            out.extend(self._boxes_in(root, where))
        return out

    def _boxes_in(self, root: etree._Element, where: str, anchors: dict | None = None) -> list[Para]:
        """Paragraphs of each text box under `root`, placed at its anchor paragraph or `where`."""
        out: list[Para] = []
        for box in root.iter(f"{_W}txbxContent"):
            if any(a.tag == f"{_MC}Fallback" for a in box.iterancestors()):
                continue
            self.box_count += 1
            anchor = where
            if anchors:
                anchor = next((anchors[a] for a in box.iterancestors(f"{_W}p") if a in anchors), where)
            place = f"Hộp văn bản {self.box_count}" + (f" ({anchor})" if anchor else "")
            out.extend(self._cell_paras(box, place, None))
        return out


class _Scan:
    """What reading a paragraph's runs in order finds besides text: drawings and fields."""

    def __init__(self) -> None:
        self.drawing = False
        self.page_breaks = 0
        self.rendered_breaks = 0
        self.fields: set[str] = set()
        self._instr: list[str] | None = None  # inside a complex field's instruction

    def run_text(self, r: etree._Element) -> str:
        """The visible text of one run (field instructions are not visible)."""
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{_W}t":
                if self._instr is None:
                    parts.append(child.text or "")
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") == "page":
                    self.page_breaks += 1
                parts.append("\n")
            elif tag == f"{_W}lastRenderedPageBreak":
                self.rendered_breaks += 1
            elif tag in _DRAWINGS:
                self.drawing = True
            elif tag == f"{_W}fldChar":
                self._field_char(child.get(f"{_W}fldCharType"))
            elif tag == f"{_W}instrText":
                if self._instr is not None:
                    self._instr.append(child.text or "")
            else:  # tabs, symbols, non-breaking hyphens (shown as a plain hyphen here)
                parts.append(leaf_text(child).replace("\u2011", "-").replace(OBJECT_CHAR, ""))
        return "".join(parts)

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._instr = []
        elif kind in ("separate", "end") and self._instr is not None:
            words = "".join(self._instr).split()
            if words:
                self.fields.add(words[0].upper())
            self._instr = None
