"""Who answers for what in a given year: the one place that routes the plan to bodies.

Every document asks these functions, never the plan's raw `lead` lists: a 2025 report
routes a task of the old Sở LĐ-TB&XH to its successors by the task's domains, and a
task given to "UBND các huyện" to the commune-level bodies that replaced them.
The reference day of year Y is the plan's reporting deadline in Y (10/12/Y).
"""

from __future__ import annotations

import re
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


def reporting_rule_text(plan: Plan, registry: Registry, year: int) -> str:
    """The plan's reporting rule as it applies in year Y: the focal body of Y in place of the plan's.

    `rule_text` is the plan's words and names the focal body the plan named (Sở LĐ-TB&XH);
    from the year another body consolidates, the rule names that body (Sở Nội vụ).
    """
    text = " ".join(plan.reporting.rule_text.split())
    focal = focal_body(plan, registry, year)
    named = plan.reporting.focal
    if focal is None or focal == named or named not in registry:
        return text
    old, new = registry[named], registry[focal]
    for name in sorted({old.name, old.display_name}, key=len, reverse=True):
        if name in text:
            return text.replace(name, new.display_name)
    return text


def rule_names_focal(plan: Plan, registry: Registry) -> bool:
    """True when the plan's `rule_text` names its focal body, so later years' rules can name the successor."""
    named = plan.reporting.focal
    if named not in registry:
        return True
    text = " ".join(plan.reporting.rule_text.split())
    return any(name in text for name in (registry[named].name, registry[named].display_name))


def ended_bodies_named(registry: Registry, text: str, day: date) -> list[str]:
    """Codes of the bodies that no longer exist on `day` and that `text` names (full or short name)."""
    from ..vn.text import normalized_key

    key = f" {normalized_key(text)} "
    found: list[str] = []
    for agency in registry.agencies.values():
        if agency.exists_on(day) or agency.valid_to is None:
            continue
        names = {normalized_key(agency.name), normalized_key(agency.display_name)}
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", key) for name in names if name):
            found.append(agency.code)
    return found


def successors_text(registry: Registry, code: str, day: date) -> str:
    """'Sở Nội vụ, Sở Y tế' — who answers for `code` on `day`, for messages."""
    names = [registry[c].display_name for c in registry.successors_on(code, day) if c != code]
    return ", ".join(names) if names else "không có"


def task_bullets(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> list[int]:
    """Indexes of the task's bullets that `code` answers for in year Y.

    A bullet with domains (`content: [{text, domains}]`) belongs to the bodies leading the
    task for those domains in Y: after a split, each successor gets its own part. Bullets
    without domains, a body supporting the task, and a body matching no bullet get them all.
    """
    every = list(range(len(task.content)))
    if not any(task.bullet_domains):
        return every
    if code not in responsible_bodies(plan, registry, task, year):
        return every
    mine = [i for i, domains in enumerate(task.bullet_domains)
            if not domains or code in resolve_refs(plan, registry, task.lead, year, domains)]
    return mine if any(task.bullet_domains[i] for i in mine) else every


def inherited_from(plan: Plan, registry: Registry, task: Task, code: str, year: int,
                   refs: list[str] | None = None) -> list[tuple[str, date]]:
    """Bodies the plan named as lead (or in `refs`) of `task` whose work `code` took over by year Y, with the date.

    Empty when `code` is named in the plan itself or the task goes to a group: a 2025 plan of
    Sở Nội vụ uses it to say that task III.2.3 was given to Sở LĐ-TB&XH and is now its own.
    """
    out: list[tuple[str, date]] = []
    day = reference_day(plan, year)
    for ref in (task.lead if refs is None else refs):
        if ref.startswith("@") or ref == code or ref not in registry:
            continue
        if code in registry.successors_on(ref, day, list(task.domains)):
            old = registry[ref]
            since = old.valid_to
            out.append((ref, date.fromordinal(since.toordinal() + 1) if since else day))
    return out
