"""Effective formatting of paragraphs and runs, resolved the way Word does.

Layers, lowest first: document defaults (`w:docDefaults`), the table style (for text in
a table), the paragraph style with its `basedOn` chain (the default paragraph style when
none is named), the character style chain (runs only), then direct formatting. A
paragraph style's run properties apply to its runs too.

Toggle properties (`b`, `i`, `caps`...) follow ECMA-376 §17.7.3: inside one style's
`basedOn` chain a derived style simply overrides its base; across the style layers
(table, paragraph, character) a `true` toggles the value so far and a `false` leaves it;
direct formatting sets the value outright. Theme fonts (`w:asciiTheme="minorHAnsi"`)
are resolved through `word/theme/theme1.xml`, so a theme font that is Calibri is seen as
Calibri.

Simplifications (documented, deliberate): table-style conditional formatting
(`w:tblStylePr`, e.g. a bold first row) is ignored, only the table style's own pPr/rPr
apply; numbering (`w:numPr`) is resolved to its list and level (a paragraph numbered by
Word shows a number the text does not hold; `numbering.ListLabels` computes it), its
indents are ignored; `*Chars` and `*Lines` variants of indents and spacing are ignored.

`check` (Decree 30 rules), `diff` (formatting changes, `w:rPrChange`/`w:pPrChange`) and
template lint all read formatting through this one resolver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .namespaces import NS, W, finite_number, is_off_value
from .package import DocxPackage

_W = f"{{{W}}}"
_A = f"{{{NS['a']}}}"

TOGGLES = ("b", "i", "caps", "smallCaps", "strike", "vanish")
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "cs": "cstheme", "eastAsia": "eastAsiaTheme"}
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)

Layer = dict  # property key -> value, e.g. {"sz": 14.0, "b": True, "font.ascii": "Arial"}


@dataclass(frozen=True)
class RunFormat:
    """What a run of text looks like once every layer is applied."""

    fonts: tuple[tuple[str, str | None], ...]  # (slot, font name or None when unset)
    size: float  # points
    bold: bool
    italic: bool
    caps: bool
    underline: str | None  # None when not underlined
    color: str | None  # hex RGB, "auto" or None
    hidden: bool
    theme_color: str | None = None  # `w:themeColor` (text1, accent1...): Word shows it instead of `color`

    def font(self, slot: str) -> str | None:
        return dict(self.fonts).get(slot)


@dataclass(frozen=True)
class ParaFormat:
    """What a paragraph's layout is once every layer is applied (lengths in twips)."""

    align: str  # left, center, right, both, distribute...
    first_line: int  # first-line indent; negative for a hanging indent
    left: int
    right: int
    before: int
    after: int
    before_auto: bool
    after_auto: bool
    line: int  # 240 = single when line_rule is "auto"; twips otherwise
    line_rule: str  # auto, exact, atLeast
    border_bottom: bool
    border_top: bool
    style_id: str | None
    numbered: bool = False  # Word numbers the paragraph (`w:numPr` with a list): the number is not in its text
    tabs: tuple[int, ...] = ()  # custom tab stops (twips from the margin), cleared ones removed
    center_tabs: tuple[int, ...] = ()  # those of them that centre the text
    page_break_before: bool = False
    num: tuple[str, int] | None = None  # (numId, level) of a numbered paragraph
    outline: int | None = None  # outline level 1-9 (`w:outlineLvl` 0-8), None for body text


