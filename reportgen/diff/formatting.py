"""Run formatting as a reader sees it, per character span, and where two drafts' formatting differs.

Six properties are compared on their effective values: bold, italic, underline, font size,
font name and colour. A run's value comes from its character style (and the styles that
style is based on, the most derived winning), then from its direct formatting, so
`w:b w:val="0"` is the same as no `w:b`, and a run in the `Strong` style is as bold as a
run with a direct `w:b`. Paragraph styles and document defaults are not resolved: two
runs of the same paragraph style share them, and a paragraph whose style changed is a
paragraph-formatting change, which this module does not report.

Offsets are those of `text.paragraph_text`, so a `FormatEdit` points at the same runs the
word diff and the redline writer use.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from ..ooxml import W
from .styles import StyleSheet
from .text import paragraph_runs, run_text

_W = f"{{{W}}}"
_VAL = _W + "val"
_OFF = {"0", "false", "off", "none"}


class RunFormat(NamedTuple):
    """The compared properties of a stretch of text (None: not set, Word's default)."""

    bold: bool = False
    italic: bool = False
    underline: str | None = None  # w:u value: single, double, ...
    size: int | None = None  # half-points, as w:sz
    font: str | None = None
    color: str | None = None  # RRGGBB, or a theme colour name


PLAIN = RunFormat()
FormatSpans = tuple[tuple[int, int, RunFormat], ...]
"""Maximal stretches `(start, end, format)` of a paragraph's text that share one format."""

PROPERTY_NAMES = RunFormat._fields


@dataclass(frozen=True)
class FormatEdit:
    """One stretch of text present in both drafts whose formatting changed."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: RunFormat
    new: RunFormat

    def properties(self) -> list[tuple[str, object, object]]:
        """`(property, old value, new value)` for each property that changed."""
        return [(name, a, b) for name, a, b in zip(PROPERTY_NAMES, self.old, self.new, strict=True) if a != b]

    def description(self) -> str:
        """What changed, in the reader's words: `in đậm → thường; cỡ chữ 14 → 13`."""
        return "; ".join(f"{_PREFIX[name]}{_shown(name, a)} → {_shown(name, b)}" for name, a, b in self.properties())

    def old_position(self, new_pos: int) -> int:
        """The offset in OLD's text of the character at `new_pos` in NEW's text (inside this edit)."""
        pos = self.old_start + (new_pos - self.new_start)
        return max(self.old_start, min(pos, self.old_end - 1))

    def to_json(self, new_text: str) -> dict:
        return {
            "text": new_text[self.new_start:self.new_end],
            "old_start": self.old_start, "old_end": self.old_end,
            "new_start": self.new_start, "new_end": self.new_end,
            "changes": [{"property": n, "old": a, "new": b} for n, a, b in self.properties()],
            "description": self.description(),
        }


class RunFormats:
    """The effective run formats of one draft, its character styles resolved once each."""

    def __init__(self, sheet: StyleSheet):
        self.sheet = sheet
        self._styles: dict[str, dict[str, object]] = {}

    def paragraph(self, p: etree._Element) -> tuple[str, FormatSpans]:
        """A paragraph's text (as `paragraph_text` gives it) and its format spans, in one walk."""
        pieces: list[str] = []
        spans: list[tuple[int, int, RunFormat]] = []
        pos = 0
        for run in paragraph_runs(p):
            text = run_text(run)
            if not text:
                continue
            pieces.append(text)
            fmt = self.run_format(run)
            end = pos + len(text)
            if spans and spans[-1][2] == fmt:
                spans[-1] = (spans[-1][0], end, fmt)
            else:
                spans.append((pos, end, fmt))
            pos = end
        return "".join(pieces), tuple(spans)

    def run_format(self, run: etree._Element) -> RunFormat:
        """The effective format of one `w:r`: character style, then direct formatting."""
        return self.properties_format(run.find(_W + "rPr"))

    def properties_format(self, rpr: etree._Element | None) -> RunFormat:
        """The effective format that a `w:rPr` (a run's, or an old one in `w:rPrChange`) gives."""
        if rpr is None:
            return PLAIN
        style = rpr.find(_W + "rStyle")
        props = dict(self.style_properties(style.get(_VAL))) if style is not None else {}
        read_properties(rpr, props)
        return _to_format(props)

    def has_style(self, sid: str | None) -> bool:
        return bool(sid) and sid in self.sheet.styles

    def style_properties(self, sid: str | None) -> dict[str, object]:
        """The compared properties a character style sets (through its `basedOn` chain)."""
        if not sid:
            return {}
        if sid not in self._styles:
            props: dict[str, object] = {}
            for rpr in self.sheet.character_chain(sid):
                read_properties(rpr, props)
            self._styles[sid] = props
        return self._styles[sid]


def format_edits(old_text: str, old_spans: FormatSpans, new_text: str, new_spans: FormatSpans,
                 regions: list[tuple[int, int, int, int]]) -> list[FormatEdit]:
    """Where formatting differs inside `regions` `(old_start, old_end, new_start, new_end)`,
    stretches whose text is the same in both drafts (NFC-equal: NFD text is compared by
    letter, a letter and its combining marks counting as one)."""
    edits: list[FormatEdit] = []
    for o0, o1, n0, n1 in regions:
        if o1 <= o0 or n1 <= n0:
            continue
        a, b = _clip(old_spans, o0, o1), _clip(new_spans, n0, n1)
        if old_text[o0:o1] == new_text[n0:n1]:
            edits += [FormatEdit(o0 + s, o0 + e, n0 + s, n0 + e, fo, fn) for s, e, fo, fn in _differ(a, b)]
            continue
        bo, bn = _letters(old_text, o0, o1), _letters(new_text, n0, n1)
        if len(bo) != len(bn):
            continue  # not the same letters after all: leave the formatting alone
        for s, e, fo, fn in _differ(_in_letters(a, bo), _in_letters(b, bn)):
            edits.append(FormatEdit(o0 + bo[s], o0 + bo[e], n0 + bn[s], n0 + bn[e], fo, fn))
    return edits


def read_properties(rpr: etree._Element, into: dict[str, object]) -> None:
    """Read the compared properties a `w:rPr` sets into `into` (later elements win)."""
    for child in rpr:
        tag = child.tag
        if tag == _W + "b":
            into["bold"] = _on(child)
        elif tag == _W + "i":
            into["italic"] = _on(child)
        elif tag == _W + "u":
            value = child.get(_VAL) or "single"
            into["underline"] = None if value == "none" else value
        elif tag == _W + "sz":
            try:
                into["size"] = int(child.get(_VAL, ""))
            except ValueError:
                pass
        elif tag == _W + "rFonts":
            for attr in ("ascii", "hAnsi"):
                theme = child.get(f"{_W}{attr}Theme")
                name = f"chủ đề {theme}" if theme else child.get(_W + attr)
                if name:
                    into[attr] = name
        elif tag == _W + "color":
            value = child.get(_VAL)
            if value and value.lower() != "auto":
                into["color"] = value.upper()
            elif child.get(_W + "themeColor"):
                into["color"] = f"chủ đề {child.get(_W + 'themeColor')}"
            else:
                into["color"] = None


# --- helpers -------------------------------------------------------------------------------


def _on(el: etree._Element) -> bool:
    value = el.get(_VAL)
    return value is None or value.lower() not in _OFF


def _to_format(props: dict[str, object]) -> RunFormat:
    if not props:
        return PLAIN
    ascii_, hansi = props.get("ascii"), props.get("hAnsi")
    font = ascii_ if hansi in (None, ascii_) else hansi if ascii_ is None else f"{ascii_} / {hansi}"
    return RunFormat(bool(props.get("bold", False)), bool(props.get("italic", False)), props.get("underline"),
                     props.get("size"), font, props.get("color"))


def _clip(spans: FormatSpans, lo: int, hi: int) -> list[tuple[int, int, RunFormat]]:
    """The spans cut to [lo, hi), with offsets from `lo`."""
    return [(max(s, lo) - lo, min(e, hi) - lo, f) for s, e, f in spans if e > lo and s < hi]


def _differ(a: list, b: list) -> list[tuple[int, int, RunFormat, RunFormat]]:
    """Stretches where two tilings of the same text have different formats, merged when alike."""
    out: list[tuple[int, int, RunFormat, RunFormat]] = []
    i = j = pos = 0
    while i < len(a) and j < len(b):
        end = min(a[i][1], b[j][1])
        fa, fb = a[i][2], b[j][2]
        if fa != fb and end > pos:
            if out and out[-1][1] == pos and out[-1][2] == fa and out[-1][3] == fb:
                out[-1] = (out[-1][0], end, fa, fb)
            else:
                out.append((pos, end, fa, fb))
        pos = end
        if a[i][1] == end:
            i += 1
        if b[j][1] == end:
            j += 1
    return out


def _letters(text: str, start: int, end: int) -> list[int]:
    """Offsets (from `start`) where each letter with its combining marks begins, and the end."""
    out = [0]
    out += [i - start for i in range(start + 1, end) if not unicodedata.combining(text[i])]
    out.append(end - start)
    return out


def _in_letters(spans: list, bounds: list[int]) -> list[tuple[int, int, RunFormat]]:
    """Spans measured in letters instead of characters (a cut inside a letter goes before it)."""
    out = []
    for s, e, f in spans:
        ls, le = bisect_right(bounds, s) - 1, bisect_right(bounds, e) - 1
        if le > ls:
            out.append((ls, le, f))
    return out


_PREFIX = {"bold": "", "italic": "", "underline": "", "size": "cỡ chữ ", "font": "phông ", "color": "màu chữ "}
_UNDERLINES = {"single": "gạch chân", "double": "gạch chân kép", "thick": "gạch chân đậm",
               "dotted": "gạch chân chấm", "dash": "gạch chân nét đứt", "wave": "gạch chân lượn sóng",
               "words": "gạch chân từng từ"}


def _shown(name: str, value: object) -> str:
    if name == "bold":
        return "in đậm" if value else "thường"
    if name == "italic":
        return "in nghiêng" if value else "chữ đứng"
    if name == "underline":
        return "không gạch chân" if value is None else _UNDERLINES.get(str(value), f"gạch chân ({value})")
    if name == "size":
        if value is None:
            return "mặc định"
        half = int(value)  # type: ignore[call-overload]
        return str(half // 2) + (",5" if half % 2 else "")
    if name == "font":
        return str(value) if value else "mặc định"
    if value is None:
        return "tự động"
    text = str(value)
    return f"#{text}" if len(text) == 6 and all(c in "0123456789ABCDEF" for c in text) else text
