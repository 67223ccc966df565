"""Title, trích yếu and `Kính gửi` (Phụ lục I, mục II.5 and II.9)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..structure import Item, line_under
from ..textutil import has_letters, looks_upper
from .common import PAGE1, Context, format_issues, sentence


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.layout.appendix_only:
        return
    yield from _title(ctx)
    yield from _trich_yeu(ctx)
    yield from _kinh_gui(ctx)


def _title(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    title = layout.title
    if title is None:
        if layout.vv is None:
            yield ctx.facts.rule("missing-element").finding(
                "Không tìm thấy tên loại văn bản (ví dụ «KẾ HOẠCH», «BÁO CÁO») canh giữa dưới khối đầu "
                "văn bản, hoặc trích yếu «V/v …» của công văn dưới số, ký hiệu.",
                PAGE1,
            )
        return
    issues = format_issues(title.runs, title.text, size=ctx.facts.size("title"), bold=True,
                           italic=False, upper=True)
    if title.fmt.align != "center":
        issues.append("phải canh giữa")
    if issues:
        yield ctx.facts.rule("title-format").finding(sentence("Tên loại văn bản", issues), title.location)


def _trich_yeu(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    rule = ctx.facts.rule("trich-yeu-format")
    if layout.vv is not None and layout.title is None:
        issues = format_issues(layout.vv.line.runs, size=ctx.facts.size("trich_yeu_cong_van"), italic=False)
        if issues:
            yield rule.finding(sentence("Trích yếu công văn", issues), layout.vv.location)
        return
    if layout.title is None:
        return
    if not layout.trich_yeu:
        yield ctx.facts.rule("missing-element").finding(
            "Không tìm thấy trích yếu nội dung văn bản ngay dưới tên loại văn bản.", layout.title.location
        )
        return
    for p in layout.trich_yeu:
        issues = format_issues(p.runs, size=ctx.facts.size("trich_yeu"), bold=True, italic=False)
        if p.fmt.align != "center":
            issues.append("phải canh giữa")
        if issues:
            yield rule.finding(sentence("Trích yếu", issues), p.location)
    text = " ".join(p.text for p in layout.trich_yeu)
    if has_letters(text) and looks_upper(text, [r for p in layout.trich_yeu for r in p.runs]):
        yield ctx.facts.rule("trich-yeu-case").finding(
            "Trích yếu trình bày bằng chữ in thường (chỉ viết hoa chữ cái đầu và danh từ riêng), "
            "không viết in hoa toàn bộ.",
            layout.trich_yeu[0].location,
        )
    last = layout.trich_yeu[-1]
    item = Item(last, len(last.lines()) - 1, last.lines()[-1])
    column = ctx.doc.paragraphs if last in ctx.doc.paragraphs else [last, *layout.after_trich_yeu]
    if line_under(item, column, ctx.facts) is None:
        yield ctx.facts.rule("trich-yeu-line").finding(
            "Dưới trích yếu phải có đường kẻ ngang, nét liền, dài từ 1/3 đến 1/2 dòng chữ.", last.location
        )


def _kinh_gui(ctx: Context) -> Iterator[Finding]:
    items = ctx.layout.kinh_gui
    if not items:
        return
    runs = [r for it in items for r in it.line.runs]
    issues = format_issues(runs, size=ctx.facts.size("kinh_gui"), italic=False)
    if issues:
        yield ctx.facts.rule("kinh-gui-format").finding(sentence("Kính gửi", issues), items[0].location)
    yield from _kinh_gui_form(ctx, items)


def _kinh_gui_form(ctx: Context, items: list[Item]) -> Iterator[Finding]:
    rule = ctx.facts.rule("kinh-gui-form")
    label = ctx.facts.text("kinh_gui_label")
    head = items[0].text
    if not head.startswith(label):
        yield rule.finding(f"Viết «{label}» (sau có dấu hai chấm) trước tên nơi nhận.", items[0].location)
        return
    rest = head[len(label):].strip()
    recipients = items[1:]
    if rest:
        if recipients or ";" in rest:
            yield rule.finding(
                "Gửi từ hai nơi trở lên thì xuống dòng sau «Kính gửi:», mỗi nơi một dòng «- …;», "
                "dòng cuối kết thúc bằng dấu chấm.",
                items[0].location,
            )
        return
    if not recipients:
        yield rule.finding("Sau «Kính gửi:» thiếu tên cơ quan, tổ chức nhận văn bản.", items[0].location)
        return
    for k, it in enumerate(recipients):
        last = k == len(recipients) - 1
        end = "." if last else ";"
        if not it.text.startswith("- ") or not it.text.endswith(end):
            yield rule.finding(
                f"Mỗi nơi gửi một dòng, đầu dòng có gạch đầu dòng (-), cuối dòng có dấu «{end}»"
                f"{' (dòng cuối cùng)' if last else ''}.",
                it.location,
            )
