"""Appendix headings: `Phụ lục II`, the title, the `(Kèm theo …)` line (Phụ lục I, mục III.1).

`Phụ lục` and its number: a line of its own, centred, lower case, 14 pt, upright, bold;
Roman numbers when there are two appendices or more. The title under it: centred, upper
case, 13-14 pt, upright, bold. Then `(Kèm theo <tên loại> số …/… ngày … của …)` in italic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...vn import roman
from ..findings import Finding
from ..structure import Appendix
from ..textutil import nfc
from .common import Context, format_issues, sentence


def check(ctx: Context) -> Iterator[Finding]:
    appendices = ctx.layout.appendices
    numbered = len(appendices) >= 2
    for k, appendix in enumerate(appendices, start=1):
        yield from _label(ctx, appendix, k if numbered else None)
        yield from _title(ctx, appendix)
        yield from _note(ctx, appendix)


def _label(ctx: Context, appendix: Appendix, position: int | None) -> Iterator[Finding]:
    it = appendix.label
    word = ctx.facts.text("appendix_label")
    issues = []
    written = " ".join(it.text.split()[:2])
    if nfc(written) != word or any(r.fmt.caps for r in it.line.runs if r.text.strip()):
        issues.append(f"phải viết «{word}» bằng chữ in thường (đang «{written}»)")
    number = appendix.number.rstrip(".")
    if position is not None and number != roman(position):
        issues.append(
            f"có từ hai phụ lục trở lên thì phải đánh số thứ tự bằng chữ số La Mã: «{word} {roman(position)}» "
            f"(đang «{it.text}»)"
        )
    issues += format_issues(it.line.runs, size=ctx.facts.size("appendix_label"), bold=True, italic=False)
    if it.para.fmt.align != "center":
        issues.append("phải canh giữa")
    if issues:
        yield ctx.facts.rule("appendix-heading").finding(sentence(f"Dòng «{it.text}»", issues), it.location)


def _title(ctx: Context, appendix: Appendix) -> Iterator[Finding]:
    rule = ctx.facts.rule("appendix-heading")
    if not appendix.title:
        yield rule.finding(
            "Dưới dòng «Phụ lục» thiếu tên phụ lục (chữ in hoa, đậm, canh giữa).", appendix.label.location
        )
        return
    runs = [r for it in appendix.title for r in it.line.runs]
    text = " ".join(it.line.text for it in appendix.title)
    issues = format_issues(runs, text, size=ctx.facts.size("appendix_title"), bold=True, italic=False, upper=True)
    if any(it.para.fmt.align != "center" for it in appendix.title):
        issues.append("phải canh giữa")
    if issues:
        yield rule.finding(sentence("Tên phụ lục", issues), appendix.title[0].location)


def _note(ctx: Context, appendix: Appendix) -> Iterator[Finding]:
    rule = ctx.facts.rule("appendix-heading")
    it = appendix.note
    if it is None:
        above = appendix.title[-1] if appendix.title else appendix.label
        yield rule.finding(
            "Dưới tên phụ lục thiếu dòng «(Kèm theo <tên loại văn bản> số …/… ngày … của …)», chữ in "
            "nghiêng, canh giữa.",
            above.location,
        )
        return
    issues = []
    text = appendix.note_text
    if not re.match(ctx.facts.text("appendix_note_pattern"), nfc(text)):
        issues.append(f"phải ghi đúng dạng «(Kèm theo <tên loại văn bản> số …/… ngày … của …)» (đang «{text}»)")
    runs = [r for line in appendix.note_lines for r in line.line.runs]
    issues += format_issues(runs, size=ctx.facts.size("appendix_note"), italic=True)
    if any(line.para.fmt.align != "center" for line in appendix.note_lines):
        issues.append("phải canh giữa")
    if issues:
        yield rule.finding(sentence("Dòng «Kèm theo»", issues), it.location)
