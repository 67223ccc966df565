"""Formatting as a reader sees it, per character span and per paragraph, and where two
drafts' formatting differs.

Six run properties are compared on their effective values: bold, italic, underline, font
size, font name and colour, resolved by the one OOXML resolver (`ooxml.styles`: document
defaults, table, paragraph and character styles, then direct formatting with toggles), so
`w:b w:val="0"` is the same as no `w:b`, a run in the `Strong` style is as bold as a run
with a direct `w:b`, and a size written out by LibreOffice that the style already gave is
no change. Paragraphs are compared on their style, alignment, list, indents and spacing
(`ParaLook`).

Offsets are those of `text.paragraph_text`, so a `FormatEdit` points at the same runs the
word diff and the redline writer use.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from ..ooxml import DocxPackage, W
from ..ooxml.numbering import ListLabels, list_number
from ..ooxml.styles import ParaFormat, RunFormat, StyleResolver
from ..ooxml.text import shown_runs

_W = f"{{{W}}}"


class TextFormat(NamedTuple):
    """The compared properties of a stretch of text (None: not set, Word's default)."""

    bold: bool = False
    italic: bool = False
    underline: str | None = None  # w:u value: single, double, ...
    size: int | None = None  # half-points, as w:sz
    font: str | None = None
    color: str | None = None  # RRGGBB, or a theme colour name


PLAIN = TextFormat()
FormatSpans = tuple[tuple[int, int, TextFormat], ...]
"""Maximal stretches `(start, end, format)` of a paragraph's text that share one format."""

PROPERTY_NAMES = TextFormat._fields


class ParaLook(NamedTuple):
    """The compared properties of a paragraph (lengths in twips)."""

    style: str = ""  # the style's name
    align: str = "left"
    numbering: tuple[str, str, int] | None = None  # (number format, label pattern, level)
    first_line: int = 0
    left: int = 0
    right: int = 0
    before: int = 0
    after: int = 0
    line: tuple[str, int] = ("auto", 240)


@dataclass(frozen=True)
class ParaEdit:
    """A paragraph whose own properties (style, alignment, list, indents, spacing) changed."""

    old: ParaLook
    new: ParaLook

    def properties(self) -> list[tuple[str, object, object]]:
        return [(name, a, b) for name, a, b in zip(ParaLook._fields, self.old, self.new, strict=True) if a != b]

    def description(self) -> str:
        """`căn giữa → căn đều; kiểu đoạn «Normal» → «Heading 1»`."""
        return "; ".join(f"{_PARA_PREFIX[name]}{_para_shown(name, a)} → {_para_shown(name, b)}"
                         for name, a, b in self.properties())

    def to_json(self) -> dict:
        return {"changes": [{"property": n, "old": a, "new": b} for n, a, b in self.properties()],
                "description": self.description()}


@dataclass(frozen=True)
class FormatEdit:
    """One stretch of text present in both drafts whose formatting changed."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: TextFormat
    new: TextFormat

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
    """The effective formats of one draft, read through its styles (`ooxml.styles`)."""

    def __init__(self, resolver: StyleResolver, labels: ListLabels | None = None):
        self.resolver = resolver
        self.labels = labels or ListLabels(None)
        # Keyed by identity: the resolver hands back one cached object per distinct format.
        self._shown: dict[int, tuple[RunFormat, TextFormat]] = {}
        self._looks: dict[int, tuple[ParaFormat, ParaLook]] = {}

    @classmethod
    def of(cls, pkg: DocxPackage) -> RunFormats:
        return cls(StyleResolver.of(pkg), ListLabels(pkg.related_xml("/numbering", "word/numbering.xml")))

    def paragraph(self, p: etree._Element, table_style: str | None = None) -> tuple[str, FormatSpans, ParaFormat]:
        """A paragraph's text (as `paragraph_text` gives it), its format spans and its
        effective paragraph properties, in one walk."""
        fmt = self.resolver.paragraph(p.find(_W + "pPr"), table_style)
        pieces: list[str] = []
        spans: list[tuple[int, int, TextFormat]] = []
        pos = 0
        for run, text in shown_runs(p):
            if not text:
                continue
            pieces.append(text)
            shown = self.properties_format(run.find(_W + "rPr"), fmt.style_id, table_style)
            end = pos + len(text)
            if spans and spans[-1][2] == shown:
                spans[-1] = (spans[-1][0], end, shown)
            else:
                spans.append((pos, end, shown))
            pos = end
        return "".join(pieces), tuple(spans), fmt

    def properties_format(self, rpr: etree._Element | None, para_style: str | None = None,
                          table_style: str | None = None) -> TextFormat:
        """The compared format a `w:rPr` (a run's, or an old one in `w:rPrChange`) gives in a
        paragraph of `para_style`."""
        full = self.resolver.run(rpr, para_style, table_style)
        cached = self._shown.get(id(full))
        if cached is None:
            cached = self._shown[id(full)] = (full, text_format(full))
        return cached[1]

    def look(self, fmt: ParaFormat) -> ParaLook:
        """The compared properties of a paragraph with effective properties `fmt`."""
        cached = self._looks.get(id(fmt))
        if cached is None:
            cached = self._looks[id(fmt)] = (fmt, self._look(fmt))
        return cached[1]

    def _look(self, fmt: ParaFormat) -> ParaLook:
        kind = self.labels.list_kind(fmt.num)
        numbering = (kind[0], kind[1], fmt.num[1]) if kind and fmt.num else None
        return ParaLook(self.resolver.style_name(fmt.style_id), fmt.align, numbering, fmt.first_line, fmt.left,
                        fmt.right, fmt.before, fmt.after, (fmt.line_rule, fmt.line))


def text_format(fmt: RunFormat) -> TextFormat:
    """The six compared properties of an effective run format."""
    ascii_, hansi = fmt.font("ascii"), fmt.font("hAnsi")
    font = ascii_ if hansi in (None, ascii_) else hansi if ascii_ is None else f"{ascii_} / {hansi}"
    if fmt.theme_color:
        color = f"chủ đề {fmt.theme_color}"
    elif fmt.color and fmt.color.lower() != "auto":
        color = fmt.color.upper()
    else:
        color = None
    return TextFormat(fmt.bold, fmt.italic, fmt.underline, round(fmt.size * 2), font, color)


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




# --- helpers -------------------------------------------------------------------------------






def _clip(spans: FormatSpans, lo: int, hi: int) -> list[tuple[int, int, TextFormat]]:
    """The spans cut to [lo, hi), with offsets from `lo`."""
    return [(max(s, lo) - lo, min(e, hi) - lo, f) for s, e, f in spans if e > lo and s < hi]


def _differ(a: list, b: list) -> list[tuple[int, int, RunFormat, TextFormat]]:
    """Stretches where two tilings of the same text have different formats, merged when alike."""
    out: list[tuple[int, int, RunFormat, TextFormat]] = []
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


def _in_letters(spans: list, bounds: list[int]) -> list[tuple[int, int, TextFormat]]:
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


_PARA_PREFIX = {"style": "kiểu đoạn ", "align": "", "numbering": "đánh số ", "first_line": "thụt đầu dòng ",
                "left": "lề trái đoạn ", "right": "lề phải đoạn ", "before": "cách đoạn trên ",
                "after": "cách đoạn dưới ", "line": "giãn dòng "}
_ALIGNS = {"left": "căn trái", "center": "căn giữa", "right": "căn phải", "both": "căn đều",
           "distribute": "căn đều hai bên"}


def _para_shown(name: str, value) -> str:
    if name == "style":
        return f"«{value}»" if value else "mặc định"
    if name == "align":
        return _ALIGNS.get(value, value)
    if name == "numbering":
        if value is None:
            return "không"
        fmt, pattern, level = value
        label = "•" if fmt == "bullet" else re.sub(r"%[1-9]", list_number(1, fmt), pattern)
        return f"«{label}» cấp {level + 1}"
    if name == "line":
        rule, amount = value
        if rule == "auto":
            return f"{_decimal(amount / 240)} dòng"
        return f"{'đúng' if rule == 'exact' else 'tối thiểu'} {_decimal(amount / 20)} pt"
    if name in ("before", "after"):
        return f"{_decimal(value / 20)} pt"
    return f"{_decimal(value / 567)} cm"


def _decimal(x: float) -> str:
    """`1.27` → `1,27`; `6.0` → `6` (Vietnamese decimal comma)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
