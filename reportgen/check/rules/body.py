"""Body paragraphs: size, justification, first-line indent, spacing (Phụ lục I, mục II.6.e).

The body is what lies between the trích yếu (or `Kính gửi`) and the signature table,
outside tables. Centred paragraphs (captions, appendix titles) are left out; headings
of the ladder (`I.`, `1.`, `a)` in bold) are checked for size only.

What a reader sees is judged, not how it was typed: a first line pushed in by a typed tab
is indented to the tab stop it reaches; a one-line paragraph indented as a block starts
where its first line starts; the space between two paragraphs is the space after the
first plus the space before the second (Word adds them).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Para
from ..findings import Finding
from ..pages import section_text_width, text_width_em
from ..structure import HEADING, is_line_para
from ..textutil import looks_upper
from .common import Context, format_issues, pt, sentence

TWIPS_PER_CM = 1440 / 2.54
ONE_LINE_MARGIN = 1.2  # estimated widths up to 20% over one line may still fit on it
AUTO_SPACING = 280  # what Word puts before or after a paragraph with "auto" spacing, in twips


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.layout.appendix_only:
        return
    facts = ctx.facts
    body = facts["body"]
    size_range = facts.size("body")
    lo_cm, hi_cm = body["first_line_indent_cm"]
    tol_cm = body["first_line_indent_tolerance_cm"]
    min_spacing = body["min_paragraph_spacing_pt"] * 20
    lines_lo, lines_hi = body["line_spacing_lines"]
    single = body["single_line_height_factor"]
    following = _following(ctx.doc)
    widths = {s.index: section_text_width(ctx.doc, s.index) for s in ctx.doc.sections}
    for p in ctx.layout.body:
        if p.fmt.align == "center":
            continue
        issues = format_issues(p.runs, size=size_range)
        if issues:
            yield facts.rule("body-size").finding(sentence("Nội dung", issues), p.location)
        if _is_heading(p):
            continue
        if p.fmt.align not in ("both", "distribute") and _several_lines(p, widths.get(p.section)):
            yield facts.rule("body-justify").finding(
                f"Nội dung phải canh đều hai lề (đang {_ALIGN.get(p.fmt.align, p.fmt.align)}).", p.location
            )
        if not p.fmt.numbered:  # Word's own numbering sets the indent; it is not read here
            start = first_line_start(p, ctx.doc.default_tab_stop)
            indent_cm = start / TWIPS_PER_CM
            if start <= 0:
                yield facts.rule("body-indent").finding(
                    f"Đầu dòng phải lùi vào {_cm(lo_cm)} cm hoặc {_cm(hi_cm)} cm (đang không lùi).", p.location
                )
            elif not lo_cm - tol_cm <= indent_cm <= hi_cm + tol_cm:
                yield facts.rule("body-indent").finding(
                    f"Đầu dòng phải lùi vào {_cm(lo_cm)} cm hoặc {_cm(hi_cm)} cm "
                    f"(đang lùi {_cm(round(indent_cm, 2))} cm).",
                    p.location,
                )
        nxt = following.get(id(p))
        if nxt is not None and not is_line_para(nxt, facts):
            after, before = _after(p), _before(nxt)
            if after + before < min_spacing:
                yield facts.rule("body-spacing").finding(
                    f"Khoảng cách giữa đoạn này và đoạn sau tối thiểu {pt(min_spacing / 20)} pt; đang "
                    f"{pt((after + before) / 20)} pt (sau đoạn này {pt(after / 20)} pt, trước đoạn sau "
                    f"{pt(before / 20)} pt).",
                    p.location,
                )
        lines = _line_spacing(p, single)
        if lines is not None and not lines_lo - 0.01 <= lines <= lines_hi + 0.01:
            yield facts.rule("body-line-spacing").finding(
                f"Khoảng cách giữa các dòng từ dòng đơn đến {pt(lines_hi)} dòng (đang {pt(round(lines, 2))} dòng).",
                p.location,
            )


_ALIGN = {"left": "canh trái", "right": "canh phải", "center": "canh giữa"}


def first_line_start(p: Para, default_tab_stop: int) -> int:
    """Where the first line's text starts, in twips from the margin.

    The paragraph's left and first-line indents, then each tab typed at the start moves
    the text to the next tab stop: a custom one, else the next default stop.
    """
    start = p.fmt.left + p.fmt.first_line
    for char in p.text:
        if char != "\t":
            break
        later = [stop for stop in p.fmt.tabs if stop > start]
        step = max(default_tab_stop, 1)
        start = min(later) if later else (start // step + 1) * step
    return start


def _several_lines(p: Para, text_width: float | None) -> bool:
    """The paragraph clearly runs over more than one line (justifying one line changes nothing).

    The width is estimated (see `pages`); a paragraph within `ONE_LINE_MARGIN` of one line
    is given the benefit of the doubt.
    """
    if text_width is None:
        return True
    runs = p.text_runs()
    size = max((r.fmt.size for r in runs), default=p.mark.size)
    width = text_width - (p.fmt.left + p.fmt.right + max(p.fmt.first_line, 0)) / 20
    return text_width_em(p) * size > width * ONE_LINE_MARGIN


def _is_heading(p: Para) -> bool:
    """A heading of the ladder (`I. MỤC ĐÍCH`, `1. Mục đích`, `a) …`) written in bold, or a
    line in capitals (`QUYẾT ĐỊNH:` over the articles of a decision)."""
    runs = p.text_runs()
    if bool(HEADING.match(p.stripped)) and bool(runs) and all(r.fmt.bold for r in runs):
        return True
    if any(c.islower() for c in p.text[:40]) and not any(r.fmt.caps for r in runs):
        return False  # the usual case, told cheaply
    return looks_upper(p.text, runs)


def _following(doc: Document) -> dict[int, Para]:
    """Each body-level paragraph → the paragraph right after it, when that one has text."""
    out: dict[int, Para] = {}
    blocks = doc.blocks
    for b, nxt in zip(blocks, blocks[1:], strict=False):
        if isinstance(b, Para) and isinstance(nxt, Para) and nxt.stripped:
            out[id(b)] = nxt
    return out


def _after(p: Para) -> int:
    return AUTO_SPACING if p.fmt.after_auto else p.fmt.after


def _before(p: Para) -> int:
    return AUTO_SPACING if p.fmt.before_auto else p.fmt.before


def _line_spacing(p: Para, single: float) -> float | None:
    """Line spacing in lines: `auto` is in 240ths; exact and at-least heights against the font size.

    "At least" never makes a line smaller than single spacing: below that it is single.
    """
    if p.fmt.line_rule == "auto":
        return p.fmt.line / 240
    runs = p.text_runs()
    size = max((r.fmt.size for r in runs), default=p.mark.size)
    height_pt = p.fmt.line / 20
    if p.fmt.line_rule == "atLeast":
        return max(1.0, height_pt / (size * single))
    if height_pt < size:
        return height_pt / size
    return max(1.0, height_pt / (size * single))


def _cm(value: float) -> str:
    return f"{value:g}".replace(".", ",")
