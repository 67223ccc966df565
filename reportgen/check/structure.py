"""Where the decree's elements are in a document: page-1 block, title, body, signature.

Recognition goes by text (`CỘNG HÒA`, `Số:`, `ngày … tháng`, a type name from
Phụ lục III, `Nơi nhận`) and position, never by the formatting the rules then judge, so
that a badly formatted element is still found and reported rather than missed.

- page-1 block: the first table of the body (before the title), left column the agency
  lines and `Số:`, right column quốc hiệu, tiêu ngữ, place and date (any row);
- title: the first paragraph after it whose text is a document type name;
- trích yếu: the paragraphs after the title up to the line under them;
- `Kính gửi` and its `- ...;` lines, if present;
- signature block: the last table holding `Nơi nhận`;
- body: the paragraphs between these, outside tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vn import normalized_key
from ..vn.kyhieu import doc_type_abbrevs
from .document import Document, Line, Para, Table
from .textutil import fold, is_typed_line, looks_upper


@dataclass(frozen=True)
class Item:
    """One visual line of a paragraph that is (part of) a document element."""

    para: Para
    index: int  # line number inside the paragraph
    line: Line

    @property
    def text(self) -> str:
        return " ".join(self.line.text.split())

    @property
    def location(self) -> str:
        return self.para.location


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
    title_name: str | None = None  # the type name as in Phụ lục III, e.g. "Báo cáo"
    trich_yeu: list[Para] = field(default_factory=list)
    kinh_gui: list[Item] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature: Table | None = None
    noi_nhan: Item | None = None
    noi_nhan_items: list[Item] = field(default_factory=list)
    authority: list[Item] = field(default_factory=list)
    signer: Item | None = None
    page1_paras: list[Para] = field(default_factory=list)  # the paragraphs the block was read from
    left: list[Para] = field(default_factory=list)
    right: list[Para] = field(default_factory=list)
    sig_left: list[Para] = field(default_factory=list)


_SO = re.compile(r"^\s*(Số|SỐ|số)(?=\s|:|$)")
# Heading numbers of the ladder: `I.`, `1.`, `1.1.`, `a)`, and `Phần`/`Chương`/`Mục`/`Điều`.
HEADING = re.compile(r"^(?:[IVXLCDM]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|(?:Phần|Chương|Mục|Tiểu mục)\s+\w+|Điều\s+\d+\.)(?:\s|$)")
_LINE_CHARS = "_-–—="


def recognise(doc: Document, two_line_issuers: list[str]) -> Layout:
    """Find the decree's elements in `doc`."""
    layout = Layout()
    blocks = doc.blocks
    title_at = _find_title(blocks, layout)
    start = 0
    for i, b in enumerate(blocks[: title_at if title_at is not None else len(blocks)]):
        if isinstance(b, Table) and b.ncols >= 2 and (title_at is not None or _looks_like_page1(b)):
            layout.page1 = b
            start = i + 1
            break
    if layout.page1 is not None:
        layout.left = layout.page1.column(1)
        layout.right = layout.page1.column(layout.page1.ncols)
        layout.page1_paras = layout.page1.paragraphs
    else:
        stop = title_at if title_at is not None else min(len(blocks), 12)
        layout.page1_paras = [b for b in blocks[:stop] if isinstance(b, Para)]
        layout.left = layout.right = layout.page1_paras
    _read_page1(layout, two_line_issuers)

    body_start = title_at + 1 if title_at is not None else start
    if layout.title is not None:
        body_start = _read_trich_yeu(blocks, body_start, layout)
    body_start = _read_kinh_gui(blocks, body_start, layout)

    sig_at = _read_signature(blocks, layout)
    body_end = sig_at if sig_at is not None else len(blocks)
    if sig_at is None and layout.noi_nhan is not None and layout.noi_nhan.para.body_index:
        body_end = blocks.index(layout.noi_nhan.para)
    layout.body = [
        b for b in blocks[body_start:body_end]
        if isinstance(b, Para) and b.stripped and not is_line_para(b)
    ]
    return layout


# -- lines under elements ---------------------------------------------------------------