class StyleResolver:
    """Resolves effective paragraph and run formatting for one document's styles and theme."""

    @classmethod
    def of(cls, pkg: DocxPackage) -> StyleResolver:
        """The resolver of a package: its styles and theme parts, found through relationships."""
        return cls(pkg.related_xml("/styles", "word/styles.xml"), pkg.related_xml("/theme", "word/theme/theme1.xml"))

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None):
        self._theme_fonts = _theme_fonts(theme)
        self._styles: dict[str, etree._Element] = {}
        self._default: dict[str, str] = {}
        self._chains: dict[str, tuple[Layer, Layer]] = {}
        self._run_bases: dict[tuple, tuple[Layer, dict]] = {}
        self._para_bases: dict[tuple, Layer] = {}
        self._paragraphs: dict[tuple, ParaFormat] = {}
        self._runs: dict[tuple, RunFormat] = {}
        self._headings: dict[str | None, int | None] = {}
        self._defaults_p: Layer = {}
        self._defaults_r: Layer = {}
        if styles is not None:
            self._read_styles(styles)

    # -- public -------------------------------------------------------------------------

    def paragraph_style_id(self, p_pr: etree._Element | None) -> str | None:
        """The paragraph's style id, or the document's default paragraph style."""
        if p_pr is not None:
            ps = p_pr.find(f"{_W}pStyle")
            if ps is not None and ps.get(f"{_W}val") in self._styles:
                return ps.get(f"{_W}val")
        return self._default.get("paragraph")

    def table_style_id(self, named: str | None) -> str | None:
        """The table style in force: the one named, else the document's default table style."""
        if named and named in self._styles:
            return named
        return self._default.get("table")

    def paragraph(self, p_pr: etree._Element | None, table_style: str | None = None) -> ParaFormat:
        """Effective paragraph properties of a `w:p` with properties `p_pr`.

        Paragraphs repeat the same few property sets, so results are kept per serialized
        `w:pPr` (a C-level call much cheaper than reading the properties again)."""
        key = (etree.tostring(p_pr) if p_pr is not None else None, table_style)
        cached = self._paragraphs.get(key)
        if cached is None:
            cached = self._paragraphs[key] = self._paragraph(p_pr, table_style)
        return cached

    def _paragraph(self, p_pr: etree._Element | None, table_style: str | None) -> ParaFormat:
        style_id = self.paragraph_style_id(p_pr)
        key = (style_id, table_style)
        base = self._para_bases.get(key)
        if base is None:
            base = dict(self._defaults_p)
            if table_style:
                base = _merge_ppr(base, self._chain(table_style)[0])
            if style_id:
                base = _merge_ppr(base, self._chain(style_id)[0])
            self._para_bases[key] = base
        props = base
        if p_pr is not None:
            direct = parse_ppr(p_pr)
            if direct:
                props = _merge_ppr(base, direct)
        return ParaFormat(
            align=_align(props.get("jc", "left")),
            first_line=props.get("ind.first", 0),
            left=props.get("ind.left", 0),
            right=props.get("ind.right", 0),
            before=props.get("sp.before", 0),
            after=props.get("sp.after", 0),
            before_auto=props.get("sp.beforeAuto", False),
            after_auto=props.get("sp.afterAuto", False),
            line=props.get("sp.line", 240),
            line_rule=props.get("sp.lineRule", "auto"),
            border_bottom=props.get("bdr.bottom", False),
            border_top=props.get("bdr.top", False),
            style_id=style_id,
            numbered=props.get("numbered", False),
            tabs=_stops(props, lambda kind: kind != "clear"),
            center_tabs=_stops(props, lambda kind: kind == "center"),
            page_break_before=props.get("pageBreakBefore", False),
            num=_num(props),
            outline=props.get("outline"),
        )

    def style_name(self, style_id: str | None) -> str:
        """The name a user sees for a style (`w:name`, or its id when it has none). Built-in
        styles are stored in lower case (`heading 1`) and shown capitalised (`Heading 1`), as
        Word does; LibreOffice writes them capitalised."""
        el = self._styles.get(style_id or "")
        name = el.find(f"{_W}name") if el is not None else None
        shown = (name.get(f"{_W}val") if name is not None else None) or (style_id or "")
        return shown[:1].upper() + shown[1:]

    def has_style(self, style_id: str | None) -> bool:
        return bool(style_id) and style_id in self._styles

    def heading_level(self, fmt: ParaFormat) -> int | None:
        """1 for a first-level heading...: the outline level, else a built-in `Heading N` style
        name in the paragraph style's chain. None for body text."""
        if fmt.outline is not None:
            return fmt.outline
        if fmt.style_id not in self._headings:
            self._headings[fmt.style_id] = None
            for el in self._lineage(fmt.style_id):
                name = el.find(f"{_W}name")
                m = _HEADING_NAME.match(name.get(f"{_W}val", "") if name is not None else "")
                if m:
                    self._headings[fmt.style_id] = int(m.group(1))
                    break
        return self._headings[fmt.style_id]

    def run(
        self,
        r_pr: etree._Element | None,
        para_style: str | None,
        table_style: str | None = None,
    ) -> RunFormat:
        """Effective run properties of a `w:r` with properties `r_pr` in a paragraph of
        `para_style` (kept per serialized `w:rPr`, as paragraphs are)."""
        key = (etree.tostring(r_pr) if r_pr is not None else None, para_style, table_style)
        cached = self._runs.get(key)
        if cached is None:
            cached = self._runs[key] = self._run(r_pr, para_style, table_style)
        return cached

    def _run(self, r_pr: etree._Element | None, para_style: str | None, table_style: str | None) -> RunFormat:
        char_style = None
        if r_pr is not None:
            rs = r_pr.find(f"{_W}rStyle")
            if rs is not None:
                char_style = rs.get(f"{_W}val")
        if char_style not in self._styles:
            char_style = self._default.get("character")
        merged, toggles = self._run_base(para_style, char_style, table_style)
        if r_pr is not None:
            direct = parse_rpr(r_pr, self._theme_fonts)
            if direct:
                merged = {**merged, **direct}
                toggles = {**toggles, **{t: direct[t] for t in TOGGLES if t in direct}}
        return RunFormat(
            fonts=tuple((slot, merged.get(f"font.{slot}")) for slot in FONT_SLOTS),
            size=merged.get("sz", 10.0),
            bold=toggles["b"],
            italic=toggles["i"],
            caps=toggles["caps"],
            underline=merged.get("u"),
            color=merged.get("color"),
            hidden=toggles["vanish"],
            theme_color=merged.get("themeColor"),
        )

    # -- layers -------------------------------------------------------------------------

    def _run_base(self, para_style: str | None, char_style: str | None, table_style: str | None):
        """Merged non-direct run layers and toggle values, cached per style combination."""
        key = (para_style, char_style, table_style)
        cached = self._run_bases.get(key)
        if cached is not None:
            return cached
        merged: Layer = dict(self._defaults_r)
        toggles = {t: bool(self._defaults_r.get(t, False)) for t in TOGGLES}
        for style_id in (table_style, para_style, char_style):
            if not style_id:
                continue
            layer = self._chain(style_id)[1]
            merged.update(layer)
            for t in TOGGLES:
                if layer.get(t) is True:
                    toggles[t] = not toggles[t]
        for t in TOGGLES:
            merged.pop(t, None)
        self._run_bases[key] = (merged, toggles)
        return merged, toggles

    def _chain(self, style_id: str) -> tuple[Layer, Layer]:
        """(pPr layer, rPr layer) of a style with its `basedOn` ancestors merged in."""
        cached = self._chains.get(style_id)
        if cached is not None:
            return cached
        p_layer: Layer = {}
        r_layer: Layer = {}
        for el in reversed(self._lineage(style_id)):
            p_layer = _merge_ppr(p_layer, parse_ppr(el.find(f"{_W}pPr")))
            r_layer.update(parse_rpr(el.find(f"{_W}rPr"), self._theme_fonts))
        self._chains[style_id] = (p_layer, r_layer)
        return p_layer, r_layer

    def _lineage(self, style_id: str | None) -> list[etree._Element]:
        """A style and the styles it is based on, most derived first (loops and depth cut)."""
        lineage = []
        seen = set()
        current = style_id
        while current and current in self._styles and current not in seen and len(lineage) < 32:
            seen.add(current)
            el = self._styles[current]
            lineage.append(el)
            based = el.find(f"{_W}basedOn")
            current = based.get(f"{_W}val") if based is not None else None
        return lineage

    def _read_styles(self, root: etree._Element) -> None:
        defaults = root.find(f"{_W}docDefaults")
        if defaults is not None:
            self._defaults_r = parse_rpr(defaults.find(f"{_W}rPrDefault/{_W}rPr"), self._theme_fonts)
            self._defaults_p = parse_ppr(defaults.find(f"{_W}pPrDefault/{_W}pPr"))
        for el in root.iterfind(f"{_W}style"):
            sid = el.get(f"{_W}styleId")
            if not sid:
                continue
            self._styles[sid] = el
            kind = el.get(f"{_W}type", "paragraph")
            if el.get(f"{_W}default") in ("1", "true", "on") and kind not in self._default:
                self._default[kind] = sid


