"""Page rules: paper size and orientation, margins, page numbers in every section (Phụ lục I, mục I).

Orientation: the document's text is portrait, so the section it opens in (page-1 block,
title) is portrait; only a section of its own holding a wide table or a figure may be
landscape (I.2). Page numbers
are asked of a document of two pages or more (I.7: numbered from page 2), counted by
`pages.page_count`; a header or footer is judged only where Word shows it (the first-page
one with "different first page", the even-page one with "different odd and even").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Para, Run, Section, Table
from ..facts import MM_PER_TWIP
from ..findings import Finding
from ..pages import page_count
from .common import Context, format_issues, sentence

_FIGURES = ("}pic", "}chart", "}imagedata")  # tag endings of pictures and charts in a drawing
_CENTRE_TOLERANCE = 0.05  # a centring tab stop within 5% of the text width of its middle


def check(ctx: Context) -> Iterator[Finding]:
    for section in ctx.doc.sections:
        yield from _paper(ctx, section)
        yield from _margins(ctx, section)
    if ctx.doc.sections:
        yield from _page_numbers(ctx)


_SIDE_NAMES = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


def _mm(twips: int) -> float:
    return twips * MM_PER_TWIP


def _paper(ctx: Context, s: Section) -> Iterator[Finding]:
    page = ctx.facts["page"]
    width, height, tol = page["width_mm"], page["height_mm"], page["size_tolerance_mm"]
    if s.width is None or s.height is None:
        yield ctx.facts.rule("page-size").finding(
            f"Không khai báo khổ giấy (Word sẽ dùng khổ mặc định, thường là Letter); phải là A4 ({width} × {height} mm).",
            s.place,
        )
        return
    w, h = _mm(s.width), _mm(s.height)
    short, long_ = sorted((w, h))
    if abs(short - width) > tol or abs(long_ - height) > tol:
        yield ctx.facts.rule("page-size").finding(
            f"Khổ giấy {_mm_text(w)} × {_mm_text(h)} mm; phải là A4 ({width} × {height} mm).", s.place
        )
    if w <= h:
        return
    if s.index in ctx.layout.opening_sections():
        yield ctx.facts.rule("orientation").finding(
            "Phần mở đầu văn bản (khối đầu văn bản, tên loại) trình bày nằm ngang; văn bản "
            "trình bày theo chiều dài khổ A4, chỉ phần riêng chứa bảng, biểu rộng mới được trình bày nằm ngang.",
            s.place,
        )
    elif not _holds_table_or_figure(ctx, s):
        yield ctx.facts.rule("orientation").finding(
            "Trang nằm ngang nhưng phần này không có bảng, biểu; văn bản trình bày theo chiều dài "
            "khổ A4, chỉ phần có bảng, biểu rộng mới được trình bày nằm ngang.",
            s.place,
        )


def _holds_table_or_figure(ctx: Context, s: Section) -> bool:
    """The section holds a table of its own or a picture or chart (not a drawn line)."""
    for b in ctx.doc.blocks:
        if b.section != s.index:
            continue
        if isinstance(b, Table) and b is not ctx.layout.page1 and b is not ctx.layout.signature:
            return True
        if isinstance(b, Para) and b.has_drawing and _has_figure(b):
            return True
    return False


def _has_figure(p: Para) -> bool:
    return any(isinstance(el.tag, str) and el.tag.endswith(_FIGURES) for el in p.el.iter())


def _margins(ctx: Context, s: Section) -> Iterator[Finding]:
    page = ctx.facts["page"]
    ranges = {side: tuple(v) for side, v in page["margins_mm"].items()}
    tol = page["margin_tolerance_mm"]
    missing = [side for side in ranges if side not in s.margins]
    if missing:
        wanted = "; ".join(f"{_SIDE_NAMES[side]} từ {lo} đến {hi} mm" for side, (lo, hi) in ranges.items())
        yield ctx.facts.rule("margins").finding(
            f"Không khai báo lề trang (Word sẽ dùng lề mặc định); phải là {wanted}.", s.place
        )
        return
    actual = {side: _mm(v) for side, v in s.margins.items()}
    mappings = [{side: side for side in ranges}]
    if s.width and s.height and s.width > s.height:
        # A landscape page may keep the portrait margins turned with the paper.
        mappings.append({"top": "left", "bottom": "right", "left": "bottom", "right": "top"})
        mappings.append({"top": "right", "bottom": "left", "left": "top", "right": "bottom"})
    for mapping in mappings:
        if all(_within(actual[side], ranges[mapping[side]], tol) for side in ranges):
            return
    parts = []
    for side, (lo, hi) in ranges.items():
        if not _within(actual[side], (lo, hi), tol):
            parts.append(f"{_SIDE_NAMES[side]} {_mm_text(actual[side])} mm (phải từ {lo} đến {hi} mm)")
    message = "Lề trang không đúng: " + "; ".join(parts) + "."
    yield ctx.facts.rule("margins").finding(message, s.place)


def _mm_text(value: float) -> str:
    """Millimetres to one decimal, the Vietnamese way: 25, 25,4."""
    return f"{round(value, 1):g}".replace(".", ",")


def _within(value: float, bounds: tuple, tol: float) -> bool:
    lo, hi = bounds
    return lo - tol <= value <= hi + tol


def _page_numbers(ctx: Context) -> Iterator[Finding]:
    """No number on page 1; a PAGE field in every section's header; an appendix's own page 1.

    Each section shows the headers it names or, for a type it does not name, those of the
    section before (`Section.headers` is already resolved so). A finding about a header
    part is given once, at the first section showing it.
    """
    numbers = _Numbers(ctx)
    sections = ctx.doc.sections
    yield from numbers.first_page(sections[0])
    if page_count(ctx.doc) < 2:
        return  # one page: nothing to number (the number is never shown on page 1)
    seen_default: set[str | None] = set()
    seen_even: set[str | None] = set()
    for s in sections:
        default = s.headers.get("default")
        if default not in seen_default:
            seen_default.add(default)
            yield from numbers.default_header(s)
        even = s.headers.get("even")
        if ctx.doc.even_and_odd_headers and numbers.has_page(default) and even not in seen_even:
            seen_even.add(even)
            if not numbers.has_page(even):
                yield ctx.facts.rule("page-number-missing").finding(
                    "Văn bản dùng đầu trang chẵn lẻ khác nhau nhưng đầu trang chẵn không có số trang.",
                    s.place,
                )
        if s.index > 1 and s.page_start == 1:
            yield from numbers.restarted(s)


class _Numbers:
    """Where the PAGE fields of a document's headers and footers are."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.doc

    def shown(self, s: Section, kind: str) -> bool:
        """Word shows the header or footer of this kind in the section."""
        if kind == "first":
            return s.title_page
        if kind == "even":
            return self.doc.even_and_odd_headers
        return True

    def has_page(self, part: str | None) -> bool:
        return "PAGE" in self.doc.part_fields.get(part or "", frozenset())

    def page_paras(self, part: str | None) -> list[Para]:
        return [p for p in self.doc.parts.get(part or "", []) if "PAGE" in p.fields]

    def where(self, part: str | None, s: Section) -> str:
        """The paragraph holding the field, else the part's first paragraph, else the section."""
        paras = self.page_paras(part) or self.doc.parts.get(part or "", [])
        return paras[0].location if paras else s.place

    def first_page(self, s: Section) -> Iterator[Finding]:
        """Page 1 of the document (the first page of section 1) shows no number."""
        rule = self.ctx.facts.rule("page-number-first-page")
        default = s.headers.get("default")
        first = s.headers.get("first")
        if s.title_page and self.has_page(first):
            yield rule.finding(
                "Đầu trang của trang thứ nhất có số trang; không hiển thị số trang ở trang thứ nhất.",
                self.where(first, s),
            )
        elif not s.title_page and self.has_page(default):
            yield rule.finding(
                "Số trang hiện cả ở trang thứ nhất: phần 1 chưa bật «Trang đầu khác» (Different First "
                "Page, w:titlePg); không hiển thị số trang ở trang thứ nhất.",
                self.where(default, s),
            )

    def default_header(self, s: Section) -> Iterator[Finding]:
        """The section's default header holds a centred PAGE field of the right size."""
        facts = self.ctx.facts
        default = s.headers.get("default")
        if not self.has_page(default):
            footers = [part for kind, part in s.footers.items() if self.shown(s, kind) and self.has_page(part)]
            if footers:
                yield facts.rule("page-number-position").finding(
                    "Số trang đặt ở chân trang; phải canh giữa trong phần lề trên (đầu trang).",
                    self.where(footers[0], s),
                )
            elif s.index == 1:
                yield facts.rule("page-number-missing").finding(
                    "Không có trường số trang (PAGE) ở đầu trang; văn bản từ hai trang trở lên "
                    "phải đánh số trang ở giữa lề trên, từ trang thứ hai.",
                    s.place,
                )
            elif s.page_start == 1:
                # One page of an appendix numbered on its own needs no number; LibreOffice
                # saves such a one-page section so. The checker cannot count pages: say so.
                yield facts.rule("page-number-missing").finding(
                    f"Phần {s.index} đánh số trang lại từ 1 nhưng đầu trang của phần không có trường số "
                    "trang (PAGE): nếu phần này (phụ lục) có từ hai trang trở lên, các trang từ trang "
                    "thứ hai không có số trang.",
                    s.place,
                )
            else:
                yield facts.rule("page-number-missing").finding(
                    f"Đầu trang của phần {s.index} không có trường số trang (PAGE), nên các trang của "
                    "phần này không có số trang; mỗi phần của văn bản phải đánh số trang ở giữa lề trên.",
                    s.place,
                )
            return
        for p in self.page_paras(default):
            runs = p.text_runs() or [_mark_run(p)]
            issues = format_issues(runs, size=facts.size("page_number"), italic=False)
            if p.fmt.align != "center" and not _centred_by_tab(p, s):
                issues.append("phải canh giữa")
            if issues:
                yield facts.rule("page-number-format").finding(sentence("Số trang", issues), p.location)

    def restarted(self, s: Section) -> Iterator[Finding]:
        """A section numbered on its own from 1 (an appendix) shows no number on its page 1."""
        first, default = s.headers.get("first"), s.headers.get("default")
        shown = self.has_page(first) if s.title_page else self.has_page(default)
        if shown:
            how = ("đầu trang trang đầu của phần này có số trang" if s.title_page
                   else "phần này chưa bật «Trang đầu khác» (Different First Page, w:titlePg)")
            yield self.ctx.facts.rule("page-number-appendix").finding(
                f"Phần {s.index} đánh số trang lại từ 1 (phụ lục đánh số trang riêng) nhưng trang đầu "
                f"của phần hiện số 1: {how}; không hiển thị số trang ở trang đầu.",
                s.place,
            )


def _centred_by_tab(p: Para, s: Section) -> bool:
    """A number pushed by typed tabs to a centring tab stop in the middle of the line."""
    if p.text.strip() and not p.text.startswith("\t"):
        return False
    width = (s.width or 11906) - s.margins.get("left", 1701) - s.margins.get("right", 1134)
    return any(abs(stop - width / 2) <= width * _CENTRE_TOLERANCE for stop in p.fmt.center_tabs)


def _mark_run(p: Para) -> Run:
    """A stand-in run with the paragraph's own formatting, for a field with no result text."""
    return Run("0", p.mark)
