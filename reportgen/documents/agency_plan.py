"""An agency's implementation plan (`KẾ HOẠCH Thực hiện Kế hoạch số 68/KH-UBND ...`) for year Y.

The tasks come from routing (`model.routing`): the tasks the body leads in year Y, then
those it supports, each under the plan's own section and in the plan's own words, plus the
body's extra tasks from `inputs/overlays/<CODE>.yaml`. The overlay also gives the plan's
number, date, signer, internal deadline and recipients.

Decisions (also in templates/README.md):
* without an overlay, or with an overlay dated in another year, the plan is a draft: blank
  number and date; the signer is the head of the body (registry: authority line and head
  title) with the name left blank;
* the internal deadline (units report to the body) defaults to 10 days before the plan's
  reporting deadline (30/11 for a 10/12 deadline);
* recipients default to the body the plan reports to (`để b/c`) and the focal body.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..model import Plan, Registry, Task
from ..model.overlay import ExtraTask, Overlay
from ..model.routing import (
    NOT_ORDERED_KINDS,
    focal_body,
    inherited_from,
    partner_bodies,
    responsible_bodies,
    tasks_of_body,
)
from ..vn import diem_letter, roman, short_date, so_ky_hieu
from . import DocumentSpec
from .common import (
    bodies_text,
    day_month,
    document_properties,
    header_context,
    issuer_reference,
    plan_citation,
    plan_reference,
    plan_subject,
    recipients_context,
    signature_context,
    task_label,
    task_text,
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


def plans_for_year(project: Project, year: int) -> list[DocumentSpec]:
    """One implementation plan for every body with tasks in year Y, in registry order."""
    return [plan_document(project, code, year) for code in plan_bodies(project.plan, project.registry, year)]


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
        filename=f"ke-hoach/KH-{code}.docx", label=f"Kế hoạch — {agency.display_name}")


def plan_context(project: Project, code: str, year: int) -> dict[str, Any]:
    """The template context of body `code`'s implementation plan for year Y."""
    plan, registry = project.plan, project.registry
    agency = registry[code]
    overlay = _overlay(project, code)
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
        "appendix": _appendix(project, code, year, led, supported, extras, day),
    }


# --- parts of the context --------------------------------------------------------------


def _overlay(project: Project, code: str) -> Overlay | None:
    found = project.overlays.get(code)
    return found if isinstance(found, Overlay) else None


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
    for title, tasks, own in (("Nhiệm vụ chủ trì thực hiện", led, extras), ("Nhiệm vụ phối hợp thực hiện", supported, [])):
        if not tasks and not own:
            continue
        number = len(groups) + 1
        groups.append({"number": f"{number}.", "title": title,
                       "sections": _sections(plan, registry, code, year, tasks, own, number)})
    return groups


def _sections(plan: Plan, registry: Registry, code: str, year: int, tasks: list[Task], extras: list[ExtraTask],
              group_number: int) -> list[dict]:
    """The plan's sections holding `tasks` (and `extras`), in plan order, numbered `1.1.`, `1.2.`…"""
    by_section: dict[str, list[dict]] = {}
    for task in tasks:
        lead, bullets = task_text(task)
        label = f"{task_label(task)}{_inherited_note(plan, registry, task, code, year)}"
        by_section.setdefault(task.section, []).append(
            {"text": f"{label}. {lead}" if task.numbered else lead, "bullets": bullets, "code": task.code})
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


def _inherited_note(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> str:
    """' (Kế hoạch giao Sở LĐ-TB&XH; từ ngày 01/3/2025 do Sở Nội vụ thực hiện)' for a task taken over."""
    notes = [f"{registry[old].display_name}; từ ngày {short_date(since)} do {registry[code].display_name} thực hiện"
             for old, since in inherited_from(plan, registry, task, code, year)]
    return f" (Kế hoạch giao {'; '.join(notes)})" if notes else ""


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
    return {
        "internal_deadline": internal,
        "deadline": day_month(deadline.day, deadline.month),
        "is_focal": focal == code,
        "focal": registry[focal].display_name if focal else issuer_reference(recipient, plan.place),
        "recipient": issuer_reference(recipient, plan.place),
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
              extras: list[ExtraTask], day: date | None) -> dict[str, Any]:
    """The landscape table: every task with lead, partners, deadline and product."""
    plan, registry = project.plan, project.registry
    agency = registry[code]
    rows: list[dict] = []
    tt = 0
    groups = [("NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", led, extras), ("NHIỆM VỤ PHỐI HỢP THỰC HIỆN", supported, [])]
    present = [g for g in groups if g[1] or g[2]]
    for index, (title, tasks, own) in enumerate(present, 1):
        rows.append({"group": True, "tt": roman(index), "task": title})
        for task in tasks:
            tt += 1
            lead, bullets = task_text(task)
            text = "\n".join([f"{task_label(task)}: {lead}" if task.numbered else lead, *bullets])
            leads = (agency.display_name if task in led
                     else bodies_text(plan, registry, task.lead, year, task.domains))
            rows.append({"group": False, "tt": str(tt), "task": text, "lead": leads,
                         "partners": bodies_text(plan, registry, task.partners, year, task.domains),
                         "deadline": task.deadline or "", "product": task.product or ""})
        for extra in own:
            tt += 1
            rows.append({"group": False, "tt": str(tt), "task": " ".join(extra.content.split()),
                         "lead": extra.lead_unit or agency.display_name, "partners": "",
                         "deadline": extra.deadline or "", "product": extra.product or ""})
    return {"date": short_date(day) if day else f"{' ' * 6}/{' ' * 6}/{year}", "rows": rows}
