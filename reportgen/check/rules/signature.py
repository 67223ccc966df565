"""Signature block: `Nơi nhận` and its items, the signer's authority and name.

Phụ lục I, mục II.7 (quyền hạn, chức vụ, họ tên người ký) and II.9 (nơi nhận). A draft
(number left blank) may leave the signer's name blank too, as it leaves the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Line
from ..findings import Finding
from ..structure import Item, is_draft
from ..textutil import looks_upper
from .common import SIGNATURE, Context, format_issues, sentence


def check(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    if layout.appendix_only:
        return  # an appendix file is signed with the document it belongs to
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
    if ctx.layout.kinh_gui and not items[0].text.startswith(tuple(ctx.facts.text("nhu_tren_starts"))):
        yield rule.finding(
            f"Văn bản có «Kính gửi» thì nơi nhận bắt đầu bằng «{nhu_tren}».", items[0].location
        )
    luu = re.compile(ctx.facts.text("luu_line_pattern"))
    items = _logical_items(items)
    for k, it in enumerate(items[:-1]):
        text = _item_text(it)
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


def _logical_items(items: list[Item]) -> list[Item]:
    """The lines of Nơi nhận with a long item's continuation (typed on a line of its own,
    with no dash) joined to it: `- Sở Nội vụ (tổng hợp gửi` + `Bộ Nội vụ);`."""
    out: list[Item] = []
    for it in items:
        if out and not it.text.startswith(("-", "+")) and not _item_text(out[-1]).endswith((";", ".", ":")):
            last = out[-1]
            joined = Line(f"{last.line.text} {it.line.text}", last.line.runs + it.line.runs)
            out[-1] = Item(last.para, last.index, joined)
        else:
            out.append(it)
    return out


def _item_text(it: Item) -> str:
    """A Nơi nhận line without a side note typed after its `;` and a tab or spaces
    (`- Cổng thông tin điện tử Chính phủ;      Để đăng dự thảo`)."""
    noted = re.match(r"^(.*?;)(?:[ \t]*\t[ \t]*| {2,})\S", it.line.text.strip())
    return " ".join((noted[1] if noted else it.line.text).split())


def _authority(ctx: Context, lines: list[Item]) -> Iterator[Finding]:
    """`TM.`, `KT.`, `Q.`, `TL.`, `TUQ.` written right and followed by what each needs."""
    rule = ctx.facts.rule("authority-text")
    valid = tuple(ctx.facts["authority"]["prefixes"])
    deputy = tuple(ctx.facts["authority"]["deputy_title_starts"])
    prefixes: list[tuple[int, str]] = []  # (line, authority word) of the well-written authority words
    words: dict[int, str] = {}  # every line opening with an authority word, well written or not
    for k, it in enumerate(lines):
        token = it.text.split()[0]
        core = re.sub(r"[./:]", "", token).upper()
        glued = re.match(rf"^({'|'.join(valid)})\.(?=\S)", it.text)
        if core in valid and token != f"{core}.":
            words[k] = core
            yield rule.finding(
                f"Viết quyền hạn người ký là «{core}.» (chữ in hoa, dấu chấm, sau có dấu cách); văn bản ghi «{token}».",
                it.location,
            )
        elif glued:
            words[k] = glued[1]
            yield rule.finding(f"Sau «{glued[1]}.» phải có dấu cách.", it.location)
        elif core in valid:
            words[k] = core
            prefixes.append((k, core))
    for k, core in prefixes:
        it = lines[k]
        after = lines[k + 1].text if k + 1 < len(lines) else None
        if len(it.text.split()) < 2:
            yield rule.finding(f"Sau «{core}.» phải ghi tên tập thể hoặc chức vụ người đứng đầu.", it.location)
        elif core == "KT" and (after is None or not after.startswith(deputy)):
            yield rule.finding(
                f"Dưới «{it.text}» phải ghi chức vụ cấp phó của người ký (ví dụ «{_deputy(ctx, it.text[4:])}»).",
                it.location,
            )
        elif core == "KT" and not after.startswith(_deputy(ctx, it.text[4:])):
            yield rule.finding(
                f"Dưới «{it.text}» là chức vụ cấp phó của chính người đứng đầu đó, «{_deputy(ctx, it.text[4:])}»; "
                f"văn bản ghi «{after}».",
                it.location,
            )
        elif core in ("TM", "TL", "TUQ") and after is None:
            yield rule.finding(f"Dưới «{it.text}» phải ghi chức vụ của người ký.", it.location)
    yield from _authority_order(ctx, lines, words)
    runs = [r for it in lines for r in it.line.runs]
    text = " ".join(it.line.text for it in lines)
    issues = format_issues(runs, text, size=ctx.facts.size("authority"), bold=True, italic=False, upper=True)
    if issues:
        yield ctx.facts.rule("authority-format").finding(
            sentence("Quyền hạn, chức vụ người ký", issues), lines[0].location
        )


def _authority_order(ctx: Context, lines: list[Item], prefixes: dict[int, str]) -> Iterator[Finding]:
    """Authority words in their places, and a deputy always signing under `KT.` (II.7.b).

    `TM.`, `TL.`, `TUQ.` open the block; `KT.` opens it or stands right under `TM.`, `TL.`
    or `TUQ.`; `Q.` opens it or stands under `TM.`. A deputy's title (`PHÓ CHỦ TỊCH`,
    `THỨ TRƯỞNG`) stands right under `KT. <head>`: `TM. ỦY BAN NHÂN DÂN` directly over `PHÓ
    CHỦ TỊCH` lacks `KT. CHỦ TỊCH`, and so does a `PHÓ GIÁM ĐỐC` signing alone.
    """
    spec = ctx.facts["authority"]
    rule = ctx.facts.rule("authority-text")
    may_follow = spec["may_follow"]
    for k, core in prefixes.items():
        above = prefixes.get(k - 1)
        if k > 0 and above not in may_follow[core]:
            allowed = ", ".join(f"«{a}.»" for a in may_follow[core])
            where = f"đứng đầu khối chữ ký hoặc ngay dưới {allowed}" if allowed else "đứng đầu khối chữ ký"
            yield rule.finding(f"«{core}.» phải {where}; văn bản ghi «{lines[k].text}» ở dòng thứ {k + 1}.",
                               lines[k].location)
    for k, it in enumerate(lines):
        if k in prefixes or not _is_deputy(ctx, it.text) or prefixes.get(k - 1) == "KT":
            continue
        head = _head_of(ctx, it.text)
        above = lines[k - 1].text if k > 0 else None
        chain = f"{above} / KT. {head} / {it.text}" if above else f"KT. {head} / {it.text}"
        who = "Cấp phó ký thay mặt tập thể" if prefixes.get(k - 1) == "TM" else "Cấp phó ký thay người đứng đầu"
        yield rule.finding(
            f"{who} phải ghi «KT. {head}» ngay trên chức vụ «{it.text}»: «{chain}».", it.location
        )


def _is_deputy(ctx: Context, title: str) -> bool:
    spec = ctx.facts["authority"]
    starts = tuple(spec["deputy_title_starts"])
    in_charge = tuple(spec["deputy_in_charge"])
    return title.startswith(starts) and not any(w in title for w in in_charge)


def _deputy(ctx: Context, head: str) -> str:
    """The title of the deputy of `head`: `CHỦ TỊCH` → `PHÓ CHỦ TỊCH`, `BỘ TRƯỞNG` → `THỨ TRƯỞNG`."""
    return ctx.facts["authority"]["deputy_of"].get(head, f"PHÓ {head}")


def _head_of(ctx: Context, deputy: str) -> str:
    """The head a deputy stands in for: `PHÓ GIÁM ĐỐC` → `GIÁM ĐỐC`, `THỨ TRƯỞNG` → `BỘ TRƯỞNG`."""
    for head, title in ctx.facts["authority"]["deputy_of"].items():
        if deputy.startswith(title):
            return head
    return deputy.removeprefix("PHÓ ").strip()


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
