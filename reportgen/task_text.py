"""How a task of the plan is worded for a body in a year: the plan's words, the body's own, the transfer note.

The plan's text names the bodies of the day it was signed. A body's documents of a later
year speak for the body in that year: the words naming whom the plan gave the task to
(`Task.addressee`) become the body's own name, a group of bodies takes the name it has that
year (`Group.later_names`: "UBND các xã, phường" after the districts ended), the reporting
rule names the focal body of the year, a split task keeps only the bullets of the body's
domains, and a task taken over from another body says so ("(Kế hoạch giao …; từ ngày
01/3/2025 do … thực hiện)"). Where the plan's words are quoted instead, they stay verbatim,
inside quotation marks, and are attributed to the plan.

It sits outside `documents/` so that the Excel forms can use it without the Word engine.
"""

from __future__ import annotations

from .model.agencies import Registry
from .model.plan import Plan, Task
from .model.routing import (
    inherited_from,
    reference_day,
    reporting_rule_text,
    resolve_refs,
    task_bullets,
)
from .vn import short_date

# A blank left for the body to fill in (a cell or a word the data does not give).
BLANK = "……………"


def plan_words(task: Task) -> tuple[str, list[str]]:
    """A task in the plan's own words: (lead paragraph, `- ` bullets).

    One bullet joins the lead-in: `heading + " " + content` is the plan's paragraph. Several
    bullets stay bullets under the heading (which then ends with a colon).
    """
    return _paragraphs(task.heading, list(task.content))


def task_label(task: Task) -> str:
    """`Nhiệm vụ III.4.5` for a numbered task; `Nhiệm vụ tại mục III.1` for a bullet of the plan."""
    return f"Nhiệm vụ {task.code}" if task.numbered else f"Nhiệm vụ tại mục {task.section}"


def own_words(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> tuple[str, list[str]] | None:
    """The task as body `code` carries it out in year Y, or None when the plan data cannot say it.

    The plan's `addressee` words are replaced by the body's name, the rest of the text is
    brought to year Y (`year_wording`), and only the bullets the body answers for are kept.
    None when the task has no `addressee` (the caller then quotes the plan's words).
    """
    if task.addressee is None:
        return None
    name = registry[code].display_name
    keep = task_bullets(plan, registry, task, code, year)
    content = [" ".join(c.split()) for i, c in enumerate(task.content) if i in keep]
    heading = " ".join((task.heading or "").split())
    if heading:
        heading = heading.replace(task.addressee, name, 1)
    elif keep and keep[0] == 0:
        content[0] = content[0].replace(task.addressee, name, 1)
    else:
        heading = f"{name}:"
    heading = year_wording(plan, registry, heading, year, task)
    content = [year_wording(plan, registry, c, year, task) for c in content]
    return _paragraphs(heading, content)


def quoted_words(task: Task) -> tuple[str, list[str]]:
    """The plan's words as a quotation: `“…”` around the lead-in and bullets (verbatim inside)."""
    lead, bullets = plan_words(task)
    if not bullets:
        return f"“{lead}”", []
    lead = f"“{lead}" if lead else ""
    out = list(bullets)
    if not lead:
        out[0] = f"“{out[0]}"
    out[-1] = f"{out[-1]}”"
    return lead, out


def year_wording(plan: Plan, registry: Registry, text: str, year: int, task: Task | None = None) -> str:
    """`text` of the plan with the names of year Y: the year's reporting rule, groups, successors.

    * the plan's reporting rule (`reporting.rule_text`) names the focal body of year Y;
    * a group's earlier name ("UBND các huyện, thị xã, thành phố") becomes its name in Y;
    * a body that ended is replaced by the bodies answering for it in Y (by the task's domains).
    """
    day = reference_day(plan, year)
    rule = " ".join(plan.reporting.rule_text.split())
    if rule in text:
        text = text.replace(rule, reporting_rule_text(plan, registry, year))
    for group in plan.groups:
        for old in group.former_names(day):
            text = text.replace(old, group.name_on(day))
    domains = list(task.domains) if task else []
    ended = [a for a in registry.agencies.values() if not a.exists_on(day) and a.valid_to is not None]
    for agency in sorted(ended, key=lambda a: len(a.name), reverse=True):
        for name in sorted({agency.name, agency.display_name}, key=len, reverse=True):
            if name in text:
                heirs = [registry[c].display_name for c in registry.successors_on(agency.code, day, domains)]
                if heirs:
                    text = text.replace(name, _join(heirs))
    return text


def transfer_notes(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> list[str]:
    """`Kế hoạch giao Sở LĐ-TB&XH; từ ngày 01/3/2025 do Sở Y tế thực hiện` for each way `code` took the task over.

    A body named in the plan (as lead or partner) that ended hands the task to `code`; a
    group whose bodies changed (the districts, then the communes) is named as the plan named
    it and as it is named in year Y.
    """
    day = reference_day(plan, year)
    name = registry[code].display_name
    notes: list[str] = []
    for refs, role in ((task.lead, ""), (task.partners, " phối hợp")):
        for old, since in inherited_from(plan, registry, task, code, year, refs):
            notes.append(f"Kế hoạch giao {registry[old].display_name}{role}; từ ngày {short_date(since)} "
                         f"do {name} thực hiện")
        for ref in refs:
            group = plan.group(ref[1:]) if ref.startswith("@") else None
            if group is None or code not in resolve_refs(plan, registry, [ref], year):
                continue
            then, now = group.name_on(plan.date), group.name_on(day)
            if then != now:
                since = max(n.date for n in group.later_names if n.date <= day)
                notes.append(f"Kế hoạch giao {then}{role}; từ ngày {short_date(since)} do {now} thực hiện")
    return notes


def transfer_note(plan: Plan, registry: Registry, task: Task, code: str, year: int) -> str:
    """The transfer notes in brackets, with a leading space (`""` when the task was not taken over)."""
    notes = transfer_notes(plan, registry, task, code, year)
    return f" ({'; '.join(notes)})" if notes else ""


def bodies_text(plan: Plan, registry: Registry, refs: list[str], year: int, domains: list[str],
                exclude: tuple[str, ...] = ()) -> str:
    """Names of the bodies `refs` stand for in year Y: a group by its name that year, a body by who answers for it."""
    day = reference_day(plan, year)
    names: list[str] = []
    for ref in refs:
        if ref.startswith("@"):
            group = plan.group(ref[1:])
            found = [group.name_on(day)] if group else []
        else:
            found = [registry[c].display_name for c in resolve_refs(plan, registry, [ref], year, domains)
                     if c not in exclude]
        names.extend(n for n in found if n not in names)
    return ", ".join(names)


def _paragraphs(heading: str | None, content: list[str]) -> tuple[str, list[str]]:
    heading = " ".join((heading or "").split())
    content = [" ".join(c.split()) for c in content]
    if len(content) == 1:
        return (f"{heading} {content[0]}" if heading else content[0]), []
    if heading and not heading.endswith(":"):
        heading += ":"
    return heading, [f"- {_bare(c)}{_end(c)}" for c in content]


def _bare(item: str) -> str:
    """`- UBND tỉnh;` → `UBND tỉnh`."""
    text = " ".join(item.split())
    if text.startswith(("- ", "– ", "• ")):
        text = text[2:]
    return text.rstrip(";.").strip()


def _end(text: str) -> str:
    """Keep a bullet's own final punctuation; add `;` when it has none."""
    stripped = text.rstrip()
    return stripped[-1] if stripped and stripped[-1] in ".;:" else ";"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"