# -- property parsing -------------------------------------------------------------------


def parse_rpr(r_pr: etree._Element | None, theme_fonts: dict[str, str | None]) -> Layer:
    """The run properties set in one `w:rPr`, as a flat layer."""
    out: Layer = {}
    if r_pr is None:
        return out
    for child in r_pr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name == "rFonts":
            for slot in FONT_SLOTS:
                theme = child.get(_W + _THEME_ATTR[slot])
                if theme is not None:
                    out[f"font.{slot}"] = theme_fonts.get(theme)
                else:
                    value = child.get(_W + slot)
                    if value is not None:
                        out[f"font.{slot}"] = value
        elif name == "sz":
            value = child.get(f"{_W}val")
            if value is not None and _is_number(value):
                out["sz"] = float(value) / 2
        elif name in TOGGLES:
            out[name] = not is_off_value(child.get(f"{_W}val", "true"))
        elif name == "u":
            value = child.get(f"{_W}val", "single")
            out["u"] = None if is_off_value(value) else value
        elif name == "color":
            out["color"] = child.get(f"{_W}val")
            out["themeColor"] = child.get(f"{_W}themeColor")
    return out


def parse_ppr(p_pr: etree._Element | None) -> Layer:
    """The paragraph properties set in one `w:pPr`, as a flat layer."""
    out: Layer = {}
    if p_pr is None:
        return out
    for child in p_pr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name == "jc":
            out["jc"] = child.get(f"{_W}val", "left")
        elif name == "ind":
            first, hanging = child.get(f"{_W}firstLine"), child.get(f"{_W}hanging")
            if hanging is not None and _is_number(hanging):
                out["ind.first"] = -_twips(hanging)
            elif first is not None and _is_number(first):
                out["ind.first"] = _twips(first)
            for key, names in (("ind.left", ("left", "start")), ("ind.right", ("right", "end"))):
                for attr in names:
                    value = child.get(f"{_W}{attr}")
                    if value is not None and _is_number(value):
                        out[key] = _twips(value)
                        break
        elif name == "spacing":
            for attr, key in (("before", "sp.before"), ("after", "sp.after"), ("line", "sp.line")):
                value = child.get(f"{_W}{attr}")
                if value is not None and _is_number(value):
                    out[key] = _twips(value)
            for attr, key in (("beforeAutospacing", "sp.beforeAuto"), ("afterAutospacing", "sp.afterAuto")):
                value = child.get(f"{_W}{attr}")
                if value is not None:
                    out[key] = not is_off_value(value)
            rule = child.get(f"{_W}lineRule")
            if rule is not None:
                out["sp.lineRule"] = rule
        elif name == "numPr":
            num_id = child.find(f"{_W}numId")
            if num_id is not None:
                out["numbered"] = num_id.get(f"{_W}val", "0") != "0"
                out["num.id"] = num_id.get(f"{_W}val", "0")
            level = child.find(f"{_W}ilvl")
            if level is not None and (level.get(f"{_W}val") or "").isdigit():
                out["num.ilvl"] = min(int(level.get(f"{_W}val")), 8)
        elif name == "outlineLvl":
            level = child.get(f"{_W}val", "")
            out["outline"] = int(level) + 1 if level.isdigit() and int(level) < 9 else None
        elif name == "tabs":
            stops: dict[int, str] = {}
            for tab in child.iterfind(f"{_W}tab"):
                pos = tab.get(f"{_W}pos")
                if pos is not None and _is_number(pos):
                    stops[_twips(pos)] = tab.get(f"{_W}val", "left")
            out["tabs"] = stops
        elif name == "pageBreakBefore":
            out["pageBreakBefore"] = not is_off_value(child.get(f"{_W}val", "true"))
        elif name == "pBdr":
            for side in ("top", "bottom"):
                border = child.find(f"{_W}{side}")
                if border is not None:
                    out[f"bdr.{side}"] = border.get(f"{_W}val", "none") not in ("none", "nil")
    return out


