"""Who signs a document, and whether the signature fits the body that issues it.

Decree 30/2020, Phụ lục I, II.7: above the signer's title come the authority lines. A
collective body (an Ủy ban nhân dân, a Ban thường vụ) signs `TM. <the collective>`; a
deputy signing for the head writes `KT. <head's title>` over the deputy's own title, and
for a collective body both: `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`. An
acting head signs `Q. <head's title>`; `TL.` (by order) and `TUQ.` (by authorisation)
precede the head's title over the title of whoever was ordered or authorised.

`Signer.authority` holds those lines, outermost first. It may be typed as a list or as
one string with the lines separated by `/` or new lines (`TM. ỦY BAN NHÂN DÂN / KT. CHỦ
TỊCH`), which is how a spreadsheet cell holds it. `signature_problems` checks a signer
against the registry's facts of the issuing body (`Agency.authority`, `head_title`,
`deputy_title`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from .base import InputModel

if TYPE_CHECKING:
    from .agencies import Agency

# Decree 30/2020, Phụ lục I, II.7.a–b: the abbreviations of the signing authority.
AUTHORITY_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
ACTING = "Q."
_MARKS = ("TL.", "TUQ.")          # signing for the head by order / by authorisation
# A prefix typed without its dot, glued to the next word, or with dots inside (`KT GIÁM ĐỐC`, `K.T. …`).
_MISSPELT = re.compile(r"^(?P<word>TM|KT|Q|TL|TUQ|T\.M|K\.T|T\.L|T\.U\.Q)(?:\.\s*|\s+)(?P<rest>\S.*)$")


class Signer(InputModel):
    """The signature block: authority lines (outermost first), the signer's title, the name."""

    authority: list[str] = Field(default_factory=list)
    title: str
    name: str

    @field_validator("authority", mode="before")
    @classmethod
    def _as_lines(cls, value: Any) -> Any:
        """`None`, one string (lines split at `/` or new lines) or a list of strings."""
        if value is None:
            return []
        if isinstance(value, str):
            return [part for part in re.split(r"\s*[/\n]\s*", value) if part.strip()]
        return value

    @field_validator("authority", mode="after")
    @classmethod
    def _authority_lines(cls, lines: list[str]) -> list[str]:
        for line in lines:
            problem = authority_line_problem(line)
            if problem:
                raise ValueError(problem)
        return [upper_line(line) for line in lines]

    @field_validator("title", mode="after")
    @classmethod
    def _title_line(cls, title: str) -> str:
        title = upper_line(title)
        if not title:
            raise ValueError("chưa ghi chức vụ người ký (title)")
        first = title.split()[0]
        if first in AUTHORITY_PREFIXES and first != ACTING:
            raise ValueError(f"chức vụ người ký «{title}» bắt đầu bằng «{first}»: ghi dòng này vào "
                             "thẩm quyền ký (authority), chức vụ là dòng dưới cùng (ví dụ PHÓ GIÁM ĐỐC)")
        return title

    @property
    def authority_text(self) -> str | None:
        """The authority lines as one cell holds them: `TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH` (None: none)."""
        return " / ".join(self.authority) or None

    @property
    def lines(self) -> list[str]:
        """Authority lines and the title, as printed above the signature (UPPER)."""
        return [*self.authority, self.title]


def upper_line(text: str) -> str:
    """An authority or title line as printed: UPPER, spaces collapsed."""
    from ..vn.text import vn_upper

    return vn_upper(" ".join(text.split()))


def authority_line_problem(line: str) -> str | None:
    """Why one authority line is not `<TM.|KT.|Q.|TL.|TUQ.> <words>`, or None."""
    upper = upper_line(line)
    prefix = upper.split()[0] if upper else ""
    if prefix in AUTHORITY_PREFIXES:
        if len(upper.split()) < 2:
            return f"sau «{prefix}» phải ghi tên tập thể hoặc chức vụ người đứng đầu (ví dụ «KT. GIÁM ĐỐC»)"
        return None
    misspelt = _MISSPELT.match(upper)
    if misspelt:
        word = misspelt["word"].replace(".", "")
        return (f"thẩm quyền ký «{line}» phải viết «{word}. {misspelt['rest']}» "
                "(chữ in hoa, dấu chấm, rồi một dấu cách)")
    known = ", ".join(AUTHORITY_PREFIXES)
    return f"dòng thẩm quyền ký «{line}» phải bắt đầu bằng một trong {known} (Nghị định 30/2020, Phụ lục I, mục II.7)"


