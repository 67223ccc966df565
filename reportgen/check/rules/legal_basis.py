"""Căn cứ lines (legal bases): italic, one per line, `;` after each, `.` after the last.

Phụ lục I, mục II.6.b. `structure.py` finds them: the `Căn cứ …` paragraphs opening the
body. A `Theo đề nghị …` line may close the list; the last căn cứ before it may then end
with `;` or `,`, and the `Theo đề nghị …` line itself ends with `.`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..structure import legal_bases_in
from .common import Context, format_issues, sentence

_BEFORE_PROPOSAL = ";,."  # how the last căn cứ may end when `Theo đề nghị …` follows


def check(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    bases = layout.legal_bases
    if not bases:
        return
    rule = ctx.facts.rule("legal-basis")
    for k, p in enumerate(bases):
        last = k == len(bases) - 1
        issues = format_issues(p.runs, italic=True)
        if legal_bases_in(p, ctx.facts) > 1:
            issues.append("mỗi căn cứ phải trình bày tại một dòng riêng (một đoạn)")
        issues += _ending(p.stripped, last, layout.proposal is not None)
        if issues:
            yield rule.finding(sentence("Căn cứ ban hành văn bản", issues), p.location)
    closing = layout.proposal
    if closing is not None:
        issues = format_issues(closing.runs, italic=True)
        if not closing.stripped.endswith("."):
            issues.append(f"phải kết thúc bằng dấu chấm (đang «{closing.stripped[-1]}»)")
        if issues:
            yield rule.finding(sentence("Dòng «Theo đề nghị…»", issues), closing.location)


def _ending(text: str, last: bool, proposal_follows: bool) -> list[str]:
    """What is wrong with the punctuation closing one căn cứ."""
    end = text[-1]
    if not last:
        return [] if end == ";" else [f"cuối dòng phải có dấu chấm phẩy (đang «{end}»)"]
    if proposal_follows:
        return [] if end in _BEFORE_PROPOSAL else [f"cuối dòng phải có dấu chấm phẩy (đang «{end}»)"]
    return [] if end == "." else [f"căn cứ cuối cùng phải kết thúc bằng dấu chấm (đang «{end}»)"]
