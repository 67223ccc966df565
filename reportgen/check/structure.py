"""Where the decree's elements are in a document: page-1 block, title, body, signature.

Recognition goes by text (`CỘNG HÒA`, `Số:`, `ngày … tháng`, a type name from
Phụ lục III, `Nơi nhận`) and position, never by the formatting the rules then judge, so
that a badly formatted element is still found and reported rather than missed.

- an appendix issued as a file of its own (it opens with `Phụ lục …`): only its appendix
  heading is recognised, as such a file has no page-1 block, signature or Nơi nhận;
- page-1 block: the first table of the body (before the title), left column the agency
  lines and `Số:`, the other columns quốc hiệu, tiêu ngữ, place and date (any row);
- title: the first paragraph after it whose text is a document type name (or, in capitals,
  starts with one: `GIẤY MỜI HỌP`);
- trích yếu: the paragraphs after the title up to the line under them, or the text of a
  one-cell table right under the title;
- `Kính gửi` and its `- ...;` lines, if present;
- signature block: the last table holding `Nơi nhận`;
- body: the paragraphs between these, outside tables;
- căn cứ (legal bases): in the types whose model has a căn cứ block (Quyết định, Nghị
  quyết: Phụ lục III, Mẫu 1.1-1.3), the `Căn cứ …` paragraphs opening the body and a
  closing `Theo đề nghị …` line; elsewhere (Mẫu 1.4: Kế hoạch, Tờ trình…) such lines are
  ordinary body text;
- appendices: a line `Phụ lục` / `Phụ lục II` outside tables, the title under it and the
  `(Kèm theo …)` line, which may run on to a second line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..vn import doc_type_abbrevs, normalized_key
from .document import Document, Line, Para, Run, Table
from .facts import Facts
from .textutil import flat, fold, is_typed_line, looks_upper


@dataclass(frozen=True)
class Item:
    """One visual line of a paragraph that is (part of) a document element."""

    para: Para
    index: int  # line number inside the paragraph
    line: Line

    @property
    def text(self) -> str:
        return flat(self.line.text)

    @property
    def location(self) -> str:
        return self.para.location


@dataclass
class Appendix:
    """An appendix heading: the `Phụ lục …` line, the title lines, the `(Kèm theo …)` line."""

    label: Item
    title: list[Item] = field(default_factory=list)
    note: Item | None = None
    note_rest: list[Item] = field(default_factory=list)  # the note's further lines, up to its `)`

    @property
    def note_lines(self) -> list[Item]:
        return [self.note, *self.note_rest] if self.note is not None else []

    @property
    def note_text(self) -> str:
        return " ".join(it.text for it in self.note_lines)

    @property
    def number(self) -> str:
        """What follows the word `Phụ lục` (`II`, `2`), or "" when unnumbered."""
        return self.label.text.split(maxsplit=2)[2] if len(self.label.text.split()) > 2 else ""


@dataclass
class Layout:
    """The recognised elements; None or empty where the document has none."""

    page1: Table | None = None
    quoc_hieu: list[Item] = field(default_factory=list)
    tieu_ngu: Item | None = None
    parent: list[Item] = field(default_factory=list)
    issuer: list[Item] = field(default_factory=list)
    so: Item | None = None
    vv: Item | None = None
    place_date: Item | None = None
    title: Para | None = None
    title_name: str | None = None  # the type name's key (`normalized_key`), e.g. "báo cáo"
    trich_yeu: list[Para] = field(default_factory=list)
    after_trich_yeu: list[Para] = field(default_factory=list)  # paragraphs that may draw the line under it
    kinh_gui: list[Item] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    legal_bases: list[Para] = field(default_factory=list)  # `Căn cứ …` paragraphs opening the body
    proposal: Para | None = None  # `Theo đề nghị …` closing them
    appendices: list[Appendix] = field(default_factory=list)
    signature: Table | None = None
    noi_nhan: Item | None = None
    noi_nhan_items: list[Item] = field(default_factory=list)
    authority: list[Item] = field(default_factory=list)
    signer: Item | None = None
    left: list[Para] = field(default_factory=list)  # page-1 block columns the elements came from
    right: list[Para] = field(default_factory=list)
    appendix_only: bool = False  # an appendix issued as a file of its own

    def opening_sections(self) -> set[int]:
        """Sections holding the page-1 block or the title: where the document's text begins."""
        return {b.section for b in (self.page1, self.title) if b is not None}