def signature_problems(signer: Signer, agency: Agency) -> list[tuple[str, str]]:
    """(field, Vietnamese message) for each way `signer` does not fit how `agency` signs.

    `field` is `authority` or `title`, for the caller to point at the right cell or line.
    """
    head = upper_line(agency.head_title)
    deputy = upper_line(agency.deputy_title) if agency.deputy_title else f"PHÓ {head}"
    collective = upper_line(agency.authority) if agency.authority else None
    lines, title = signer.authority, signer.title
    prefixes = [line.split()[0] for line in lines]
    who = agency.display_name
    out: list[tuple[str, str]] = []

    def add(field: str, message: str) -> None:
        out.append((field, message))

    for prefix in set(prefixes):
        if prefixes.count(prefix) > 1:
            add("authority", f"«{prefix}» ghi hai lần trong thẩm quyền ký")
    signing_for = [p for p in prefixes if p in ("KT.", *_MARKS)]
    if len(signing_for) > 1:
        add("authority", f"chỉ ghi một trong KT., TL., TUQ.; thẩm quyền ký đang ghi «{' / '.join(lines)}»")
    if "Q." in prefixes:
        add("authority", f"«Q.» (quyền) ghi ở chức vụ người ký: «Q. {head}», không ghi ở dòng thẩm quyền")
    if out:
        return out
    for k, line in enumerate(lines):
        prefix = prefixes[k]
        if prefix == "TM.":
            if collective is None:
                add("authority", f"{who} không hoạt động theo chế độ tập thể nên không ký «TM.»; "
                                 f"người đứng đầu ký «{head}», cấp phó ký «KT. {head}» / «{deputy}»")
            elif line != collective:
                add("authority", f"{who} ký thay mặt tập thể là «{collective}», không phải «{line}»")
            elif k != 0:
                add("authority", f"«{collective}» là dòng đầu tiên của thẩm quyền ký")
        elif prefix == "KT." and line != f"KT. {head}":
            add("authority", f"cấp phó ký thay người đứng đầu ghi «KT. {head}», không phải «{line}»")
        elif prefix in _MARKS and line not in _mark_lines(prefix, head, collective):
            add("authority", f"«{prefix}» đứng trước chức vụ người đứng đầu: «{prefix} {head}»")
    if out:
        return out
    by_deputy = "KT." in prefixes
    by_mark = next((p for p in prefixes if p in _MARKS), None)
    needs_tm = collective is not None and by_mark is None
    if needs_tm and "TM." not in prefixes:
        lines_wanted = [collective, f"KT. {head}", deputy] if title == deputy else [collective, title]
        add("authority", f"{who} hoạt động theo chế độ tập thể: ký «{' / '.join(lines_wanted)}» "
                         "(Nghị định 30/2020, Phụ lục I, mục II.7)")
    if by_deputy:
        if title != deputy:
            add("title", f"dưới «KT. {head}» ghi chức vụ cấp phó «{deputy}», không phải «{title}»")
    elif by_mark:
        if title in (head, deputy, f"{ACTING} {head}"):
            add("title", f"«{by_mark} {head}» dùng khi người khác ký theo lệnh hoặc ủy quyền của người đứng "
                         f"đầu; {title.lower()} không ghi «{by_mark}»")
    elif title == deputy:
        wanted = " / ".join([*([collective] if collective else []), f"KT. {head}", deputy])
        add("authority", f"cấp phó ký thay người đứng đầu phải ghi «{wanted}»; thiếu dòng «KT. {head}»")
    elif title not in (head, f"{ACTING} {head}"):
        add("title", f"chức vụ «{title}» không phải người đứng đầu {who} («{head}»): cấp phó ghi «KT. {head}» / "
                     f"«{deputy}»; người được giao ký thừa lệnh, thừa ủy quyền ghi «TL. {head}» hoặc «TUQ. {head}»")
    return out


def draft_signer_lines(agency: Agency) -> list[str]:
    """The head's lines for a draft whose signer is not known: `TM. …` (collective) and the head's title."""
    return [*([upper_line(agency.authority)] if agency.authority else []), upper_line(agency.head_title)]


def deputy_authority(agency: Agency) -> list[str]:
    """The authority lines of a deputy signing for the head: `[TM. …,] KT. <head>`."""
    return [*([upper_line(agency.authority)] if agency.authority else []), f"KT. {upper_line(agency.head_title)}"]


def _mark_lines(prefix: str, head: str, collective: str | None) -> tuple[str, ...]:
    """`TL. GIÁM ĐỐC`; for a collective body also `TL. ỦY BAN NHÂN DÂN`."""
    lines = [f"{prefix} {head}"]
    if collective:
        lines.append(f"{prefix} {collective.removeprefix('TM. ')}")
    return tuple(lines)


def authority_choices(agency: Agency) -> list[str]:
    """Every authority `agency` may sign with, one string each (lines joined by ` / `), for a form's list.

    The head signing needs no line for a head-led body (an empty cell), `TM. …` for a collective one.
    """
    head = upper_line(agency.head_title)
    marks = [f"{mark} {head}" for mark in _MARKS]
    if agency.authority:
        collective = upper_line(agency.authority)
        return [collective, f"{collective} / KT. {head}", *marks]
    return [f"KT. {head}", *marks]


def title_choices(agency: Agency) -> list[str]:
    """The titles of the head, the deputy and an acting head of `agency`."""
    head = upper_line(agency.head_title)
    deputy = upper_line(agency.deputy_title) if agency.deputy_title else f"PHÓ {head}"
    return [head, deputy, f"{ACTING} {head}"]
