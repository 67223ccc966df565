"""The dated agency registry: who existed when, and who succeeds whom from which date.

A body is identified by a stable code (`SYT`, `SLDTBXH`, `UBND_HUYEN_NGA_SON`). The 2025
reorganisation is data: a body that ended carries successor rules, each naming the
successor, the date it took over and, when the old body was split, the functions
(`domains`) that went to it. `responsible_bodies()` follows those rules so that a task of
the plan is routed to whoever answers for it on a given date, with no code change.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import InputModel, VnDate

# The kinds a registry may use; plan groups select bodies by kind.
AGENCY_KINDS = (
    "ubnd-tinh",      # the provincial People's Committee (issuer of the plan)
    "so",             # a provincial department (Sở) or equivalent (Thanh tra, Văn phòng, Ban)
    "nganh",          # police, military command, and other provincial branches
    "trung-uong",     # a central body's provincial office (BHXH tỉnh): can be asked, not ordered
    "hdnd",           # the People's Council
    "mttq",           # the Fatherland Front committee
    "doan-the",       # mass organisations
    "ubnd-huyen",     # district-level People's Committees (until 30/6/2025)
    "ubnd-xa",        # commune-level People's Committees reporting to the province (from 1/7/2025)
)


# An agency code names output files (`KH-<code>.docx`, `BC-<code>-<year>.docx`), so it must be
# a safe file-name part on every system: upper-case ASCII letters, digits and `_`, starting
# with a letter, at most 40 characters (the bundled registry's longest is 18).
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
CODE_MAX = 40


def code_problem(code: str) -> str | None:
    """Why `code` cannot be an agency code (Vietnamese), or None when it can."""
    if CODE_PATTERN.fullmatch(code):
        return None
    shown = code.encode("unicode_escape").decode("ascii") if not code.isprintable() else code
    shown = shown if len(shown) <= 50 else shown[:47] + "…"
    reason = f"dài {len(code)} ký tự, tối đa {CODE_MAX}" if len(code) > CODE_MAX else \
        "chỉ dùng chữ in hoa không dấu A–Z, chữ số và dấu gạch dưới «_», bắt đầu bằng chữ cái"
    return f"mã cơ quan «{shown}» không hợp lệ: {reason} (ví dụ SYT, UBND_H_NGA_SON)"


# Decree 30/2020, Phụ lục I, II.4.a: the kind of the unit is kept in the địa danh of a unit
# named after a person, with a number, or after a historical event ("Phường Đào Duy Từ", "Quận 1").
PlaceNaming = Literal["person", "number", "event"]
# Kinds of administrative unit, longest first, as they appear before the name in a body's name.
UNIT_KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
# Abbreviations that must not stand for a unit's kind in a địa danh (nd30-format.md, mistakes seen).
PLACE_ABBREVIATIONS = ("TP.", "TX.", "TT.", "H.", "Q.", "P.", "X.")


def abbrev_problem(abbrev: str) -> str | None:
    """Why `abbrev` cannot be the issuer's part of a ký hiệu, or None.

    Decree 30/2020, Phụ lục I, II.3.c: the ký hiệu is written in capitals (`SNGV`, not
    `SNgV`); and a type abbreviation of Phụ lục III (`TTr` is Tờ trình) cannot name a body.
    """
    from ..vn.kyhieu import doc_type_abbrevs, doc_type_name
    from ..vn.text import vn_upper

    issuer = vn_upper(abbrev.split("-")[0])   # a part after "-" names a unit of the body (MTTQ-BTT: Ban thường trực)
    clash = next((a for a in doc_type_abbrevs().values() if vn_upper(a) == issuer), None)
    if clash is not None:
        return (f"chữ viết tắt «{abbrev}» trùng chữ viết tắt tên loại văn bản «{clash}» ({doc_type_name(clash)}, "
                "Phụ lục III Nghị định 30/2020); chọn chữ viết tắt khác cho cơ quan")
    if abbrev != vn_upper(abbrev):
        return (f"chữ viết tắt «{abbrev}» phải viết chữ in hoa: «{vn_upper(abbrev)}» "
                "(Nghị định 30/2020, Phụ lục I, mục II.3.c)")
    return None


def place_problem(name: str, place: str, named_after: str | None) -> str | None:
    """Why `place` is not a sensible địa danh for the body called `name`, or None."""
    if place.startswith(PLACE_ABBREVIATIONS):
        return f"địa danh «{place}» không viết tắt tên loại đơn vị hành chính (TP., TX., H.…)"
    if not name.casefold().endswith(place.casefold()):
        return f"địa danh «{place}» phải là phần cuối tên cơ quan «{name}»"
    if named_after is not None and unit_kind(name, place) is None:
        kinds = ", ".join(UNIT_KINDS)
        return f"named_after cần tên cơ quan có loại đơn vị hành chính ({kinds}) ngay trước địa danh «{place}»"
    if named_after is None and place.split()[0].isdigit():
        return (f"đơn vị đặt tên bằng chữ số «{place}» giữ loại đơn vị trong địa danh: ghi named_after: number "
                "(Nghị định 30/2020, Phụ lục I, mục II.4.a)")
    return None


def unit_kind(name: str, place: str) -> str | None:
    """The unit's kind written just before `place` in `name` (`phường` for `… phường Đào Duy Từ`)."""
    head = name[: len(name) - len(place)].rstrip().casefold()
    return next((k for k in UNIT_KINDS if head.endswith(k)), None)


