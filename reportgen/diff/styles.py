"""Heading levels and Word list labels, so a block can say `Đề mục cấp 2` and `a)`.

Only what the diff shows is resolved: the outline level of a paragraph (direct or through
its style chain, or a built-in `Heading N` style name), the label Word would number a
list paragraph with (decimal, letters, Roman numerals, bullets), and the run properties
of character styles (read by `formatting`, which resolves them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..ooxml import W

_W = f"{{{W}}}"
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num: tuple[str, int] | None = None
    kind: str = "paragraph"  # w:type: paragraph, character, table, numbering
    rpr: etree._Element | None = None  # the style's own run properties


@dataclass
class StyleSheet:
    """Styles by id, enough to resolve heading levels, style-borne numbering and character styles."""

    styles: dict[str, _Style] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> StyleSheet:
        sheet = cls()
        if root is None:
            return sheet
        for st in root.iter(_W + "style"):
            sid = st.get(_W + "styleId")
            if not sid:
                continue
            name = st.find(_W + "name")
            based = st.find(_W + "basedOn")
            ppr = st.find(_W + "pPr")
            entry = _Style(name=name.get(_W + "val", "") if name is not None else "",
                           based_on=based.get(_W + "val") if based is not None else None,
                           kind=st.get(_W + "type") or "paragraph", rpr=st.find(_W + "rPr"))
            if ppr is not None:
                entry.outline = _outline(ppr)
                entry.num = _num_pr(ppr)
            sheet.styles[sid] = entry
        return sheet

    def heading_level(self, ppr: etree._Element | None) -> int | None:
        """1 for a first-level heading, ... None for body text."""
        if ppr is None:
            return None
        direct = _outline(ppr)
        if direct is not None:
            return direct
        for st in self._chain(_style_id(ppr)):
            if st.outline is not None:
                return st.outline
            m = _HEADING_NAME.match(st.name)
            if m:
                return int(m.group(1))
        return None

    def numbering(self, ppr: etree._Element | None) -> tuple[str, int] | None:
        if ppr is None:
            return None
        direct = _num_pr(ppr)
        if direct is not None:
            return direct
        for st in self._chain(_style_id(ppr)):
            if st.num is not None:
                return st.num
        return None

    def character_chain(self, sid: str | None) -> list[etree._Element]:
        """The run properties of a character style and the styles it is based on, base first."""
        if not sid or sid not in self.styles or self.styles[sid].kind != "character":
            return []
        return [st.rpr for st in reversed(list(self._chain(sid))) if st.rpr is not None]

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on


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
                ilvl = int(lvl.get(_W + "ilvl", "0") or 0)
                fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
                text = _val(lvl.find(_W + "lvlText")) or ""
                start = _int(_val(lvl.find(_W + "start")), 1)
                levels[ilvl] = (fmt, text, start)
            self._abstract[an.get(_W + "abstractNumId", "")] = levels
        for num in root.findall(_W + "num"):
            overrides = {}
            for ov in num.findall(_W + "lvlOverride"):
                so = ov.find(_W + "startOverride")
                if so is not None:
                    overrides[_int(ov.get(_W + "ilvl"), 0)] = _int(_val(so), 1)
            self._nums[num.get(_W + "numId", "")] = (_val(num.find(_W + "abstractNumId")) or "", overrides)

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
            return _format(value, levels[lvl][0])

        return re.sub(r"%([1-9])", sub, text)


def _format(n: int, fmt: str) -> str:
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


def _style_id(ppr: etree._Element) -> str | None:
    return _val(ppr.find(_W + "pStyle"))


def _outline(ppr: etree._Element) -> int | None:
    v = _val(ppr.find(_W + "outlineLvl"))
    if v is None:
        return None
    level = _int(v, 9)
    return level + 1 if level < 9 else None


def _num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    num = ppr.find(_W + "numPr")
    if num is None:
        return None
    num_id = _val(num.find(_W + "numId"))
    if num_id is None:
        return None
    return num_id, _int(_val(num.find(_W + "ilvl")), 0)


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_W + "val")


def _int(v: str | None, default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default
