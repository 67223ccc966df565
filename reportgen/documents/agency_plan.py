"""An agency's implementation plan (`KẾ HOẠCH Thực hiện Kế hoạch số 68/KH-UBND ...`) for year Y.

The tasks come from routing (`model.routing`): the tasks the body leads in year Y, then
those it supports, each under the plan's own section. A task the body leads is written for
it (`task_text.own_words`: its name where the plan named the addressee, the names of year
Y, only its bullets of a split task), with a transfer note when it took the task over; a
task it supports quotes the plan's words. The body's overlay for the year
(`inputs/overlays/*.yaml`) gives the plan's number, date, signer, internal deadline,
recipients, its own extra tasks, and the unit, deadline and product of each task in the
appendix; what neither the plan nor the overlay gives is left as a visible blank.

Decisions (also in templates/README.md):
* without an overlay for the year (dated in it, or undated), the plan is a draft: blank
  number and date; the signer is the head of the body (registry: authority line and head
  title) with the name left blank;
* the internal deadline (units report to the body) defaults to 10 days before the plan's
  reporting deadline (30/11 for a 10/12 deadline);
* recipients default to the body the plan reports to (`để b/c`) and the focal body.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..model import Plan, Registry, Task
from ..model.overlay import ExtraTask, Overlay
from ..model.routing import (
    NOT_ORDERED_KINDS,
    focal_body,
    partner_bodies,
    responsible_bodies,
    tasks_of_body,
)
from ..task_text import BLANK, bodies_text, own_words, quoted_words, task_label, transfer_notes
from ..vn import diem_letter, roman, short_date, so_ky_hieu
from . import DocumentSpec
from .common import (
    day_month,
    document_properties,
    header_context,
    issuer_reference,
    plan_citation,
    plan_reference,
    plan_subject,
    recipients_context,
    signature_context,
)

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "ke-hoach-don-vi.docx"
DOC_TYPE = "Kế hoạch"
INTERNAL_DEADLINE_DAYS_BEFORE = 10
CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "agency", "plan", "year", "task_groups", "organisation",
    "signature", "recipients", "appendix",
})


def plans_for_year(project: Project, year: int, agencies: Collection[str] | None = None) -> list[DocumentSpec]:
    """One implementation plan for every body with tasks in year Y (or those of `agencies`), in registry order."""
    return [plan_document(project, code, year) for code in plan_bodies(project.plan, project.registry, year)
            if agencies is None or code in agencies]


def plan_bodies(plan: Plan, registry: Registry, year: int) -> list[str]:
    """Bodies that write an implementation plan in year Y: every ordered body leading or supporting a task."""
    involved: set[str] = set()
    for task in plan.tasks:
        involved.update(responsible_bodies(plan, registry, task, year))
        involved.update(partner_bodies(plan, registry, task, year))
    return [code for code in registry.agencies
            if code in involved and code != plan.issuer and registry[code].kind not in NOT_ORDERED_KINDS]


def plan_document(project: Project, code: str, year: int) -> DocumentSpec:
    """The implementation plan of body `code` for year Y, ready to render."""
    context = plan_context(project, code, year)
    agency = project.registry[code]
    title = f"{DOC_TYPE} {context['trich_yeu'][:1].lower()}{context['trich_yeu'][1:]}"
    return DocumentSpec(
        kind="ke-hoach", agency=code, template=TEMPLATE, context=context,
        properties=document_properties(title, agency, context["header"]["date"], subject=f"Năm {year}"),
        filename=f"ke-hoach/KH-{code}-{year}.docx", label=f"Kế hoạch — {agency.display_name}",
        sample=bool(getattr(project.overlay_for(code, year), "sample", False)))


def plan_context(project: Project, code: str, year: int) -> dict[str, Any]:
    """The template context of body `code`'s implementation plan for year Y."""
    plan, registry = project.plan, project.registry
    agency = registry[code]
    overlay = project.overlay_for(code, year)
    issued = overlay if overlay is not None and overlay.date is not None and overlay.date.year == year else None
    number = issued.number if issued else None
    day = issued.date if issued else None
    header = header_context(registry, code, DOC_TYPE, number, day, plan.place, year=year)
    led, supported = tasks_of_body(plan, registry, code, year)
    extras = overlay.extra_tasks if overlay else []
    return {
        "header": header,
        "trich_yeu": f"Thực hiện {plan_reference(plan, registry)} {plan_subject(plan)}",
        "agency": {"code": code, "name": agency.name, "short": agency.display_name},
        "plan": _plan_refs(plan, registry),
        "year": year,
        "task_groups": _task_groups(plan, registry, code, year, led, supported, extras),
        "organisation": _organisation(project, code, year, overlay),
        "signature": signature_context(overlay.signer if overlay else None, agency),
        "recipients": recipients_context(_recipients(project, code, year, overlay), agency.archive_unit),
        "appendix": _appendix(project, code, year, led, supported, overlay, day),
    }