def is_line_para(p: Para) -> bool:
    """A paragraph that only draws a line: empty with a border or shape, or typed characters."""
    if not p.stripped:
        return p.has_drawing or p.fmt.border_bottom
    return all(is_typed_line(line.text, _LINE_CHARS, 3) or not line.text.strip() for line in p.lines())


def line_under(item: Item, column: list[Para]) -> str | None:
    """How the line under `item` is drawn: "border", "shape", "typed", or None if there is none."""
    lines = item.para.lines()
    for later in lines[item.index + 1:]:
        if later.text.strip():
            return "typed" if is_typed_line(later.text, _LINE_CHARS, 3) else None
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
    if not nxt.stripped and nxt.fmt.border_bottom:
        return "border"
    if nxt.stripped and is_line_para(nxt):
        return "typed"
    return None


# -- page-1 block -----------------------------------------------------------------------


def _looks_like_page1(table: Table) -> bool:
    folded = fold(" ".join(p.text for p in table.paragraphs[:12]))
    return "CONG HOA" in folded or "DOC LAP" in folded or "SO:" in folded.replace(" :", ":")


def _items(paras: list[Para]) -> list[Item]:
    out = []
    for p in paras:
        for i, line in enumerate(p.lines()):
            if line.text.strip() and not is_typed_line(line.text, _LINE_CHARS, 3):
                out.append(Item(p, i, line))
    return out


def _read_page1(layout: Layout, two_line_issuers: list[str]) -> None:
    right = _items(layout.right)
    left = _items(layout.left)
    taken: set[int] = set()

    for k, it in enumerate(right):
        f = fold(it.line.text)
        if "CONG HOA" in f or "XA HOI CHU NGHIA" in f or "CHU NGHIA VIET NAM" in f:
            layout.quoc_hieu = [it]
            taken.add(id(it))
            if "VIET NAM" not in f and k + 1 < len(right) and "VIET NAM" in fold(right[k + 1].line.text):
                layout.quoc_hieu.append(right[k + 1])
                taken.add(id(right[k + 1]))
            break
    for it in right:
        f = fold(it.line.text)
        if id(it) not in taken and ("DOC LAP" in f or "TU DO" in f or "HANH PHUC" in f):
            layout.tieu_ngu = it
            taken.add(id(it))
            break
    for it in right + left:
        f = fold(it.line.text)
        if id(it) not in taken and "NGAY" in f.split() and "THANG" in f.split():
            layout.place_date = it
            taken.add(id(it))
            break

    so_at = None
    for k, it in enumerate(left):
        if id(it) not in taken and _SO.match(it.line.text):
            layout.so = it
            so_at = k
            taken.add(id(it))
            break
    if so_at is not None:
        for it in left[so_at + 1:]:
            if it.line.text.strip().startswith(("V/v", "v/v", "V/V")):
                layout.vv = it
                break
    agency_src = left[:so_at] if so_at is not None else left
    agency = [it for it in agency_src if id(it) not in taken]
    _split_agency(agency, layout, two_line_issuers)


def _split_agency(agency: list[Item], layout: Layout, two_line_issuers: list[str]) -> None:
    """Parent agency line(s) (not bold) and issuer line(s) (bold) of the left column."""
    if not agency:
        return
    if len(agency) == 1:
        layout.issuer = agency
        return
    first = " ".join(agency[0].line.text.split()).upper()
    if first in two_line_issuers:
        if len(agency) == 2:
            layout.issuer = agency
        else:
            layout.parent, layout.issuer = agency[:2], agency[2:]
        return
    if agency[1].line.text.strip().upper().startswith(("VÀ ", "- ", "& ")):
        layout.issuer = agency
        return
    layout.parent, layout.issuer = agency[:1], agency[1:]


# -- title, trích yếu, Kính gửi ---------------------------------------------------------


def _find_title(blocks: list, layout: Layout) -> int | None:
    """Index of the title: the first paragraph (after the page-1 table) naming a document type."""
    names = dict(doc_type_abbrevs())
    seen_text = 0
    tables = 0
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            tables += 1
            if tables > 1:
                return None
            continue
        if not b.stripped:
            continue
        key = normalized_key(b.text)
        if key in names:
            layout.title = b
            layout.title_name = key
            return i
        seen_text += 1
        if seen_text > 8:
            return None
    return None


