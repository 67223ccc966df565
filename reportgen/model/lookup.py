"""Finding a body from what a person types: its code in any case, its name without accents.

The command line takes agency codes (`reportgen plan SYT`), but people type `syt`,
`Sở Y tế`, `so y te` or a near miss such as `SYTT`. `resolve_agency` accepts the first
three (they name exactly one body) and, for anything else, says why with the closest
codes; `search_agencies` lists the bodies whose code or name holds every word given.
Matching is on a folded key: NFC, lower case, no tone or vowel marks, `đ` as `d`, and
`_`/`-` as spaces, so `ubnd x nga son` finds `UBND_X_NGA_SON`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .agencies import Agency, Registry

MAX_SUGGESTIONS = 3
_SEPARATORS = re.compile(r"[\s_\-]+")

LookupFailure = Literal["unknown", "ended", "ambiguous"]


def fold(text: str) -> str:
    """The key codes and names are compared on: `Sở Y tế` → `so y te`, `UBND_X_NGA_SON` → `ubnd x nga son`."""
    from ..vn.text import normalized_key

    decomposed = unicodedata.normalize("NFD", normalized_key(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
    return _SEPARATORS.sub(" ", bare).strip()


@dataclass
class AgencyLookupError(Exception):
    """Why `text` names no body a command can use, and the codes to try instead."""

    text: str
    reason: LookupFailure
    suggestions: list[str] = field(default_factory=list)   # codes, best first
    agency: str | None = None                               # the ended body, for `ended`

    def __str__(self) -> str:
        return f"{self.reason}: {self.text}"


def resolve_agency(registry: Registry, text: str, day: date | None = None) -> str:
    """The code of the one body `text` names (code in any case, full or short name), existing on `day`.

    Raises `AgencyLookupError`: `unknown` with the closest codes, `ended` with the
    successors on `day`, `ambiguous` when a name fits several bodies of that day.
    """
    matches = _exact(registry, text)
    if not matches:
        raise AgencyLookupError(text, "unknown", suggest(registry, text, day))
    living = [code for code in matches if day is None or registry[code].exists_on(day)]
    if len(living) == 1:
        return living[0]
    if len(living) > 1:
        raise AgencyLookupError(text, "ambiguous", living[:MAX_SUGGESTIONS * 2])
    ended = matches[0]
    successors = [c for c in registry.successors_on(ended, day) if c != ended] if day else []
    raise AgencyLookupError(text, "ended", successors, agency=ended)


def _exact(registry: Registry, text: str) -> list[str]:
    """Codes `text` names exactly: the code itself, else the code folded, else a full or short name."""
    text = text.strip()
    if text in registry:
        return [text]
    key = fold(text)
    if not key:
        return []
    by_code = [a.code for a in registry.agencies.values() if fold(a.code) == key]
    if by_code:
        return by_code
    return [a.code for a in registry.agencies.values() if key in {fold(a.name), fold(a.display_name)}]


def suggest(registry: Registry, text: str, day: date | None = None) -> list[str]:
    """The codes closest to `text` (by code, then by name), bodies existing on `day` first."""
    key = fold(text)
    if not key:
        return []
    agencies = list(registry.agencies.values())
    if day is not None:
        agencies.sort(key=lambda a: not a.exists_on(day))
    by_key: dict[str, list[str]] = {}
    for agency in agencies:
        for name in (agency.code, agency.name, agency.display_name):
            by_key.setdefault(fold(name), [])
            if agency.code not in by_key[fold(name)]:
                by_key[fold(name)].append(agency.code)
    found: list[str] = []
    close = difflib.get_close_matches(key, list(by_key), n=MAX_SUGGESTIONS * 2, cutoff=0.6)
    contained = [k for k in by_key if len(key) >= 3 and f" {key} " in f" {k} "]
    for k in close + contained:
        for code in by_key[k]:
            if code not in found:
                found.append(code)
    if day is not None:   # bodies of that day only, unless none is close
        living = [c for c in found if registry[c].exists_on(day)]
        found = living or found
    return found[:MAX_SUGGESTIONS]


def search_agencies(registry: Registry, words: list[str] | tuple[str, ...], day: date | None = None) -> list[Agency]:
    """Bodies (existing on `day`, when given) whose code or name holds every one of `words`, in registry order."""
    keys = [fold(w) for w in words if fold(w)]
    out = []
    for agency in registry.agencies.values():
        if day is not None and not agency.exists_on(day):
            continue
        haystack = f" {fold(agency.code)} {fold(agency.name)} {fold(agency.display_name)} "
        if all(_holds(haystack, k) for k in keys):
            out.append(agency)
    return out


def _holds(haystack: str, key: str) -> bool:
    """`key` appears in `haystack` at the start of a word: `y te` is in `so y te`, `nh` is not in `tinh`."""
    return f" {key}" in haystack


def lookup_message(registry: Registry, error: AgencyLookupError, year: int | None = None) -> str:
    """What to tell a person whose agency could not be used, with the codes to type instead."""
    def named(code: str) -> str:
        return f"{code} ({registry[code].display_name})" if code in registry else code

    if error.reason == "ended" and error.agency is not None:
        agency = registry[error.agency]
        when = f" năm {year}" if year is not None else ""
        after = ", ".join(named(c) for c in error.suggestions) or "không có"
        return (f"«{error.text}» là {agency.display_name} (mã {agency.code}), không còn hoạt động{when}; "
                f"đơn vị kế nhiệm: {after}")
    if error.reason == "ambiguous":
        return (f"«{error.text}» khớp nhiều cơ quan, đơn vị: {', '.join(named(c) for c in error.suggestions)}; "
                "hãy ghi rõ mã")
    hint = f" Có phải bạn muốn: {', '.join(named(c) for c in error.suggestions)}?" if error.suggestions else ""
    return (f"không có cơ quan, đơn vị nào có mã hoặc tên «{error.text}» trong danh mục (inputs/agencies.yaml).{hint} "
            "Xem danh sách mã: reportgen agencies")