_SO = re.compile(r"^\s*(Số|SỐ|số)(?=\s|:|$)")
# Heading numbers of the ladder: `I.`, `1.`, `1.1.`, `a)`, and `Phần`/`Chương`/`Mục`/`Điều`.
HEADING = re.compile(
    r"^(?:[IVXLCDM]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|(?:Phần|Chương|Mục|Tiểu mục)\s+\w+|Điều\s+\d+\.)(?:\s|$)"
)
# `Phụ lục`, `Phụ lục II`, `PHỤ LỤC 2` as a line of its own (matched on the folded text).
_APPENDIX_LABEL = re.compile(r"^PHU LUC(?: (?:[IVXLC]+|\d+))?\.?$")
_APPENDIX_TITLE_MAX = 3  # lines a title may span
_APPENDIX_NOTE_MAX = 3  # lines a `(Kèm theo …)` note may span
_TITLE_SEARCH = 8  # non-empty paragraphs looked at for the title
_TRICH_YEU_MAX = 3  # paragraphs a trích yếu may span
_KINH_GUI_SEARCH = 3  # non-empty paragraphs after the trích yếu looked at for `Kính gửi`


def recognise(doc: Document, facts: Facts) -> Layout:
    """Find the decree's elements in `doc`."""
    return _Recogniser(facts).read(doc)


def is_draft(layout: Layout) -> bool:
    """A draft leaves the number blank (`Số:      /BC-SNV`); its date and signer come at signing."""
    return layout.so is not None and bool(re.match(r"^\s*\S+\s*:?\s*/", layout.so.text))


def is_line_para(p: Para, facts: Facts) -> bool:
    """A paragraph that only draws a line: empty with a border or shape, or typed characters."""
    if not p.stripped:
        return p.has_drawing or p.fmt.border_bottom or p.fmt.border_top
    return all(_typed(line.text, facts) or not line.text.strip() for line in p.lines())


def line_under(item: Item, column: list[Para], facts: Facts) -> str | None:
    """How the line under `item` is drawn: "border", "shape", "typed", or None if there is none.

    A line is the paragraph's bottom border or a shape in it, a following line of typed
    characters in the same paragraph, or the next paragraph of `column` drawing a line (a
    shape, a top border, or an empty paragraph with a bottom border).
    """
    for later in item.para.lines()[item.index + 1:]:
        if later.text.strip():
            return "typed" if _typed(later.text, facts) else None
    p = item.para
    if p.fmt.border_bottom:
        return "border"
    if p.has_drawing:
        return "shape"
    try:
        nxt = column[column.index(p) + 1]
    except (ValueError, IndexError):
        return None
    if nxt.has_drawing:
        return "shape"
    if nxt.fmt.border_top or (not nxt.stripped and nxt.fmt.border_bottom):
        return "border"
    if nxt.stripped and is_line_para(nxt, facts):
        return "typed"
    return None


def legal_bases_in(p: Para, facts: Facts) -> int:
    """How many căn cứ a paragraph holds: a line starting `Căn cứ`, or `; căn cứ` inside a line."""
    word = re.escape(fold(facts.text("legal_basis_start")))
    pattern = re.compile(rf"(?:^|;\s*){word}\b")
    return sum(len(pattern.findall(fold(line.text))) for line in p.lines())


def _typed(text: str, facts: Facts) -> bool:
    spec = facts["typed_line"]
    return is_typed_line(text, spec["characters"], spec["min_length"])


