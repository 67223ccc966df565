"""The parts every document shares: page-1 block, signature, recipients, references, properties.

Each function returns plain values (dicts, lists, strings) for a template context. They are
shared by every document kind (agency plan, agency report, consolidated report), so a
change of form made here shows up the same in all of them.

Context shapes (the templates' README lists them too):

    header     = header_context(...)     parent_lines, issuer_lines, issuer_rule_text, so_ky_hieu, place_date, ...
    signature  = signature_context(...)  title_lines, name, is_blank
    recipients = recipients_context(...) ["- Như trên;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP."]
    kinh_gui   = kinh_gui_context(...)   inline or lines
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Agency, Plan, Registry
from ..model.amendment import amendments_of
from ..model.signer import Signer, draft_signer_lines
from ..render import CoreProperties
from ..render.shapes import text_width_cm
from ..task_text import BLANK, bodies_text, plan_words, task_label

__all__ = [
    "BLANK", "DRAFT_DAY_BLANK", "bodies_text", "day_month", "document_properties", "header_context",
    "issuer_reference", "kinh_gui_context", "numbered", "place_date_text", "plan_citation", "plan_reference",
    "plan_subject",
    "recipients_context", "signature_context", "task_label", "task_text",
]
from ..vn import doc_type_abbrev, nd30_date, short_date, so_ky_hieu, vn_upper
from ..vn.kyhieu import DRAFT_NUMBER_BLANK, is_cong_van

# A draft leaves the day and month blank, the same width as the number's blank.
DRAFT_DAY_BLANK = DRAFT_NUMBER_BLANK


def header_context(registry: Registry, agency_code: str, doc_type: str, number: int | None,
                   day: date | None, place: str, *, year: int | None = None, unit: str | None = None) -> dict:
    """The page-1 block of a document `agency_code` issues: agency lines, số ký hiệu, place and date.

    `place` is the province's name, used unless the body has its own (`Agency.place`).
    `number` None gives the draft's blank number (`Số:      /KH-SYT`); `day` None the draft's
    blank date (`Thanh Hóa, ngày      tháng      năm 2024`, the year from `year`). A công văn
    (`doc_type` "Công văn") has no type name and a ký hiệu `<số>/<issuer>-<unit>`.
    """
    agency = registry[agency_code]
    place = agency.place_text or place   # a district or commune writes its own name (Decree 30, địa danh)
    if day is None and year is None:
        raise ValueError("a draft with no date needs its year")
    kyhieu = so_ky_hieu(number, doc_type, agency.abbrev, unit)
    cong_van = is_cong_van(doc_type)
    lines = list(agency.header_lines)
    return {
        "parent_lines": lines[:agency.parent_lines],
        "issuer_lines": lines[agency.parent_lines:],
        "issuer_rule_text": max(lines[agency.parent_lines:], key=len, default=""),
        "issuer_name": agency.name,
        "issuer_short": agency.display_name,
        "issuer_abbrev": agency.abbrev,
        "doc_type": doc_type,
        "doc_type_upper": "" if cong_van else vn_upper(doc_type),
        "doc_type_abbrev": "" if cong_van else doc_type_abbrev(doc_type),
        "ky_hieu": kyhieu,
        "so_ky_hieu": f"Số: {kyhieu}" if number is not None else f"Số:{kyhieu}",
        "place": place,
        "place_date": place_date_text(place, day, year),
        "place_date_fit": place_date_fit(place_date_text(place, day, year)),
        "date": day,
        "year": day.year if day is not None else year,
        "is_draft": number is None or day is None,
    }


# The page-1 table's right column (tools/build_templates.py HEADER_WIDTHS_CM) less its cell
# margins: the place and date line must fit on one line there.
PLACE_DATE_COLUMN_CM = 9.4 - 2 * 0.1


def place_date_fit(text: str) -> str:
    """How the place and date line is set so that it stays on one line of its column.

    `"14"` when it fits at 14 pt; a long ward name (`Phường Quang Trung, ngày 04 tháng 12
    năm 2025`) would wrap the year onto a second line, so `"13"` (the decree's other size),
    and `"13-condensed"` (characters 0,3 pt closer, as clerks do by hand) when even 13 pt
    is too wide. Measured with upright Times metrics, a little wider than the italic printed.
    """
    if text_width_cm(text, 14) <= PLACE_DATE_COLUMN_CM:
        return "14"
    if text_width_cm(text, 13) <= PLACE_DATE_COLUMN_CM:
        return "13"
    return "13-condensed"


def place_date_text(place: str, day: date | None, year: int | None) -> str:
    """`Thanh Hóa, ngày 05 tháng 12 năm 2024`, or a draft's `Thanh Hóa, ngày      tháng      năm 2024`."""
    if day is not None:
        return f"{place.strip()}, {nd30_date(day)}"
    return f"{place.strip()}, ngày{DRAFT_DAY_BLANK}tháng{DRAFT_DAY_BLANK}năm {year}"


def signature_context(signer: Signer | None, agency: Agency) -> dict:
    """The signature block: authority and title lines (UPPER), the signer's name.

    With no signer (a draft), the head of the body signs: the registry's authority line
    (`TM. ỦY BAN NHÂN DÂN` for a collective body) and head title, and the name is left
    blank for whoever signs.
    """
    if signer is None:
        lines = draft_signer_lines(agency)
        name = ""
    else:
        lines = signer.lines
        name = signer.name
    return {
        "title_lines": [vn_upper(line) for line in lines if line],
        "name": name,
        "is_blank": not name,
    }


def recipients_context(items: list[str], archive_unit: str | None, *, to_superior: bool = False) -> list[str]:
    """Nơi nhận lines: `- Như trên;` first for a report to a superior, `- ...;` each, `- Lưu: VT, <unit>.` last."""
    lines = ["- Như trên;"] if to_superior else []
    for item in items:
        text = _bare_item(item)
        if text and text.casefold() != "như trên" and not text.startswith("Lưu:"):
            lines.append(f"- {text};")
    unit = (archive_unit or "").strip()
    lines.append(f"- Lưu: VT, {unit}." if unit else "- Lưu: VT.")
    return lines


def kinh_gui_context(names: list[str]) -> dict:
    """`Kính gửi: X.` on one line for one recipient; `Kính gửi:` then `- X;` lines for several."""
    names = [_bare_item(n) for n in names if _bare_item(n)]
    if len(names) == 1:
        return {"inline": f"{names[0]}.", "lines": [], "several": False}
    lines = [f"- {n};" for n in names]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return {"inline": "", "lines": lines, "several": True}


def issuer_reference(agency: Agency, place: str) -> str:
    """How a text cites a body: `UBND tỉnh Thanh Hóa`, `Sở Y tế`.

    The short name, completed with the place when the full name ends with it and the short
    name drops it (`UBND tỉnh` + `Thanh Hóa`); otherwise the short name as it is.
    """
    short = agency.display_name
    if agency.name.endswith(place) and place not in short:
        return f"{short} {place}"
    return short


def plan_reference(plan: Plan, registry: Registry) -> str:
    """`Kế hoạch số 68/KH-UBND ngày 08/3/2024 của UBND tỉnh Thanh Hóa`, all from plan data."""
    issuer = registry[plan.issuer]
    kyhieu = so_ky_hieu(plan.number, plan.doc_type, issuer.abbrev)
    return (f"{plan.doc_type} số {kyhieu} ngày {short_date(plan.date)} "
            f"của {issuer_reference(issuer, plan.place)}")


def plan_citation(plan: Plan, registry: Registry) -> str:
    """How a document of a year opens on the plan: `plan_reference`, then the amendments in force.

    `Kế hoạch số 68/KH-UBND ngày 08/3/2024 của UBND tỉnh Thanh Hóa (được điều chỉnh tại Kế
    hoạch số 187/KH-UBND ngày 15/7/2025)`; the plan as first issued gives `plan_reference`.
    """
    reference = plan_reference(plan, registry)
    amended = amendments_of(plan)
    if not amended:
        return reference
    cited = []
    for a in amended:
        issuer = registry[a.issuer]
        text = f"{a.doc_type} số {so_ky_hieu(a.number, a.doc_type, issuer.abbrev)} ngày {short_date(a.date)}"
        if a.issuer != plan.issuer:
            text += f" của {issuer_reference(issuer, plan.place)}"
        cited.append(text)
    joined = ", ".join(cited[:-1]) + " và " + cited[-1] if len(cited) > 1 else cited[0]
    return f"{reference} (được điều chỉnh tại {joined})"


def plan_subject(plan: Plan) -> str:
    """The plan's subject for a trích yếu: `về <what it is about>`, shortened sensibly.

    A title of the form `Thực hiện <documents> về <subject>` keeps only `về <subject>`
    (the documents it implements are cited in the body); any other title is used whole.
    """
    title = " ".join(plan.title.split())
    match = re.match(r"(?i)thực hiện\b.*?\svề\s(.+)$", title)
    if match:
        return f"về {match.group(1)}"
    return f"về {title[:1].lower()}{title[1:]}"


def document_properties(title: str, agency: Agency, day: date | None, *, subject: str = "",
                        keywords: str = "") -> CoreProperties:
    """Core properties: the document's title, the issuing body as author, its date."""
    return CoreProperties(title=title, creator=agency.name, date=day, subject=subject, keywords=keywords)


def _bare_item(item: str) -> str:
    """`- UBND tỉnh (để b/c);` → `UBND tỉnh (để b/c)`."""
    text = " ".join(item.split())
    text = re.sub(r"^[-–•]\s*", "", text)
    return text.rstrip(";.").strip()


# --- the plan's tasks as text (reportgen/task_text.py, shared with the Excel forms) ----------

task_text = plan_words


def day_month(day: int, month: int) -> str:
    """`30/11`, `05/3`, `10/01`: a recurring deadline the way documents cite dates."""
    return f"{day:02d}/{month:02d}" if month <= 2 else f"{day:02d}/{month}"


def numbered(items: list[str], start: int = 1) -> list[dict]:
    """`[{"number": "1.", "text": ...}, ...]` for a computed list of numbered paragraphs."""
    return [{"number": f"{i}.", "text": text} for i, text in enumerate(items, start)]