# --- parts of the context --------------------------------------------------------------


def _plan_refs(plan: Plan, registry: Registry) -> dict[str, Any]:
    issuer = registry[plan.issuer]
    return {
        "reference": plan_citation(plan, registry),
        "reference_short": f"{plan.doc_type} số {so_ky_hieu(plan.number, plan.doc_type, issuer.abbrev)}",
        "subject": plan_subject(plan),
        "title": plan.title,
        "target_year": plan.target_year,
    }


def _task_groups(plan: Plan, registry: Registry, code: str, year: int, led: list[Task], supported: list[Task],
                 extras: list[ExtraTask]) -> list[dict]:
    """II. NHIỆM VỤ, GIẢI PHÁP: the led tasks (with the body's own), then the supported ones."""
    groups = []
    parts = (("Nhiệm vụ chủ trì thực hiện", led, extras, False), ("Nhiệm vụ phối hợp thực hiện", supported, [], True))
    for title, tasks, own, supporting in parts:
        if not tasks and not own:
            continue
        number = len(groups) + 1
        groups.append({"number": f"{number}.", "title": title,
                       "sections": _sections(plan, registry, code, year, tasks, own, number, supporting=supporting)})
    return groups


def _sections(plan: Plan, registry: Registry, code: str, year: int, tasks: list[Task], extras: list[ExtraTask],
              group_number: int, *, supporting: bool) -> list[dict]:
    """The plan's sections holding `tasks` (and `extras`), in plan order, numbered `1.1.`, `1.2.`…"""
    by_section: dict[str, list[dict]] = {}
    for task in tasks:
        lead, bullets = task_lines(plan, registry, task, code, year, supporting=supporting)
        by_section.setdefault(task.section, []).append({"text": lead, "bullets": bullets, "code": task.code})
    for extra in extras:
        by_section.setdefault(extra.section, []).append(
            {"text": f"Nhiệm vụ bổ sung của đơn vị: {' '.join(extra.content.split())}", "bullets": [], "code": ""})
    out = []
    for section in plan.sections:
        items = by_section.get(section.number)
        if not items:
            continue
        for i, item in enumerate(items, 1):
            item["lead_in"] = f"{diem_letter(i)}) {item.pop('text')}"
        out.append({"number": f"{group_number}.{len(out) + 1}.", "title": f"{section.title} (mục {section.number})",
                    "plan_number": section.number, "tasks": items})
    return out


def task_lines(plan: Plan, registry: Registry, task: Task, code: str, year: int, *,
               supporting: bool = False) -> tuple[str, list[str]]:
    """One task in body `code`'s plan of year Y: `Nhiệm vụ III.2.3 (transfer note). <the body's own words>`.

    A task the body leads is written for it (`task_text.own_words`); a task it supports, or
    one whose plan data has no `addressee`, quotes the plan's words as the plan's.
    """
    notes = transfer_notes(plan, registry, task, code, year)
    if supporting:
        leads = bodies_text(plan, registry, task.lead, year, task.domains, exclude=(code,))
        notes = [f"phối hợp với {leads}", *notes] if leads else notes
    label = f"{task_label(task)} ({'; '.join(notes)})" if notes else task_label(task)
    own = None if supporting else own_words(plan, registry, task, code, year)
    if own is not None:
        lead, bullets = own
        return f"{label}. {lead}", bullets
    lead, bullets = quoted_words(task)
    intro = f"{label}. Nội dung theo Kế hoạch:"
    return (f"{intro} {lead}" if lead else intro), bullets


