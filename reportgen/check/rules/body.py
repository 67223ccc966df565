"""Body paragraphs: size, justification, first-line indent, spacing (Phụ lục I, mục II.6.e).

The body is what lies between the trích yếu (or `Kính gửi`) and the signature table,
outside tables. Centred paragraphs (captions, appendix titles) are left out; headings
of the ladder (`I.`, `1.`, `a)` in bold) are checked for size only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Para
from ..findings import Finding
from ..structure import HEADING
from .common import Context, format_issues, pt, sentence

TWIPS_PER_CM = 1440 / 2.54


def check(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    body = facts["body"]
    size_range = facts.size("body")
    lo_cm, hi_cm = body["first_line_indent_cm"]
    tol_cm = body["first_line_indent_tolerance_cm"]
    min_spacing = body["min_paragraph_spacing_pt"] * 20
    lines_lo, lines_hi = body["line_spacing_lines"]
    single = body["single_line_height_factor"]
    for p in ctx.layout.body:
        if p.fmt.align == "center":
            continue
        issues = format_issues(p.runs, size=size_range)
        if issues:
            yield facts.rule("body-size").finding(sentence("Nội dung", issues), p.location)
        if _is_heading(p):
            continue
        if p.fmt.align not in ("both", "distribute"):
            yield facts.rule("body-justify").finding(
                f"Nội dung phải canh đều hai lề (đang {_ALIGN.get(p.fmt.align, p.fmt.align)}).", p.location
            )
        indent_cm = p.fmt.first_line / TWIPS_PER_CM
        if p.fmt.first_line <= 0:
            yield facts.rule("body-indent").finding(
                f"Đầu dòng phải lùi vào {_cm(lo_cm)} cm hoặc {_cm(hi_cm)} cm (đang không lùi).", p.location
            )
        elif not lo_cm - tol_cm <= indent_cm <= hi_cm + tol_cm:
            yield facts.rule("body-indent").finding(
                f"Đầu dòng phải lùi vào {_cm(lo_cm)} cm hoặc {_cm(hi_cm)} cm (đang lùi {_cm(round(indent_cm, 2))} cm).",
                p.location,
            )
        spacing = (280 if p.fmt.before_auto else p.fmt.before) + (280 if p.fmt.after_auto else p.fmt.after)
        if spacing < min_spacing:
            yield facts.rule("body-spacing").finding(
                f"Khoảng cách giữa các đoạn văn tối thiểu {pt(min_spacing / 20)} pt "
                f"(đang {pt(spacing / 20)} pt trước và sau đoạn).",
                p.location,
            )
        lines = _line_spacing(p, single)
        if lines is not None and not lines_lo - 0.01 <= lines <= lines_hi + 0.01:
            yield facts.rule("body-line-spacing").finding(
                f"Khoảng cách giữa các dòng từ dòng đơn đến {pt(lines_hi)} dòng (đang {pt(round(lines, 2))} dòng).",
                p.location,
            )


_ALIGN = {"left": "canh trái", "right": "canh phải", "center": "canh giữa"}


def _is_heading(p: Para) -> bool:
    """A heading of the ladder (`I. MỤC ĐÍCH`, `1. Mục đích`, `a) …`) written in bold."""
    runs = p.text_runs()
    return bool(HEADING.match(p.stripped)) and bool(runs) and all(r.fmt.bold for r in runs)


def _line_spacing(p: Para, single: float) -> float | None:
    """Line spacing in lines: `auto` is in 240ths; exact/at-least heights against the font size."""
    if p.fmt.line_rule == "auto":
        return p.fmt.line / 240
    runs = p.text_runs()
    size = max((r.fmt.size for r in runs), default=p.mark.size)
    height_pt = p.fmt.line / 20
    if height_pt < size:
        return height_pt / size
    return max(1.0, height_pt / (size * single))


def _cm(value: float) -> str:
    return f"{value:g}".replace(".", ",")
