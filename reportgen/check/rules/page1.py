"""The page-1 block: quốc hiệu, tiêu ngữ, agency lines, số và ký hiệu, place and date.

Phụ lục I, mục II.1-II.4 of the decree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ...vn import doc_type_abbrev, doc_type_abbrevs, nd30_date, parse_so_ky_hieu, vn_upper
from ..findings import Finding
from ..structure import Item, line_under
from ..textutil import flat, nfc
from .common import PAGE1, Context, format_issues, sentence

_DATE = re.compile(
    r"^(?P<place>[^,]*),\s*ngày\s+(?P<d>[\d.…]*)\s*tháng\s+(?P<m>[\d.…]*)\s*năm\s+(?P<y>\d{4})\.?$"
)
_SO_HEAD = re.compile(r"^\s*(?P<word>Số|SỐ|số)\s*(?P<colon>:?)")
_SO_NUMBER = re.compile(r"^\s*\S+\s*:?\s*(?P<digits>\d+)\s*/")


def check(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    if layout.appendix_only:
        return  # an appendix file has no page-1 block
    if layout.page1 is None:
        yield ctx.facts.rule("layout").finding(
            "Khối đầu văn bản không trình bày bằng bảng hai cột (bên trái: tên cơ quan, số và "
            "ký hiệu; bên phải: quốc hiệu, tiêu ngữ, địa danh và ngày tháng).",
            PAGE1,
        )
    yield from _quoc_hieu(ctx)
    yield from _tieu_ngu(ctx)
    yield from _agency(ctx)
    yield from _so_ky_hieu(ctx)
    yield from _place_date(ctx)


def _missing(ctx: Context, what: str) -> Finding:
    return ctx.facts.rule("missing-element").finding(f"Không tìm thấy {what}.", PAGE1)


def _quoc_hieu(ctx: Context) -> Iterator[Finding]:
    items = ctx.layout.quoc_hieu
    expected = ctx.facts.text("quoc_hieu")
    if not items:
        yield _missing(ctx, f"quốc hiệu «{expected}»")
        return
    runs = [r for it in items for r in it.line.runs]
    written = flat(" ".join(it.line.text for it in items))
    shown = written.upper() if all(r.fmt.caps for r in runs if r.text.strip()) else written
    rule = ctx.facts.rule("quoc-hieu-text")
    if nfc(shown) != expected:
        yield rule.finding(f"Quốc hiệu phải ghi đúng «{expected}»; văn bản ghi «{written}».", items[0].location)
    elif len(items) > 1:
        yield rule.finding("Quốc hiệu phải trình bày trên một dòng.", items[0].location)
    issues = format_issues(runs, size=ctx.facts.size("quoc_hieu"), bold=True, italic=False)
    if issues:
        yield ctx.facts.rule("quoc-hieu-format").finding(sentence("Quốc hiệu", issues), items[0].location)


def _tieu_ngu(ctx: Context) -> Iterator[Finding]:
    it = ctx.layout.tieu_ngu
    expected = ctx.facts.text("tieu_ngu")
    if it is None:
        yield _missing(ctx, f"tiêu ngữ «{expected}»")
        return
    written = flat(it.line.text)
    if nfc(written) != expected:
        hint = ""
        if any(d in written for d in "–—"):
            hint = " Giữa các cụm từ dùng gạch nối (-), không dùng gạch dài (–)."
        elif re.search(r"\S-|-\S", written):
            hint = " Hai bên gạch nối có dấu cách."
        yield ctx.facts.rule("tieu-ngu-text").finding(
            f"Tiêu ngữ phải ghi đúng «{expected}»; văn bản ghi «{written}».{hint}", it.location
        )
    issues = format_issues(it.line.runs, size=ctx.facts.size("tieu_ngu"), bold=True, italic=False)
    if issues:
        yield ctx.facts.rule("tieu-ngu-format").finding(sentence("Tiêu ngữ", issues), it.location)
    if line_under(it, ctx.layout.right, ctx.facts) is None:
        yield ctx.facts.rule("tieu-ngu-line").finding(
            "Dưới tiêu ngữ phải có đường kẻ ngang, nét liền, dài bằng dòng chữ.", it.location
        )


def _agency(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    for it in layout.parent:
        issues = format_issues(it.line.runs, it.line.text, size=ctx.facts.size("parent_agency"),
                               bold=False, italic=False, upper=True)
        if issues:
            yield ctx.facts.rule("parent-agency-format").finding(
                sentence("Tên cơ quan chủ quản", issues), it.location
            )
    if not layout.issuer:
        yield _missing(ctx, "tên cơ quan, tổ chức ban hành văn bản (bên trái, trên cùng)")
        return
    for it in layout.issuer:
        issues = format_issues(it.line.runs, it.line.text, size=ctx.facts.size("issuer"),
                               bold=True, italic=False, upper=True)
        if issues:
            yield ctx.facts.rule("issuer-format").finding(
                sentence("Tên cơ quan ban hành", issues), it.location
            )
    last = layout.issuer[-1]
    if line_under(last, layout.left, ctx.facts) is None:
        yield ctx.facts.rule("issuer-line").finding(
            "Dưới tên cơ quan ban hành phải có đường kẻ ngang, nét liền, dài từ 1/3 đến 1/2 dòng chữ.",
            last.location,
        )


def _so_ky_hieu(ctx: Context) -> Iterator[Finding]:
    it = ctx.layout.so
    if it is None:
        yield _missing(ctx, "số, ký hiệu của văn bản («Số: …/…-…», dưới tên cơ quan ban hành)")
        return
    raw = nfc(it.line.text)
    form = ctx.facts.rule("so-ky-hieu-form")
    head = _SO_HEAD.match(raw)
    if head is None or head["word"] != "Số" or not head["colon"]:
        yield form.finding("Viết «Số:» (chữ in thường, sau có dấu hai chấm) trước số và ký hiệu.", it.location)
    number_ok = True
    digits = _SO_NUMBER.match(raw)
    if digits:
        n = digits["digits"]
        value = int(n)
        if (value < 10 and len(n) != 2) or (value >= 10 and n.startswith("0")):
            number_ok = False
            yield ctx.facts.rule("so-ky-hieu-number").finding(
                f"Số văn bản viết «{value:02d}» nếu nhỏ hơn 10, số từ 10 trở lên không thêm số 0; văn bản ghi «{n}».",
                it.location,
            )
    try:
        parse_so_ky_hieu(raw, strict=False)
    except ValueError as exc:
        yield form.finding(str(exc), it.location)
        return
    try:
        parse_so_ky_hieu(raw, strict=True)
    except ValueError as exc:
        if number_ok:
            yield form.finding(f"{exc} Số và ký hiệu viết liền, không cách chữ.", it.location)
    tail = raw.split("/", 1)[1].strip()
    codes = [c.strip() for c in tail.split("-")]
    yield from _type_code(ctx, it, codes)
    issues = format_issues(it.line.runs, size=ctx.facts.size("so_ky_hieu"), italic=False)
    if issues:
        yield ctx.facts.rule("so-ky-hieu-format").finding(sentence("Số, ký hiệu", issues), it.location)


def _type_code(ctx: Context, it: Item, codes: list[str]) -> Iterator[Finding]:
    """The type abbreviation (from the title) and the issuer after `-`."""
    yield from _capitals(ctx, it, codes)
    name = ctx.layout.title_name
    form = ctx.facts.rule("so-ky-hieu-form")
    if name:
        expected = doc_type_abbrev(name)
        if codes[0] != expected:
            yield ctx.facts.rule("so-ky-hieu-type").finding(
                f"Ký hiệu phải bắt đầu bằng «{expected}», chữ viết tắt của «{name.capitalize()}» theo "
                f"Phụ lục III; văn bản ghi «{codes[0]}».",
                it.location,
            )
        if len(codes) < 2 or not codes[1]:
            yield form.finding(
                f"Sau «{codes[0]}» phải có dấu gạch nối và chữ viết tắt tên cơ quan ban hành (ví dụ «{expected}-UBND»).",
                it.location,
            )
        return
    if len(codes) < 2:
        yield form.finding(
            "Ký hiệu công văn gồm chữ viết tắt tên cơ quan ban hành và đơn vị soạn thảo, nối bằng "
            "gạch nối (ví dụ «12/UBND-VX»).",
            it.location,
        )


def _capitals(ctx: Context, it: Item, codes: list[str]) -> Iterator[Finding]:
    """Every part of the ký hiệu in capitals; only a type abbreviation of Phụ lục III keeps
    its own letters (`TTr`, `QyĐ`, `CTr`), and only as the first part.

    `264/BC-SNgV` writes the issuer in lower case; `174/BC-TTr` uses the abbreviation of Tờ
    trình as an issuer.
    """
    known = set(doc_type_abbrevs().values())
    # With a title the first part is the type, judged by so-ky-hieu-type against the title.
    first_is_type = ctx.layout.title_name is not None or (codes[0] in known and len(codes) >= 2)
    for k, code in enumerate(codes):
        if (k == 0 and first_is_type) or code == vn_upper(code):
            continue
        note = ""
        if code in known:
            note = f" («{code}» là chữ viết tắt tên loại văn bản, không dùng làm tên cơ quan, đơn vị)"
        yield ctx.facts.rule("so-ky-hieu-case").finding(
            f"Chữ viết tắt tên cơ quan, đơn vị trong ký hiệu viết bằng chữ in hoa: «{vn_upper(code)}», "
            f"không phải «{code}»{note}.",
            it.location,
        )


def _place_date(ctx: Context) -> Iterator[Finding]:
    it = ctx.layout.place_date
    if it is None:
        yield _missing(ctx, "địa danh và thời gian ban hành («…, ngày … tháng … năm …»)")
        return
    written = flat(it.line.text)
    m = _DATE.match(written)
    rule = ctx.facts.rule("date-text")
    if m is None:
        yield rule.finding(
            f"Địa danh và ngày tháng phải viết dạng «Thanh Hóa, ngày 08 tháng 3 năm 2024»; văn bản ghi «{written}».",
            it.location,
        )
    else:
        yield from _date_value(ctx, it, m)
        yield from _place(ctx, it, m["place"].strip())
    issues = format_issues(it.line.runs, size=ctx.facts.size("place_date"), italic=True)
    if issues:
        yield ctx.facts.rule("date-format").finding(sentence("Địa danh và ngày tháng", issues), it.location)


def _date_value(ctx: Context, it: Item, m: re.Match) -> Iterator[Finding]:
    rule = ctx.facts.rule("date-text")
    d, mo, y = (m["d"].strip(".…"), m["m"].strip(".…"), m["y"])
    if not d or not mo:
        # A draft: the day (often the month too) is written when the document is signed
        # (Điều 15: number and date come with issuance). Judge what is written.
        yield from _partial_date(ctx, it, d, mo)
        return
    if not d.isdigit() or not mo.isdigit():
        yield rule.finding("Ngày và tháng phải ghi bằng chữ số Ả Rập.", it.location)
        return
    try:
        when = date(int(y), int(mo), int(d))
    except ValueError:
        yield rule.finding(f"Ngày {d} tháng {mo} năm {y} không có thật.", it.location)
        return
    written = f"ngày {d} tháng {mo} năm {y}"
    expected = nd30_date(when)
    if written != expected:
        yield rule.finding(
            f"Viết «{expected}»: ngày nhỏ hơn 10 và tháng 1, 2 thêm số 0 ở trước, các tháng khác "
            f"không thêm; văn bản ghi «{written}».",
            it.location,
        )


def _partial_date(ctx: Context, it: Item, d: str, mo: str) -> Iterator[Finding]:
    """A draft's date with the day or the month left blank: the part written is judged."""
    rule = ctx.facts.rule("date-text")
    for value, low, high, what in ((d, 1, 31, "Ngày"), (mo, 1, 12, "Tháng")):
        if not value:
            continue
        if not value.isdigit() or not low <= int(value) <= high:
            yield rule.finding(f"{what} «{value}» không có thật hoặc không ghi bằng chữ số Ả Rập.", it.location)
            return
    if d and d != f"{int(d):02d}":
        yield rule.finding(f"Viết «ngày {int(d):02d}»: ngày nhỏ hơn 10 thêm số 0 ở trước; văn bản ghi «ngày {d}».",
                           it.location)
    if mo and mo != _month_text(int(mo)):
        yield rule.finding(
            f"Viết «tháng {_month_text(int(mo))}»: chỉ tháng 1, 2 thêm số 0 ở trước; văn bản ghi «tháng {mo}».",
            it.location,
        )


def _month_text(month: int) -> str:
    """The month as Decree 30 writes it: 01, 02, then 3 … 12."""
    return f"{month:02d}" if month < 3 else str(month)


def _place(ctx: Context, it: Item, place: str) -> Iterator[Finding]:
    rule = ctx.facts.rule("place-name")
    if not place:
        yield rule.finding("Thiếu địa danh trước ngày tháng.", it.location)
        return
    short = [w for w in place.split() if "." in w or (len(w) >= 2 and w.isalpha() and w.isupper())]
    if place.replace(" ", "").isdigit():
        yield rule.finding(
            f"Địa danh «{place}» là một số: phải ghi cả loại đơn vị hành chính trước số (ví dụ «Phường {place}»).",
            it.location,
        )
    elif short:
        yield rule.finding(
            f"Địa danh «{place}» có chữ viết tắt ({', '.join(short)}); phải ghi tên gọi chính thức, "
            "đầy đủ của đơn vị hành chính (ví dụ «Thành phố Hồ Chí Minh»).",
            it.location,
        )
    elif not place[0].isupper():
        yield rule.finding(f"Chữ cái đầu của địa danh «{place}» phải viết hoa.", it.location)