class _Recogniser:
    """Reads the blocks once, top to bottom, filling a `Layout`."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.two_line_issuers = list(facts.text("two_line_issuers"))
        self.type_names = dict(doc_type_abbrevs())

    def read(self, doc: Document) -> Layout:
        layout = Layout()
        blocks = doc.blocks
        if _opens_with_appendix(blocks):
            layout.appendix_only = True
            self._read_appendices(blocks, layout)
            return layout
        title_at = self._find_title(blocks, layout)
        after_page1 = 0
        for i, b in enumerate(blocks[: title_at if title_at is not None else len(blocks)]):
            two_columns = b.ncols >= 2 or any(t.ncols >= 2 and _looks_like_page1(t) for t in b.nested) \
                if isinstance(b, Table) else False
            if two_columns and (title_at is not None or _looks_like_page1(b)):
                layout.page1 = b
                after_page1 = i + 1
                break
        if layout.page1 is not None:
            # The block may sit in a two-column table nested in a cell; and some page-1 tables
            # have more grid columns than the two the reader sees (a spacer, split cells):
            # everything right of the first column is the right-hand side.
            grid = next((t for t in layout.page1.nested if t.ncols >= 2 and _looks_like_page1(t)), layout.page1)
            layout.left = grid.column(1)
            layout.right = [p for col in range(2, grid.ncols + 1) for p in grid.column(col)]
        else:
            stop = title_at if title_at is not None else min(len(blocks), 12)
            layout.left = layout.right = [b for b in blocks[:stop] if isinstance(b, Para)]
        if layout.page1 is None and any(_typed_columns(it.line) for it in self._items(layout.left)):
            # The two columns typed with tabs or runs of spaces on each line.
            left, right = self._typed_column_items(layout.left)
            self._read_page1(layout, left, right)
            after_page1 = self._after_typed_page1(blocks, layout)
        else:
            self._read_page1(layout)
        if layout.vv is None and layout.page1 is not None:
            # The `V/v …` of a công văn set in a text box inside the page-1 block.
            anchor = f"({layout.page1.place},"
            layout.vv = next((Item(p, 0, p.lines()[0]) for p in doc.text_boxes
                              if anchor in p.place and p.stripped.startswith(("V/v", "v/v", "V/V"))), None)

        body_start = after_page1 if title_at is None else self._read_trich_yeu(blocks, title_at + 1, layout)
        body_start = self._read_kinh_gui(blocks, body_start, layout)
        sig_at = self._read_signature(blocks, layout)
        body_end = sig_at if sig_at is not None else len(blocks)
        if sig_at is None and layout.noi_nhan is not None and layout.noi_nhan.para.body_index:
            body_end = blocks.index(layout.noi_nhan.para)
        layout.body = [
            b for b in blocks[body_start:body_end]
            if isinstance(b, Para) and b.stripped and not is_line_para(b, self.facts)
        ]
        self._read_legal_bases(layout)
        self._read_appendices(blocks, layout)
        return layout

    def _items(self, paras: list[Para]) -> list[Item]:
        """The non-empty visual lines of `paras` that are not typed lines."""
        out = []
        for p in paras:
            for i, line in enumerate(p.lines()):
                if line.text.strip() and not _typed(line.text, self.facts):
                    out.append(Item(p, i, line))
        return out

    # -- page-1 block

    def _typed_column_items(self, paras: list[Para]) -> tuple[list[Item], list[Item]]:
        """Each line's left and right parts, as items of the left and right columns.

        A line with no gap in it is in both: which column it belongs to is not known.
        """
        left: list[Item] = []
        right: list[Item] = []
        for it in self._items(paras):
            parts = _typed_columns(it.line)
            if parts is None:
                left.append(it)
                right.append(it)
                continue
            for line, column in zip(parts, (left, right), strict=True):
                if line.text.strip():
                    column.append(Item(it.para, it.index, line))
        return left, right

    @staticmethod
    def _after_typed_page1(blocks: list, layout: Layout) -> int:
        """Where the body begins under a page-1 block typed in columns: after its last line
        (and the lines a `V/v …` runs on to)."""
        items = [*layout.quoc_hieu, layout.tieu_ngu, layout.so, layout.vv, layout.place_date, *layout.issuer]
        at = max((blocks.index(it.para) for it in items if it is not None and it.para in blocks), default=-1)
        if layout.vv is not None and layout.vv.para in blocks:
            k = blocks.index(layout.vv.para) + 1
            while k < len(blocks) and isinstance(blocks[k], Para) and blocks[k].stripped and \
                    blocks[k].fmt.align == layout.vv.para.fmt.align and k - at <= _TRICH_YEU_MAX:
                at = k
                k += 1
        return at + 1

    def _read_page1(self, layout: Layout, left: list[Item] | None = None, right: list[Item] | None = None) -> None:
        right = self._items(layout.right) if right is None else right
        left = self._items(layout.left) if left is None else left
        taken: set[int] = set()

        def take(it: Item) -> Item:
            taken.add(id(it))
            return it

        for k, it in enumerate(right):
            f = fold(it.line.text)
            if "CONG HOA" in f or "XA HOI CHU NGHIA" in f or "CHU NGHIA VIET NAM" in f:
                layout.quoc_hieu = [take(it)]
                if "VIET NAM" not in f and k + 1 < len(right) and "VIET NAM" in fold(right[k + 1].line.text):
                    layout.quoc_hieu.append(take(right[k + 1]))
                break
        for it in right:
            f = fold(it.line.text)
            if id(it) not in taken and ("DOC LAP" in f or "TU DO" in f or "HANH PHUC" in f):
                layout.tieu_ngu = take(it)
                break
        for it in right + left:
            words = fold(it.line.text).split()
            if id(it) not in taken and "NGAY" in words and "THANG" in words:
                layout.place_date = take(it)
                break
        so_at = next((k for k, it in enumerate(left) if id(it) not in taken and _SO.match(it.text)), None)
        if so_at is not None:
            layout.so = take(left[so_at])
            layout.vv = next((it for it in left[so_at + 1:] if it.text.startswith(("V/v", "v/v", "V/V"))), None)
        agency = [it for it in (left[:so_at] if so_at is not None else left) if id(it) not in taken]
        self._split_agency(agency, layout)

    def _split_agency(self, agency: list[Item], layout: Layout) -> None:
        """Parent agency line(s) (not bold) and issuer line(s) (bold) of the left column."""
        if len(agency) <= 1:
            layout.issuer = agency
        elif agency[0].text.upper() in self.two_line_issuers:
            # `ỦY BAN NHÂN DÂN` / `TỈNH THANH HÓA` is the issuer on two lines, unless more follow.
            if len(agency) == 2:
                layout.issuer = agency
            else:
                layout.parent, layout.issuer = agency[:2], agency[2:]
        elif agency[1].text.upper().startswith(("VÀ ", "- ", "& ")):
            layout.issuer = agency  # one long issuer name wrapped onto a second line
        else:
            layout.parent, layout.issuer = agency[:1], agency[1:]

    # -- title, trích yếu, Kính gửi

    def _find_title(self, blocks: list, layout: Layout) -> int | None:
        """Index of the title: the first paragraph (after the page-1 table) naming a document type."""
        seen_text = tables = 0
        for i, b in enumerate(blocks):
            if isinstance(b, Table):
                if tables and _single_cell(b):
                    continue  # a boxed mark above the title (`Dự thảo`)
                tables += 1
                if tables > 1:
                    return None
                continue
            if not b.stripped:
                continue
            key = self._type_name(b)
            if key is not None:
                layout.title, layout.title_name = b, key
                return i
            seen_text += 1
            if seen_text > _TITLE_SEARCH:
                return None
        return None

    def _type_name(self, p: Para) -> str | None:
        """The document type a title paragraph names: `BÁO CÁO` → "báo cáo".

        A title in capitals may go on with words of its own (`GIẤY MỜI HỌP`, `THÔNG BÁO
        KẾT LUẬN`): the longest type name it starts with is taken.
        """
        key = normalized_key(p.text)
        if key in self.type_names:
            return key
        if not looks_upper(p.text, p.runs):
            return None
        starts = [name for name in self.type_names if key.startswith(name + " ")]
        return max(starts, key=len) if starts else None

    def _read_trich_yeu(self, blocks: list, start: int, layout: Layout) -> int:
        """Collect the trích yếu after the title; returns the index where the rest begins."""
        i = start
        while i < len(blocks) and isinstance(blocks[i], Para) and not blocks[i].stripped:
            i += 1
        if i < len(blocks) and isinstance(blocks[i], Table) and _single_cell(blocks[i]):
            # A one-cell table under the title holding the trích yếu (a common way to centre it).
            layout.trich_yeu = [p for p in blocks[i].paragraphs if p.stripped][:_TRICH_YEU_MAX]
            layout.after_trich_yeu = [b for b in blocks[i + 1:i + 3] if isinstance(b, Para)]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            return i + 2 if isinstance(nxt, Para) and is_line_para(nxt, self.facts) else i + 1
        i = start
        while i < len(blocks):
            b = blocks[i]
            if isinstance(b, Table):
                return i
            if is_line_para(b, self.facts):
                return i + 1
            if not b.stripped:
                if layout.trich_yeu:
                    return i
                i += 1
                continue
            if _starts_other_part(b) or len(layout.trich_yeu) >= _TRICH_YEU_MAX:
                return i
            if layout.trich_yeu and b.fmt.align != "center":
                return i
            layout.trich_yeu.append(b)
            if b.fmt.border_bottom or b.has_drawing:
                return i + 1
            i += 1
        return i

    def _read_kinh_gui(self, blocks: list, start: int, layout: Layout) -> int:
        """Find `Kính gửi:` right after the trích yếu; returns where the body begins."""
        at = None
        seen = 0
        for i in range(start, len(blocks)):
            b = blocks[i]
            if isinstance(b, Table) or seen >= _KINH_GUI_SEARCH:
                break
            if b.stripped:
                seen += 1
                if fold(b.text).startswith("KINH GUI"):
                    at = i
                    break
        if at is None:
            return start
        lines = self._items([blocks[at]])
        layout.kinh_gui = lines
        i = at + 1
        if len(lines) == 1 and lines[0].text.endswith(":"):
            # several recipients: one `- ...;` paragraph each
            while i < len(blocks) and isinstance(blocks[i], Para) and blocks[i].stripped.startswith(("-", "–", "+")):
                layout.kinh_gui.extend(self._items([blocks[i]]))
                i += 1
        return i

    def _read_legal_bases(self, layout: Layout) -> None:
        """The `Căn cứ …` paragraphs opening the body, and a `Theo đề nghị …` line after them.

        A single upright `Căn cứ …` paragraph is taken for the body's opening sentence
        (`Căn cứ Kế hoạch số …, Sở Y tế báo cáo như sau.`), not for a list of legal bases;
        a paragraph ending with `:` introduces the body and ends the list.
        """
        if layout.title_name not in {normalized_key(t) for t in self.facts.text("legal_basis_types")}:
            return  # Mẫu 1.4 (Kế hoạch, Báo cáo, Tờ trình…) and công văn have no căn cứ block
        # Whole words: `Căn cước công dân …` does not start a căn cứ.
        start = re.compile(rf"\b{re.escape(fold(self.facts.text('legal_basis_start')))}\b")
        proposal = re.compile(rf"{re.escape(fold(self.facts.text('proposal_start')))}\b")
        paras = [p for p in layout.body if p.fmt.align != "center"]
        block: list[Para] = []
        for p in paras:
            if not start.match(fold(p.text)) or p.stripped.endswith(":"):
                break
            block.append(p)
        if not block:
            return
        after = paras[len(block)] if len(block) < len(paras) else None
        closing = after if after is not None and proposal.match(fold(after.text)) else None
        italic = all(r.fmt.italic for r in block[0].text_runs())
        several = len(block) >= 2 or legal_bases_in(block[0], self.facts) >= 2
        if several or closing is not None or italic:
            layout.legal_bases, layout.proposal = block, closing

    def _read_appendices(self, blocks: list, layout: Layout) -> None:
        """Each `Phụ lục …` line outside tables, with the title and `(Kèm theo …)` under it."""
        for k, b in enumerate(blocks):
            # A cheap look at the first letters first: most paragraphs are not appendix labels.
            if not isinstance(b, Para) or b is layout.title or b.text.lstrip()[:2].upper() != "PH":
                continue
            items = self._items([b])
            if not items or not _APPENDIX_LABEL.match(fold(items[0].line.text)):
                continue
            appendix = Appendix(items[0])
            lines = self._lines_after(items[1:], blocks[k + 1:])
            for nxt in itertools.islice(lines, _APPENDIX_TITLE_MAX + 1):
                if nxt is None or _APPENDIX_LABEL.match(fold(nxt.line.text)):
                    break
                if nxt.text.startswith("("):
                    appendix.note = nxt
                    self._read_note_rest(appendix, lines)
                    break
                past_title = appendix.title and (
                    nxt.para.fmt.align != "center" or len(appendix.title) == _APPENDIX_TITLE_MAX
                )
                if past_title:
                    break  # a title goes on centred; what is not centred is the appendix's content
                appendix.title.append(nxt)
            layout.appendices.append(appendix)

    @staticmethod
    def _read_note_rest(appendix: Appendix, lines: Iterator[Item | None]) -> None:
        """The lines a `(Kèm theo …` note runs on to, up to the one closing it with `)`."""
        if ")" in appendix.note_text:
            return
        for nxt in itertools.islice(lines, _APPENDIX_NOTE_MAX - 1):
            if nxt is None or nxt.para.fmt.align != appendix.note.para.fmt.align:
                return
            appendix.note_rest.append(nxt)
            if ")" in nxt.text:
                return

    def _lines_after(self, first: list[Item], blocks: list) -> Iterator[Item | None]:
        """`first`, then the lines of the paragraphs in `blocks`; None for a table, then stop."""
        yield from first
        for b in blocks:
            if isinstance(b, Table):
                yield None
                return
            if b.stripped:
                yield from self._items([b])

    # -- signature block

    def _read_signature(self, blocks: list, layout: Layout) -> int | None:
        """Find the signature table (last table with `Nơi nhận`); returns its block index."""
        for i in range(len(blocks) - 1, -1, -1):
            b = blocks[i]
            if not isinstance(b, Table):
                continue
            # A two-column table nested in a cell is the signature layout itself.
            for t in [*(n for n in b.nested if n.ncols >= 2), b]:
                for _row, col, paras in t.cells:
                    if any(fold(p.text).startswith("NOI NHAN") for p in paras):
                        layout.signature = b
                        self._read_noi_nhan(self._items(t.column(col)), layout)
                        if t.ncols >= 2:
                            self._read_authority(t.column(t.ncols if col == 1 else 1), layout)
                        return i
        for at, b in enumerate(blocks):
            if isinstance(b, Para) and fold(b.text).startswith("NOI NHAN"):
                paras = [b]
                for nxt in blocks[at + 1:]:
                    if not isinstance(nxt, Para) or not nxt.stripped.startswith(("-", "+")):
                        break
                    paras.append(nxt)
                # Nơi nhận on the left and the signer typed on the right of the same lines.
                left = [it for it in self._items(paras) if _typed_columns(it.line) is None] \
                    if not any(_typed_columns(it.line) for it in self._items(paras)) else \
                    [Item(it.para, it.index, (_typed_columns(it.line) or (it.line, None))[0]) for it in self._items(paras)]
                self._read_noi_nhan(left, layout)
                break
        return None

    @staticmethod
    def _read_noi_nhan(items: list[Item], layout: Layout) -> None:
        for k, it in enumerate(items):
            if fold(it.line.text).startswith("NOI NHAN"):
                layout.noi_nhan = it
                layout.noi_nhan_items = items[k + 1:]
                return

    def _read_authority(self, column: list[Para], layout: Layout) -> None:
        """Authority lines (top, no gap) and the signer's name (after a gap).

        The name is the first line after the gap that reads as a person's name; lines
        under it (a phone number, a note) and text nobody sees (white on white, a
        placeholder in the signing space) are not taken for it.
        """
        groups: list[list[Item]] = [[]]
        for p in column:
            if not p.stripped:
                if groups[-1]:
                    groups.append([])
                continue
            for it in self._items([p]):
                if it.text.startswith("(") and it.text.endswith(")"):  # "(Đã ký)"
                    continue
                if _invisible(it):
                    continue
                groups[-1].append(it)
        groups = [g for g in groups if g]
        if not groups:
            return
        top = groups[0]
        if len(groups) >= 2:
            names = [it for g in groups[1:] for it in g if _looks_like_name(it.text)]
            # A name is written in lower case (II.7.đ); a line in capitals above it is a title
            # (`PHÓ CHỦ TỊCH UBND TỈNH` over the name of a steering committee's deputy head).
            written = [it for it in names if not looks_upper(it.line.text, it.line.runs)]
            layout.authority = top
            layout.signer = (written or names or groups[-1])[0]
        elif len(top) >= 2 and not looks_upper(top[-1].line.text, top[-1].line.runs):
            layout.authority, layout.signer = top[:-1], top[-1]
        else:
            layout.authority = top


_COLUMN_GAP = re.compile(r"\t[\t ]*| {3,}")  # what separates two columns typed on one line


def _typed_columns(line: Line) -> tuple[Line, Line] | None:
    """A line typed as two columns (`ỦY BAN NHÂN DÂN      CỘNG HÒA …`): its left and right parts.

    The gap is the widest run of tabs or of three spaces or more inside the text (a tab
    counts as eight spaces); runs are cut where it falls.
    """
    text = line.text
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    gaps = [g for g in _COLUMN_GAP.finditer(text, lead, end)]
    if not gaps:
        return None
    gap = max(gaps, key=lambda g: len(g.group()) + 7 * g.group().count("\t"))  # the widest gap
    left_runs: list[Run] = []
    right_runs: list[Run] = []
    pos = 0
    for run in line.runs:
        start, end = pos, pos + len(run.text)
        pos = end
        if end <= gap.start():
            left_runs.append(run)
        elif start >= gap.end():
            right_runs.append(run)
        else:
            head, tail = run.text[:max(gap.start() - start, 0)], run.text[max(gap.end() - start, 0):]
            if head:
                left_runs.append(Run(head, run.fmt))
            if tail:
                right_runs.append(Run(tail, run.fmt))
    return (Line("".join(r.text for r in left_runs), tuple(left_runs)),
            Line("".join(r.text for r in right_runs), tuple(right_runs)))


def _invisible(it: Item) -> bool:
    """A line whose every letter is white: not seen on paper."""
    runs = [r for r in it.line.runs if r.text.strip()]
    return bool(runs) and all((r.fmt.color or "").upper() == "FFFFFF" for r in runs)


def _looks_like_name(text: str) -> bool:
    """`Nguyễn Văn An`, `NGUYỄN VĂN AN`, `TS. Nguyễn Văn An`: two words or more, each capitalised."""
    words = text.split()
    return (
        len(words) >= 2
        and not any(c.isdigit() or c in ":;/" for c in text)
        and all(w[0].isupper() for w in words if w[0].isalpha())
    )


def _single_cell(table: Table) -> bool:
    return table.ncols == 1 and len({row for row, _, _ in table.cells}) == 1


def _opens_with_appendix(blocks: list) -> bool:
    """The first text of the document is an appendix label (`Phụ lục II`): an appendix file."""
    for b in blocks:
        if isinstance(b, Table):
            return False
        if b.stripped:
            return bool(_APPENDIX_LABEL.match(fold(b.lines()[0].text if b.lines() else b.text)))
    return False


def _looks_like_page1(table: Table) -> bool:
    folded = fold(" ".join(p.text for p in table.paragraphs[:12]))
    return "CONG HOA" in folded or "DOC LAP" in folded or "SO:" in folded.replace(" :", ":")


def _starts_other_part(p: Para) -> bool:
    """A paragraph that begins what follows the trích yếu (Kính gửi, căn cứ, a heading)."""
    if fold(p.text).startswith(("KINH GUI", "CAN CU", "NOI NHAN")):
        return True
    return p.fmt.align != "center" and bool(HEADING.match(p.stripped))