def _read_trich_yeu(blocks: list, start: int, layout: Layout) -> int:
    """Collect the trích yếu after the title; returns the index where the rest begins."""
    i = start
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            return i
        if not b.stripped and not is_line_para(b):
            if layout.trich_yeu:
                return i
            i += 1
            continue
        if is_line_para(b):
            return i + 1
        if _starts_other_part(b) or len(layout.trich_yeu) >= 3:
            return i
        if layout.trich_yeu and b.fmt.align != "center":
            return i
        layout.trich_yeu.append(b)
        if b.fmt.border_bottom or b.has_drawing:
            return i + 1
        i += 1
    return i


def _starts_other_part(p: Para) -> bool:
    """A paragraph that begins what follows the trích yếu (Kính gửi, căn cứ, a heading)."""
    if fold(p.text).startswith(("KINH GUI", "CAN CU", "NOI NHAN")):
        return True
    return p.fmt.align != "center" and bool(HEADING.match(p.stripped))


def _read_kinh_gui(blocks: list, start: int, layout: Layout) -> int:
    """Find `Kính gửi:` right after the trích yếu; returns where the body begins."""
    i = start
    seen = 0
    while i < len(blocks) and seen < 3:
        b = blocks[i]
        if isinstance(b, Table):
            return start
        if b.stripped:
            seen += 1
            if fold(b.text).startswith("KINH GUI"):
                break
        i += 1
    else:
        return start
    if i >= len(blocks):
        return start
    label = blocks[i]
    lines = _items([label])
    layout.kinh_gui = lines
    i += 1
    if lines and lines[0].text.rstrip().endswith(":") and len(lines) == 1:
        while i < len(blocks) and isinstance(blocks[i], Para):
            b = blocks[i]
            if not b.stripped.startswith(("-", "–", "+")):
                break
            layout.kinh_gui.extend(_items([b]))
            i += 1
    return i


# -- signature block --------------------------------------------------------------------


def _read_signature(blocks: list, layout: Layout) -> int | None:
    """Find the signature table (last table with `Nơi nhận`); returns its block index."""
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if not isinstance(b, Table):
            continue
        for row, col, paras in b.cells:
            if any(fold(p.text).startswith("NOI NHAN") for p in paras):
                layout.signature = b
                left = b.column(col)
                other = b.ncols if col == 1 else 1
                layout.sig_left = left
                _read_noi_nhan(_items(left), layout)
                if b.ncols >= 2:
                    _read_authority(b.column(other), layout)
                return i
    for b in blocks:
        if isinstance(b, Para) and fold(b.text).startswith("NOI NHAN"):
            at = blocks.index(b)
            items = _items([b])
            for nxt in blocks[at + 1:]:
                if not isinstance(nxt, Para) or not nxt.stripped.startswith(("-", "+")):
                    break
                items.extend(_items([nxt]))
            _read_noi_nhan(items, layout)
            break
    return None


def _read_noi_nhan(items: list[Item], layout: Layout) -> None:
    for k, it in enumerate(items):
        if fold(it.line.text).startswith("NOI NHAN"):
            layout.noi_nhan = it
            layout.noi_nhan_items = items[k + 1:]
            return


def _read_authority(column: list[Para], layout: Layout) -> None:
    """Authority lines (top, upper case, no gap) and the signer's name (last line after a gap)."""
    groups: list[list[Item]] = [[]]
    for p in column:
        if not p.stripped:
            if groups[-1]:
                groups.append([])
            continue
        for it in _items([p]):
            if it.text.startswith("(") and it.text.endswith(")"):
                continue  # "(Đã ký)", "(Ký, ghi rõ họ tên)"
            groups[-1].append(it)
    groups = [g for g in groups if g]
    if not groups:
        return
    top = groups[0]
    if len(groups) >= 2:
        layout.authority = top
        layout.signer = groups[-1][-1]
        return
    if len(top) >= 2 and not looks_upper(top[-1].line.text, top[-1].line.runs):
        layout.authority, layout.signer = top[:-1], top[-1]
    else:
        layout.authority = top