class SuccessorRule(InputModel):
    """From `date` on, `body` answers for the listed domains of a body that ended (all, if none)."""

    body: str
    date: VnDate
    domains: list[str] = Field(default_factory=list)
    note: str | None = None


class Agency(InputModel):
    """One body, as it is named and signs on page 1, and the dates it existed."""

    code: str
    name: str                                 # full name: "Sở Y tế"
    short_name: str | None = None             # as attributed in reports: "Sở Y tế"
    place: str | None = None                  # địa danh of its documents when not the province's ("Nga Sơn")
    named_after: PlaceNaming | None = None    # its unit is named after a person, a number or an event
    kind: str
    header_lines: list[str]                   # page-1 header, UPPER: [parent line, own line(s)]
    parent_lines: int = 1                     # how many of header_lines are the parent (not bold)
    abbrev: str                               # ký hiệu of the issuer: "SYT", "SLĐTBXH", "UBND"
    head_title: str                           # "GIÁM ĐỐC", "CHỦ TỊCH", "GIÁM ĐỐC CÔNG AN TỈNH"
    deputy_title: str | None = None           # "PHÓ GIÁM ĐỐC"
    authority: str | None = None              # for collective bodies: "TM. ỦY BAN NHÂN DÂN"
    archive_unit: str | None = None           # the unit in "- Lưu: VT, <unit>."
    valid_from: VnDate | None = None
    valid_to: VnDate | None = None              # last day it existed
    successors: list[SuccessorRule] = Field(default_factory=list)
    source: str | None = None                 # where the facts come from
    note: str | None = None

    @field_validator("code")
    @classmethod
    def _safe_code(cls, code: str) -> str:
        problem = code_problem(code)
        if problem:
            raise ValueError(problem)
        return code

    @model_validator(mode="after")
    def _check(self) -> Agency:
        if self.kind not in AGENCY_KINDS:
            raise ValueError(f"loại cơ quan «{self.kind}» không hợp lệ; dùng một trong: {', '.join(AGENCY_KINDS)}")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("ngày kết thúc (valid_to) trước ngày bắt đầu (valid_from)")
        if not 0 <= self.parent_lines < max(len(self.header_lines), 1):
            raise ValueError("parent_lines phải nhỏ hơn số dòng header_lines")
        if self.authority is not None and not self.authority.startswith("TM. "):
            raise ValueError(f"authority «{self.authority}» là dòng ký thay mặt tập thể, phải bắt đầu bằng «TM. » "
                             "(ví dụ «TM. ỦY BAN NHÂN DÂN»); cơ quan do người đứng đầu ký thì để trống")
        return self

    @model_validator(mode="after")
    def _check_abbrev_capitals(self) -> Agency:
        """The issuer's part of a ký hiệu is written in capitals and is not a type abbreviation."""
        problem = abbrev_problem(self.abbrev)
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _check_place(self) -> Agency:
        """The địa danh is the tail of the unit's name, unabbreviated; a unit named after a person keeps its kind."""
        if self.place is None:
            if self.named_after is not None:
                raise ValueError("named_after cần có place (địa danh của đơn vị)")
            return self
        problem = place_problem(self.name, self.place, self.named_after)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def place_text(self) -> str | None:
        """The địa danh printed before the date: `Nga Sơn`, or with its kind `Phường Đào Duy Từ`."""
        if self.place is None or self.named_after is None:
            return self.place
        kind = unit_kind(self.name, self.place)
        return f"{kind[:1].upper()}{kind[1:]} {self.place}" if kind else self.place

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def exists_on(self, day: date) -> bool:
        """True when the body existed on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Registry:
    """All bodies by code, with the date-aware lookups every document uses."""

    def __init__(self, agencies: list[Agency]):
        self.agencies: dict[str, Agency] = {a.code: a for a in agencies}

    def __contains__(self, code: str) -> bool:
        return code in self.agencies

    def __getitem__(self, code: str) -> Agency:
        return self.agencies[code]

    def __len__(self) -> int:
        return len(self.agencies)

    def existing_on(self, day: date, kinds: list[str] | tuple[str, ...] | None = None) -> list[Agency]:
        """Bodies that existed on `day` (optionally only of the given kinds), in registry order."""
        return [a for a in self.agencies.values() if a.exists_on(day) and (kinds is None or a.kind in kinds)]

    def successors_on(self, code: str, day: date, domains: list[str] | tuple[str, ...] = ()) -> list[str]:
        """The bodies answering on `day` for `code`'s work in `domains` (itself if it still exists).

        Follows successor rules transitively. A split body hands each domain to the rule that
        lists it; rules without domains take whatever is left. Returns [] when the body ended
        and nothing succeeds it.
        """
        return self._resolve(code, day, tuple(domains), depth=0)

    def _resolve(self, code: str, day: date, domains: tuple[str, ...], depth: int) -> list[str]:
        if depth > 10 or code not in self.agencies:
            return []
        agency = self.agencies[code]
        if agency.exists_on(day):
            return [code]
        rules = [r for r in agency.successors if r.date <= day]
        if not rules:
            return []
        chosen: list[SuccessorRule] = []
        if domains:
            for dom in domains:
                match = [r for r in rules if dom in r.domains] or [r for r in rules if not r.domains]
                chosen.extend(r for r in match if r not in chosen)
        if not chosen:
            chosen = [r for r in rules if not r.domains] or rules[:1]
        out: list[str] = []
        for rule in chosen:
            for c in self._resolve(rule.body, day, domains, depth + 1):
                if c not in out:
                    out.append(c)
        return out
