"""Who answers for what in a given year: the one place that routes the plan to bodies.

Every document asks these functions, never the plan's raw `lead` lists: a 2025 report
routes a task of the old Sở LĐ-TB&XH to its successors by the task's domains, and a
task given to "UBND các huyện" to the commune-level bodies that replaced them.
The reference day of year Y is the plan's reporting deadline in Y (10/12/Y).
"""

from __future__ import annotations

import weakref
from datetime import date

from .agencies import Registry
from .plan import Plan, Task

# Bodies the province cannot order: a task addressed to them is a request, and they are
# not expected to report.
NOT_ORDERED_KINDS = ("hdnd", "mttq", "doan-the", "trung-uong")


def reference_day(plan: Plan, year: int) -> date:
    """The day whose bodies answer for year Y: the plan's reporting deadline in Y."""
    return plan.reporting.deadline(year)


def resolve_refs(plan: Plan, registry: Registry, refs: list[str], year: int, domains: list[str] = ()) -> list[str]:
    """Agency codes and `@group` keys → the bodies answering for them in year Y (ordered, unique)."""
    day = reference_day(plan, year)
    out: list[str] = []
    for ref in refs:
        if ref.startswith("@"):
            group = plan.group(ref[1:])
            codes = [] if group is None else [
                a.code for a in registry.existing_on(day, group.kinds) if a.code not in group.exclude
            ]
        else:
            codes = registry.successors_on(ref, day, list(domains))
        for c in codes:
            if c not in out:
                out.append(c)
    return out


# Routing is asked the same questions thousands of times per run (every submission, every
# document); answers are cached per registry object, keyed by plan identity, task and year.
_CACHE: weakref.WeakKeyDictionary[Registry, dict] = weakref.WeakKeyDictionary()


def _cached(plan: Plan, registry: Registry, key: tuple, compute) -> list[str]:
    store = _CACHE.setdefault(registry, {})
    hit = store.get(key)
    if hit is not None and hit[0] is plan:
        return list(hit[1])
    value = compute()
    store[key] = (plan, tuple(value))
    return list(value)


def responsible_bodies(plan: Plan, registry: Registry, task: Task, year: int) -> list[str]:
    """The bodies that lead (chủ trì) `task` in year Y."""
    return _cached(plan, registry, ("lead", task.code, tuple(task.lead), tuple(task.domains), year),
                   lambda: resolve_refs(plan, registry, task.lead, year, task.domains))


def partner_bodies(plan: Plan, registry: Registry, task: Task, year: int) -> list[str]:
    """The bodies named as partners (phối hợp) of `task` in year Y, minus its leads."""
    def compute() -> list[str]:
        leads = set(responsible_bodies(plan, registry, task, year))
        return [c for c in resolve_refs(plan, registry, task.partners, year, task.domains) if c not in leads]

    return _cached(plan, registry, ("partners", task.code, tuple(task.partners), tuple(task.domains), year), compute)


def tasks_of_body(plan: Plan, registry: Registry, code: str, year: int) -> tuple[list[Task], list[Task]]:
    """(tasks `code` leads, tasks it supports) in year Y, in plan order."""
    led, supported = [], []
    for task in plan.tasks:
        if code in responsible_bodies(plan, registry, task, year):
            led.append(task)
        elif code in partner_bodies(plan, registry, task, year):
            supported.append(task)
    return led, supported


def indicator_supplier(plan: Plan, registry: Registry, indicator_code: str, year: int) -> list[str]:
    """The bodies expected to report an indicator's figure in year Y."""
    ind = plan.indicator(indicator_code)
    if ind is None or ind.supplier is None:
        return []
    return _cached(plan, registry, ("supplier", ind.code, ind.supplier, tuple(ind.domains), year),
                   lambda: resolve_refs(plan, registry, [ind.supplier], year, ind.domains))


def indicators_of_body(plan: Plan, registry: Registry, code: str, year: int) -> list[str]:
    """Codes of the indicators `code` supplies in year Y, in plan order."""
    return [i.code for i in plan.indicators if code in indicator_supplier(plan, registry, i.code, year)]


def expected_reporters(plan: Plan, registry: Registry, year: int) -> list[str]:
    """Bodies that must report in year Y: leads of ordered tasks and indicator suppliers, the province excluded."""
    out: list[str] = []
    for task in plan.tasks:
        if task.mode != "giao":
            continue
        for c in responsible_bodies(plan, registry, task, year):
            if c not in out and registry[c].kind not in NOT_ORDERED_KINDS and c != plan.issuer:
                out.append(c)
    for ind in plan.indicators:
        for c in indicator_supplier(plan, registry, ind.code, year):
            if c not in out and registry[c].kind not in NOT_ORDERED_KINDS and c != plan.issuer:
                out.append(c)
    return out


def focal_body(plan: Plan, registry: Registry, year: int) -> str | None:
    """The body that consolidates the reports in year Y."""
    found = resolve_refs(plan, registry, [plan.reporting.focal], year, plan.reporting.focal_domains)
    return found[0] if found else None


def successors_text(registry: Registry, code: str, day: date) -> str:
    """'Sở Nội vụ, Sở Y tế' — who answers for `code` on `day`, for messages."""
    names = [registry[c].display_name for c in registry.successors_on(code, day) if c != code]
    return ", ".join(names) if names else "không có"


def inherited_from(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> list[tuple[str, date]]:
    """Bodies the plan named as lead of `task` whose work `code` took over by year Y, with the date.

    Empty when `code` is named in the plan itself or the task goes to a group: a 2025 plan of
    Sở Nội vụ uses it to say that task III.2.3 was given to Sở LĐ-TB&XH and is now its own.
    """
    out: list[tuple[str, date]] = []
    day = reference_day(plan, year)
    for ref in task.lead:
        if ref.startswith("@") or ref == code or ref not in registry:
            continue
        if code in registry.successors_on(ref, day, list(task.domains)):
            old = registry[ref]
            since = old.valid_to
            out.append((ref, date.fromordinal(since.toordinal() + 1) if since else day))
    return out
