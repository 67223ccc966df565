"""Word list numbering: the label Word shows before a numbered paragraph (`a)`, `1.2.`, `•`).

Counts list paragraphs in reading order, per abstract list, the way Word does, so that the
diff can say which list item a block is and compare what kind of list a paragraph is in.
"""

from __future__ import annotations

import re

from lxml import etree

from .namespaces import W, int_value, val

_W = f"{{{W}}}"


class ListLabels:
    """Counts list paragraphs in reading order and returns the label Word would show."""

    def __init__(self, root: etree._Element | None):
        self._abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        for an in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in an.findall(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                fmt = val(lvl.find(_W + "numFmt")) or "decimal"
                text = val(lvl.find(_W + "lvlText")) or ""
                start = _int(val(lvl.find(_W + "start")), 1)
                levels[ilvl] = (fmt, text, start)
            self._abstract[an.get(_W + "abstractNumId", "")] = levels
        for num in root.findall(_W + "num"):
            overrides = {}
            for ov in num.findall(_W + "lvlOverride"):
                so = ov.find(_W + "startOverride")
                if so is not None:
                    overrides[_int(ov.get(_W + "ilvl"), 0)] = _int(val(so), 1)
            self._nums[num.get(_W + "numId", "")] = (val(num.find(_W + "abstractNumId")) or "", overrides)

    def list_kind(self, num: tuple[str, int] | None) -> tuple[str, str] | None:
        """(number format, label pattern) of a list level, e.g. `("lowerLetter", "%1)")`: what
        kind of list a paragraph is in, the same however Word renumbers the lists' ids."""
        if num is None or num[0] not in self._nums:
            return None
        level = self._abstract.get(self._nums[num[0]][0], {}).get(num[1])
        return (level[0], level[1]) if level else None

    def next_label(self, num: tuple[str, int] | None) -> str:
        if num is None:
            return ""
        num_id, ilvl = num
        if num_id in ("", "0") or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        start = overrides.get(ilvl, levels[ilvl][2])
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def sub(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            if lvl not in levels:
                return ""
            value = counters[lvl] or overrides.get(lvl, levels[lvl][2])
            return list_number(value, levels[lvl][0])

        return re.sub(r"%([1-9])", sub, text)


def list_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            s = chr(ord("a") + rem) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


def _int(v: str | None, default: int) -> int:
    number = int_value(v)
    return number if number is not None else default



