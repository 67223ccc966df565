"""Signature block: `Nơi nhận` and its items, the signer's authority and name.

Phụ lục I, mục II.7 (quyền hạn, chức vụ, họ tên người ký) and II.9 (nơi nhận). A draft
(number left blank) may leave the signer's name blank too, as it leaves the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..structure import Item, is_draft
from ..textutil import looks_upper
from .common import SIGNATURE, Context, format_issues, sentence


def check(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    if layout.noi_nhan is None:
        yield ctx.facts.rule("missing-element").finding("Không tìm thấy phần «Nơi nhận:».", SIGNATURE)
    elif layout.signature is None:
        yield ctx.facts.rule("layout").finding(
            "Nơi nhận và chữ ký không trình bày bằng bảng hai cột (bên trái: nơi nhận; bên phải: "
            "quyền hạn, chức vụ, họ tên người ký).",
            layout.noi_nhan.location,
        )
    if layout.noi_nhan is not None:
        yield from _label(ctx, layout.noi_nhan)
        yield from _items(ctx, layout.noi_nhan, layout.noi_nhan_items)
    if layout.signature is None:
        return
    if not layout.authority:
        yield ctx.facts.rule("missing-element").finding(
            "Không tìm thấy quyền hạn, chức vụ của người ký (bên phải khối chữ ký).", SIGNATURE
        )
    else:
        yield from _authority(ctx, layout.authority)
    if layout.signer is not None:
        yield from _signer(ctx, layout.signer)
    elif not is_draft(layout):
        yield ctx.facts.rule("missing-element").finding(
            "Không tìm thấy họ tên người ký (dưới chữ ký, bên phải khối chữ ký).", SIGNATURE
        )


def _label(ctx: Context, it: Item) -> Iterator[Finding]:
    expected = ctx.facts.text("noi_nhan_label")
    issues = []
    if it.text != expected:
        issues.append(f"viết đúng «{expected}» (đang «{it.text}»)")
    issues += format_issues(it.line.runs, size=ctx.facts.size("noi_nhan_label"), bold=True,
                            italic=True, underline=False)
    if issues:
        yield ctx.facts.rule("noi-nhan-label").finding(sentence("Chữ «Nơi nhận»", issues), it.location)


def _items(ctx: Context, label: Item, items: list[Item]) -> Iterator[Finding]:
    rule = ctx.facts.rule("noi-nhan-items")
    if not items:
        yield rule.finding("Dưới «Nơi nhận:» thiếu danh sách nơi nhận và dòng «- Lưu: VT, …».", label.location)
        return
    runs = [r for it in items for r in it.line.runs]
    issues = format_issues(runs, size=ctx.facts.size("noi_nhan_items"), italic=False)
    if issues:
        yield ctx.facts.rule("noi-nhan-items-format").finding(
            sentence("Danh sách nơi nhận", issues), items[0].location
        )
    nhu_tren = ctx.facts.text("nhu_tren")
    if ctx.layout.kinh_gui and items[0].text != nhu_tren:
        yield rule.finding(
            f"Văn bản có «Kính gửi» thì nơi nhận bắt đầu bằng «{nhu_tren}».", items[0].location
        )
    luu = re.compile(ctx.facts.text("luu_line_pattern"))
    for k, it in enumerate(items[:-1]):
        text = it.text
        nxt = items[k + 1].text
        if not text.startswith(("- ", "+ ")):
            yield rule.finding("Mỗi nơi nhận một dòng, đầu dòng có gạch đầu dòng (-).", it.location)
        elif not (text.endswith(";") or (text.endswith(":") and nxt.startswith("+"))):
            yield rule.finding("Cuối mỗi dòng nơi nhận có dấu chấm phẩy (;).", it.location)
    last = items[-1]
    if not luu.match(last.text):
        yield rule.finding(
            f"Dòng cuối cùng của nơi nhận phải là «- Lưu: VT, <đơn vị soạn thảo>.» và kết thúc bằng dấu "
            f"chấm; văn bản ghi «{last.text}».",
            last.location,
        )


def _authority(ctx: Context, lines: list[Item]) -> Iterator[Finding]:
    """`TM.`, `KT.`, `Q.`, `TL.`, `TUQ.` written right and followed by what each needs."""
    rule = ctx.facts.rule("authority-text")
    valid = tuple(ctx.facts["authority"]["prefixes"])
    deputy = tuple(ctx.facts["authority"]["deputy_title_starts"])
    prefixes: list[tuple[int, str]] = []
    for k, it in enumerate(lines):
        token = it.text.split()[0]
        core = re.sub(r"[./:]", "", token).upper()
        glued = re.match(rf"^({'|'.join(valid)})\.(?=\S)", it.text)
        if core in valid and token != f"{core}.":
            yield rule.finding(
                f"Viết quyền hạn người ký là «{core}.» (chữ in hoa, dấu chấm, sau có dấu cách); văn bản ghi «{token}».",
                it.location,
            )
        elif glued:
            yield rule.finding(f"Sau «{glued[1]}.» phải có dấu cách.", it.location)
        elif core in valid:
            prefixes.append((k, core))
    for k, core in prefixes:
        it = lines[k]
        after = lines[k + 1].text if k + 1 < len(lines) else None
        if len(it.text.split()) < 2:
            yield rule.finding(f"Sau «{core}.» phải ghi tên tập thể hoặc chức vụ người đứng đầu.", it.location)
        elif core == "TM" and k != 0:
            yield rule.finding("«TM.» (thay mặt tập thể) đứng ở dòng đầu của khối chữ ký.", it.location)
        elif core == "KT" and (after is None or not after.startswith(deputy)):
            yield rule.finding(
                f"Dưới «{it.text}» phải ghi chức vụ cấp phó của người ký (ví dụ «PHÓ {it.text[4:]}»).",
                it.location,
            )
        elif core in ("TM", "TL", "TUQ") and after is None:
            yield rule.finding(f"Dưới «{it.text}» phải ghi chức vụ của người ký.", it.location)
    runs = [r for it in lines for r in it.line.runs]
    text = " ".join(it.line.text for it in lines)
    issues = format_issues(runs, text, size=ctx.facts.size("authority"), bold=True, italic=False, upper=True)
    if issues:
        yield ctx.facts.rule("authority-format").finding(
            sentence("Quyền hạn, chức vụ người ký", issues), lines[0].location
        )


def _signer(ctx: Context, it: Item) -> Iterator[Finding]:
    issues = format_issues(it.line.runs, size=ctx.facts.size("signer_name"), bold=True, italic=False)
    first = it.text.split()[0]
    titles = ctx.facts["authority"]["academic_titles"]
    if first in titles or any(first.startswith(t) for t in titles if t.endswith(".")):
        issues.append(f"không ghi học hàm, học vị («{first}») trước họ tên")
    if looks_upper(it.line.text, it.line.runs) and len(it.text) > 3:
        issues.append("viết chữ in thường (ví dụ «Nguyễn Văn A»), không in hoa toàn bộ")
    if issues:
        yield ctx.facts.rule("signer-name").finding(sentence("Họ tên người ký", issues), it.location)
