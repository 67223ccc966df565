"""How many pages a document fills, estimated without laying it out.

Decree 30 numbers pages from the second one, so a one-page letter needs no page number;
the page rules ask this module before reporting one as missing or misplaced. The count
is the largest of:

- the pages Word itself started when it last saved the file (`w:lastRenderedPageBreak`);
- the pages forced by the document: page breaks, `pageBreakBefore`, sections that start
  on a new page;
- a height estimate: every paragraph's lines (characters × an average Times New Roman
  advance against the text width) at its line spacing, plus spacing before and after;
  every table row at the height of its tallest cell.

The estimate is rough on purpose: it answers "one page or more", where a few lines either
way rarely matter. `ESTIMATE_MARGIN` keeps a page that is estimated just over full from
counting as two.
"""

from __future__ import annotations

import math

from ..ooxml import W, finite_number
from .document import Document, Para, Section, Table

_W = f"{{{W}}}"

AVG_ADVANCE_EM = 0.46  # mean advance of a character of Vietnamese text in Times New Roman, in ems
SINGLE_LINE_EM = 1.15  # height of a single line of Times New Roman, in ems
ESTIMATE_MARGIN = 1.05  # content up to 5% over one page's height still counts as fitting it
TWIPS_PER_PT = 20
A4 = (11906, 16838)


def page_count(doc: Document) -> int:
    """The number of pages `doc` fills (at least 1)."""
    forced = _Layout(doc).pages()
    rendered = 1 + sum(p.rendered_breaks for p in _all_body_paragraphs(doc))
    return max(forced, rendered)


class _Layout:
    """Walks the body, section by section, adding heights and forced breaks."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.sections = {s.index: s for s in doc.sections}

    def pages(self) -> int:
        total = 0
        by_section: dict[int, list[Para | Table]] = {}
        for b in self.doc.blocks:
            by_section.setdefault(b.section, []).append(b)
        carry = 0.0  # height used on the last page of the previous section (continuous sections)
        for index in sorted(by_section):
            section = self.sections.get(index)
            usable_h, usable_w = _usable(section)
            starts_page = section is None or not section.continuous or index == 1
            used = 0.0 if starts_page else carry
            pages_here = 1 if starts_page else 0
            for b in by_section[index]:
                if isinstance(b, Para) and b.fmt.page_break_before and used > 0:
                    pages_here += 1
                    used = 0.0
                used += _height(b, usable_w)
                if isinstance(b, Para):
                    for _ in range(b.page_breaks):
                        pages_here += 1
                        used = 0.0
                while used > usable_h * ESTIMATE_MARGIN:
                    pages_here += 1
                    used -= usable_h
            total += pages_here
            carry = used
        return max(total, 1)


def _usable(section: Section | None) -> tuple[float, float]:
    """(height, width) of a section's text area, in points."""
    width, height = A4
    margins = {"top": 1134, "bottom": 1134, "left": 1701, "right": 1134}
    if section is not None:
        width = section.width or width
        height = section.height or height
        margins = {**margins, **section.margins}
    h = max(height - margins["top"] - margins["bottom"], 2000)
    w = max(width - margins["left"] - margins["right"], 2000)
    return h / TWIPS_PER_PT, w / TWIPS_PER_PT


def _height(block: Para | Table, width_pt: float) -> float:
    if isinstance(block, Para):
        return _para_height(block, width_pt)
    widths = _column_widths(block, width_pt)
    starts: dict[int, list[int]] = {}
    for row, col, _paras in block.cells:
        starts.setdefault(row, []).append(col)
    rows: dict[int, float] = {}
    for row, col, paras in block.cells:
        later = [c for c in starts[row] if c > col]
        end = min(later) if later else len(widths) + 1
        cell_width = sum(widths[col - 1:end - 1]) or width_pt / max(block.ncols, 1)
        height = sum(_para_height(p, cell_width) for p in paras)
        rows[row] = max(rows.get(row, 0.0), height)
    return sum(rows.values())


def _column_widths(table: Table, width_pt: float) -> list[float]:
    """The grid's column widths in points (`w:tblGrid`), or equal shares of the text width."""
    grid = [finite_number(col.get(f"{_W}w")) for col in table.el.iterfind(f"{_W}tblGrid/{_W}gridCol")]
    if grid and all(g for g in grid) and len(grid) >= table.ncols:
        return [g / TWIPS_PER_PT for g in grid]
    return [width_pt / max(table.ncols, 1)] * max(table.ncols, 1)


def text_width_em(p: Para) -> float:
    """How wide the paragraph's longest line of text runs, in ems of its largest font size."""
    return max((len(line.rstrip()) for line in p.text.split("\n")), default=0) * AVG_ADVANCE_EM


def section_text_width(doc: Document, index: int) -> float:
    """The text width of section `index`, in points."""
    section = next((s for s in doc.sections if s.index == index), None)
    return _usable(section)[1]


def _para_height(p: Para, width_pt: float) -> float:
    """Lines × line height, plus the spacing before and after."""
    runs = p.text_runs()
    size = max((r.fmt.size for r in runs), default=p.mark.size)
    indent = (p.fmt.left + p.fmt.right) / TWIPS_PER_PT
    per_line = max((width_pt - indent) / (size * AVG_ADVANCE_EM), 8)
    lines = sum(max(1, math.ceil(len(line.rstrip()) / per_line)) for line in p.text.split("\n"))
    return lines * _line_height(p, size) + (p.fmt.before + p.fmt.after) / TWIPS_PER_PT


def _line_height(p: Para, size: float) -> float:
    single = size * SINGLE_LINE_EM
    if p.fmt.line_rule == "exact":
        return p.fmt.line / TWIPS_PER_PT
    if p.fmt.line_rule == "atLeast":
        return max(p.fmt.line / TWIPS_PER_PT, single)
    return single * p.fmt.line / 240


def _all_body_paragraphs(doc: Document) -> list[Para]:
    out: list[Para] = []
    for b in doc.blocks:
        out.extend(b.paragraphs if isinstance(b, Table) else [b])
    return out