def _num(props: Layer) -> tuple[str, int] | None:
    """(numId, level) of a numbered paragraph; None when it has no list (or `numId` 0)."""
    num_id = props.get("num.id")
    return (num_id, props.get("num.ilvl", 0)) if num_id and num_id != "0" else None


def _stops(props: Layer, keep) -> tuple[int, ...]:
    """The positions of the tab stops whose kind `keep` accepts, in order."""
    stops = props.get("tabs")
    return tuple(sorted(pos for pos, kind in stops.items() if keep(kind))) if stops else ()


def _merge_ppr(base: Layer, over: Layer) -> Layer:
    """`over` on top of `base`; tab stops merge by position (a later layer may clear one)."""
    merged = {**base, **over}
    if "tabs" in base and "tabs" in over:
        merged["tabs"] = {**base["tabs"], **over["tabs"]}
    return merged


def _theme_fonts(theme: etree._Element | None) -> dict[str, str | None]:
    """Theme font names (`minorHAnsi`...) → typeface; empty typefaces count as unset."""
    out: dict[str, str | None] = {}
    if theme is None:
        return out
    for major_minor in ("major", "minor"):
        font = theme.find(f".//{_A}fontScheme/{_A}{major_minor}Font")
        if font is None:
            continue
        faces = {}
        for kind in ("latin", "ea", "cs"):
            el = font.find(f"{_A}{kind}")
            face = el.get("typeface") if el is not None else None
            faces[kind] = face or None
        out[f"{major_minor}Ascii"] = faces["latin"]
        out[f"{major_minor}HAnsi"] = faces["latin"]
        out[f"{major_minor}EastAsia"] = faces["ea"]
        out[f"{major_minor}Bidi"] = faces["cs"]
    return out


def _align(value: str) -> str:
    return {"start": "left", "end": "right", "justify": "both"}.get(value, value)


def _is_number(value: str) -> bool:
    return finite_number(value) is not None


def _twips(value: str) -> int:
    return int(finite_number(value) or 0)
