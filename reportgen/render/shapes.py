"""The decree's solid lines, drawn as real shapes (never typed underscores).

Decree 30 puts a solid line under the issuer's name (1/3 to 1/2 of the name's width), under
the motto (as wide as the motto) and under the trích yếu (short). A paragraph border cannot
be shorter than the text it sits under, so the line is an inline DrawingML line placed on
its own visual line (after a `w:br`) in the same centred paragraph: it stays centred under
the text in Word and LibreOffice, and a checker finds it in the paragraph it belongs to.

Widths come from the advance widths of Times New Roman (see `metrics.py`), so the length
is computed from the text, not measured on a screen, and is the same on every machine.
"""

from __future__ import annotations

import unicodedata

from .metrics import TIMES_BOLD, TIMES_REGULAR

EMU_PER_CM = 360_000
LINE_WIDTH_EMU = 9_525          # 0.75 pt stroke
RAISE_HALF_POINTS = 4           # lift the line 2 pt towards the text above it

_NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of one line of `text` in Times New Roman at `size_pt`."""
    table = TIMES_BOLD if bold else TIMES_REGULAR
    units = 0
    for ch in unicodedata.normalize("NFC", text):
        units += table.get(ch) or table.get(_base_letter(ch)) or table["n"]
    return units / 1000 * size_pt / 72 * 2.54


def rule_width_cm(text: str, size_pt: float, bold: bool, fraction: float) -> float:
    """Width of a line `fraction` as long as `text` printed at `size_pt` (at least 0.8 cm)."""
    return max(round(text_width_cm(text, size_pt, bold) * fraction, 2), 0.8)


def line_run_xml(width_cm: float, *, break_before: bool = True, shape_id: int = 1) -> str:
    """Runs holding a horizontal inline line shape `width_cm` long (docPr ids are renumbered later)."""
    cx = int(round(width_cm * EMU_PER_CM))
    brk = "<w:r><w:br/></w:r>" if break_before else ""
    return (
        f"{brk}<w:r><w:rPr><w:position w:val=\"{RAISE_HALF_POINTS}\"/></w:rPr><w:drawing>"
        f"<wp:inline xmlns:wp=\"{_NS_WP}\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
        f"<wp:extent cx=\"{cx}\" cy=\"0\"/>"
        f"<wp:effectExtent l=\"0\" t=\"4763\" r=\"0\" b=\"4763\"/>"
        f"<wp:docPr id=\"{shape_id}\" name=\"Đường kẻ {shape_id}\"/>"
        f"<wp:cNvGraphicFramePr/>"
        f"<a:graphic xmlns:a=\"{_NS_A}\"><a:graphicData uri=\"{_NS_WPS}\">"
        f"<wps:wsp xmlns:wps=\"{_NS_WPS}\"><wps:cNvCnPr/>"
        f"<wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"0\"/></a:xfrm>"
        f"<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom>"
        f"<a:ln w=\"{LINE_WIDTH_EMU}\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill></a:ln>"
        f"</wps:spPr><wps:bodyPr/></wps:wsp>"
        f"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _base_letter(ch: str) -> str:
    """`Ộ` → `O`, `đ` → `d`: the Latin letter whose width a Vietnamese letter shares."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch
