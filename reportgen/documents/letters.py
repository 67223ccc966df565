"""What the công văn of the yearly cycle share: their page-1 block, how they address many
bodies, the Nơi nhận, the `(Kèm theo …)` line, and the list of bodies grouped by level.

A công văn has no type name; its ký hiệu is `<số>/<issuer>-<drafting unit>` (`125/SNV-VP`),
the drafting unit being the letter's own `unit` or the body's archive unit from the
registry. How many bodies are addressed together ("Các sở, ban, ngành cấp tỉnh", "UBND các
xã, phường") is data: `reportgen/data/addressee_groups.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from ..model import Plan, Registry
from ..model.cycle import Letter
from ..vn import collation_key, short_date
from .common import DRAFT_DAY_BLANK, header_context, issuer_reference, recipients_context

CONG_VAN = "Công văn"


@dataclass(frozen=True)
class AddresseeGroup:
    """Bodies addressed together: by kinds, with a name for all of them or the words of their units."""

    kinds: tuple[str, ...]
    title: str                       # the level's title in tables: "Cơ quan, đơn vị cấp tỉnh"
    all: str | None = None           # "Các sở, ban, ngành cấp tỉnh"
    prefix: str | None = None        # "UBND các"
    units: tuple[str, ...] = ()      # ("xã", "phường")


def cong_van_header(registry: Registry, code: str, letter: Letter | None, place: str, year: int) -> dict:
    """The page-1 block of a công văn `code` issues: number and date from `letter` (None: a draft)."""
    return header_context(registry, code, CONG_VAN, letter.number if letter else None,
                          letter.date if letter else None, place, year=year, unit=drafting_unit(registry, code, letter))


def drafting_unit(registry: Registry, code: str, letter: Letter | None) -> str | None:
    """The letter's drafting unit: its own `unit`, else the body's archive unit (`VP`)."""
    if letter is not None and letter.unit:
        return letter.unit
    return registry[code].archive_unit


def addressee_lines(registry: Registry, codes: Sequence[str], *, collective: bool,
                    among: Sequence[str] | None = None) -> list[str]:
    """`Kính gửi` items for `codes`: each level by its collective name, or each body by name.

    `collective` (a letter to every body that must report) gives `Các sở, ban, ngành cấp
    tỉnh`, `UBND các xã, phường`; otherwise provincial bodies are named one by one and local
    ones per unit word: `UBND các xã: Trung Sơn, Yên Khương` (one body: its full name). With
    `among` (all the bodies that had to report), a level whose bodies are all in `codes` is
    still addressed by its collective name.
    """
    lines: list[str] = []
    taken: set[str] = set()
    for group in addressee_groups():
        members = [c for c in codes if c in registry and registry[c].kind in group.kinds]
        taken.update(members)
        if not members:
            continue
        whole = collective or (among is not None and
                               set(members) >= {c for c in among if c in registry and registry[c].kind in group.kinds})
        if group.units:
            lines.extend(_local_lines(registry, members, group, whole))
        elif whole and group.all:
            lines.append(group.all)
        else:
            lines.extend(registry[c].name for c in ordered(registry, members))
    lines.extend(registry[c].name if c in registry else c for c in codes if c not in taken)
    return lines


def level_groups(registry: Registry, codes: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(level title, its bodies in list order) for the data groups that have any of `codes`."""
    codes = list(codes)
    out = []
    taken: set[str] = set()
    for group in addressee_groups():
        members = [c for c in codes if c in registry and registry[c].kind in group.kinds]
        taken.update(members)
        if members:
            out.append((group.title, ordered(registry, members)))
    rest = [c for c in codes if c not in taken]
    if rest:
        out.append(("Cơ quan, đơn vị khác", ordered(registry, rest)))
    return out


def ordered(registry: Registry, codes: Iterable[str]) -> list[str]:
    """Bodies in Vietnamese A–Z order of their names."""
    return sorted(codes, key=lambda c: collation_key(registry[c].name if c in registry else c))


def letter_recipients(plan: Plan, registry: Registry, code: str, letter: Letter | None) -> list[str]:
    """Nơi nhận of a công văn to the bodies: `Như trên`, the plan's recipient (để b/c), the letter's own, `Lưu`."""
    items = []
    recipient = plan.reporting.recipient
    if recipient != code:
        items.append(f"{issuer_reference(registry[recipient], plan.place)} (để b/c)")
    items.extend(letter.recipients if letter else [])
    return recipients_context(items, drafting_unit(registry, code, letter), to_superior=True)


def appendix_note(header: dict, doc_label: str, issuer_name: str) -> str:
    """`(Kèm theo Công văn số 125/SNV-VP ngày 20/11/2025 của Sở Nội vụ)`; a draft keeps the blanks."""
    day = header["date"]
    when = short_date(day) if day else f"{DRAFT_DAY_BLANK}/{DRAFT_DAY_BLANK}/{header['year']}"
    return f"(Kèm theo {doc_label} số {header['ky_hieu']} ngày {when} của {issuer_name})"


def working_days_after(day: date, count: int) -> date:
    """The day `count` working days (Monday–Friday) after `day`."""
    current = day
    left = count
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


@lru_cache(maxsize=1)
def addressee_groups() -> tuple[AddresseeGroup, ...]:
    """The groups of `reportgen/data/addressee_groups.yaml`, in order."""
    import yaml

    text = resources.files("reportgen").joinpath("data/addressee_groups.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return tuple(AddresseeGroup(kinds=tuple(g["kinds"]), title=g["title"], all=g.get("all"), prefix=g.get("prefix"),
                                units=tuple(g.get("units", ()))) for g in data["groups"])


def _local_lines(registry: Registry, members: list[str], group: AddresseeGroup, collective: bool) -> list[str]:
    """`UBND các xã, phường` (collective), or one line per unit word naming the places."""
    by_unit: dict[str, list[str]] = {}
    unnamed: list[str] = []
    for code in members:
        unit = _unit_word(registry, code, group.units)
        if unit is None:
            unnamed.append(code)
        else:
            by_unit.setdefault(unit, []).append(code)
    present = [u for u in group.units if u in by_unit]
    lines = []
    if collective and present:
        lines.append(f"{group.prefix} {', '.join(present)}")
    else:
        for unit in present:
            codes = ordered(registry, by_unit[unit])
            if len(codes) == 1:
                lines.append(registry[codes[0]].name)
            else:
                places = ", ".join(registry[c].place for c in codes)
                lines.append(f"{group.prefix} {unit}: {places}")
    lines.extend(registry[c].name for c in ordered(registry, unnamed))
    return lines


def _unit_word(registry: Registry, code: str, units: tuple[str, ...]) -> str | None:
    """The unit word before the body's place in its name (`xã` in `Ủy ban nhân dân xã An Nông`)."""
    agency = registry[code]
    if not agency.place:
        return None
    lowered = agency.name.lower()
    for unit in sorted(units, key=len, reverse=True):
        if lowered.endswith(f"{unit} {agency.place}".lower()):
            return unit
    return None