def _organisation(project: Project, code: str, year: int, overlay: Overlay | None) -> dict[str, Any]:
    """III. TỔ CHỨC THỰC HIỆN: internal deadline, who reports to whom and when."""
    plan, registry = project.plan, project.registry
    deadline = plan.reporting.deadline(year)
    if overlay and overlay.internal_deadline_day and overlay.internal_deadline_month:
        internal = day_month(overlay.internal_deadline_day, overlay.internal_deadline_month)
    else:
        before = deadline - timedelta(days=INTERNAL_DEADLINE_DAYS_BEFORE)
        internal = day_month(before.day, before.month)
    focal = focal_body(plan, registry, year)
    recipient = registry[plan.reporting.recipient]
    focal_due = plan.reporting.focal_deadline(year)
    return {
        "internal_deadline": internal,
        "deadline": day_month(deadline.day, deadline.month),
        "is_focal": focal == code,
        "focal": registry[focal].display_name if focal else issuer_reference(recipient, plan.place),
        "recipient": issuer_reference(recipient, plan.place),
        "focal_deadline": (f"trước ngày {day_month(focal_due.day, focal_due.month)} hằng năm" if focal_due
                           else "theo quy định"),
    }


def _recipients(project: Project, code: str, year: int, overlay: Overlay | None) -> list[str]:
    if overlay and overlay.recipients:
        return list(overlay.recipients)
    plan, registry = project.plan, project.registry
    items = [f"{issuer_reference(registry[plan.reporting.recipient], plan.place)} (để b/c)"]
    focal = focal_body(plan, registry, year)
    if focal and focal != code:
        items.append(registry[focal].display_name)
    return items


def _appendix(project: Project, code: str, year: int, led: list[Task], supported: list[Task],
              overlay: Overlay | None, day: date | None) -> dict[str, Any]:
    """The landscape table: every task with its unit in charge, partners, deadline and product.

    What the plan data and the body's overlay say, nothing else: a cell neither gives is a
    visible blank (`BLANK`) for the body to fill in.
    """
    plan, registry = project.plan, project.registry
    extras = overlay.extra_tasks if overlay else []
    rows: list[dict] = []
    tt = 0
    groups = [("NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", led, extras, False), ("NHIỆM VỤ PHỐI HỢP THỰC HIỆN", supported, [], True)]
    present = [g for g in groups if g[1] or g[2]]
    for index, (title, tasks, own, supporting) in enumerate(present, 1):
        rows.append({"group": True, "tt": roman(index), "task": title})
        for task in tasks:
            tt += 1
            rows.append({"group": False, "tt": str(tt), **_task_row(plan, registry, task, code, year, overlay,
                                                                     supporting=supporting)})
        for extra in own:
            tt += 1
            rows.append({"group": False, "tt": str(tt), "task": " ".join(extra.content.split()),
                         "lead": extra.lead_unit or BLANK, "partners": "",
                         "deadline": extra.deadline or BLANK, "product": extra.product or BLANK})
    return {"date": short_date(day) if day else f"{' ' * 6}/{' ' * 6}/{year}", "rows": rows}


def _task_row(plan: Plan, registry: Registry, task: Task, code: str, year: int, overlay: Overlay | None, *,
              supporting: bool) -> dict[str, str]:
    """One appendix row: the body's unit in charge (its own tasks) or the lead bodies (supported ones)."""
    lead, bullets = task_lines(plan, registry, task, code, year, supporting=supporting)
    given = overlay.assignment(task.code) if overlay else None
    units = list(given.partner_units) if given else []
    if supporting:
        lead_cell = bodies_text(plan, registry, task.lead, year, task.domains, exclude=(code,))
        mine = [given.lead_unit] if given and given.lead_unit else [registry[code].display_name]
        others = [registry[c].display_name for c in partner_bodies(plan, registry, task, year) if c != code]
        partners = ", ".join([*mine, *units, *others])
    else:
        lead_cell = given.lead_unit if given and given.lead_unit else BLANK
        others = [registry[c].display_name for c in partner_bodies(plan, registry, task, year) if c != code]
        partners = ", ".join([*others, *units])
    return {"task": "\n".join([lead, *bullets]), "lead": lead_cell, "partners": partners,
            "deadline": (given.deadline if given and given.deadline else task.deadline) or BLANK,
            "product": (given.product if given and given.product else task.product) or BLANK}
