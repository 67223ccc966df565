"""Checks of a body's overlay (`inputs/overlays/*.yaml`) for the year it is used in.

An overlay written for 2024 must not carry 2024 into a 2025 plan: a deadline naming a past
year, a recipient that ended, a task no longer the body's, all are errors for that year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Plan, Registry
from ..model.overlay import Overlay
from ..model.routing import ended_bodies_named, reference_day, successors_text, tasks_of_body

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def overlay_years(plan: Plan, registry: Registry, overlay: Overlay, year: int | None) -> list[int]:
    """The plan years the overlay is used in: its own, or (undated) `year` or every year the body exists."""
    if overlay.for_year is not None:
        return [overlay.for_year]
    years = [year] if year is not None else list(range(plan.reporting.first_year, plan.reporting.last_year + 1))
    return [y for y in years if overlay.agency not in registry or registry[overlay.agency].exists_on(
        reference_day(plan, y))]


def overlay_problems(plan: Plan, registry: Registry, overlay: Overlay, year: int) -> Iterator[tuple[tuple, str]]:
    """(path, Vietnamese message) for everything in `overlay` that does not hold in year Y."""
    first, last = plan.reporting.first_year, plan.reporting.last_year
    if not first <= year <= last:
        yield ("year",), f"năm {year} nằm ngoài thời gian của kế hoạch ({first}–{last})"
        return
    when = f"(kế hoạch năm {year})"
    day = reference_day(plan, year)
    agency = registry[overlay.agency]
    if not agency.exists_on(day):
        yield ("agency",), (f"{agency.name} không còn hoạt động năm {year}; đơn vị kế nhiệm: "
                            f"{successors_text(registry, overlay.agency, day)}")
        return
    led, supported = tasks_of_body(plan, registry, overlay.agency, year)
    own = {t.code for t in led + supported}
    for i, item in enumerate(overlay.tasks):
        if plan.task(item.task) is None:
            yield ("tasks", i, "task"), f"mã nhiệm vụ «{item.task}» không có trong kế hoạch"
        elif item.task not in own:
            yield ("tasks", i, "task"), (f"nhiệm vụ {item.task} không giao cho {agency.display_name} "
                                         f"(chủ trì hoặc phối hợp) năm {year}")
        yield from _past_years(("tasks", i, "deadline"), item.deadline, year, when)
    sections = {s.number for s in plan.sections}
    for i, extra in enumerate(overlay.extra_tasks):
        if extra.section not in sections:
            yield ("extra_tasks", i, "section"), f"mục «{extra.section}» không có trong kế hoạch"
        yield from _past_years(("extra_tasks", i, "deadline"), extra.deadline, year, when)
    for i, item in enumerate(overlay.recipients):
        for code in ended_bodies_named(registry, item, day):
            yield ("recipients", i), (f"nơi nhận «{item}» là {registry[code].name}, không còn hoạt động năm {year} "
                                      f"{when}; đơn vị kế nhiệm: {successors_text(registry, code, day)}")


def _past_years(path: tuple, text: str | None, year: int, when: str) -> Iterator[tuple[tuple, str]]:
    past = sorted({int(m.group(0)) for m in _YEAR.finditer(text or "") if int(m.group(0)) < year})
    if past:
        yield path, f"thời hạn «{text}» đã qua {when}: sửa thời hạn hoặc ghi phần bổ sung riêng cho năm {year}"
