"""The decree's solid lines as paragraph borders (never typed underscores).

Decree 30 puts a solid line under the issuer's name (1/3 to 1/2 of the name's width), under
the motto (as wide as the motto) and under the trích yếu (short). A border on the text's own
paragraph cannot be shorter than the text, so the issuer's and the trích yếu's lines are an
empty, 1 pt high paragraph right under the text, with a top border and left/right indents
that leave exactly the line's width, centred in its column. Borders render the same in
Word and LibreOffice (an inline shape after a line break does not: LibreOffice collapses
the empty line and draws the shape through the text).

Widths come from the advance widths of Times New Roman (see `metrics.py`), so the length is
computed from the text, not measured on a screen, and is the same on every machine.
"""

from __future__ import annotations

import unicodedata

from .metrics import TIMES_BOLD, TIMES_REGULAR

TWIPS_PER_CM = 1440 / 2.54
BORDER_EIGHTHS = 6             # 0.75 pt line
GAP_BEFORE_TWIPS = 40          # 2 pt between the text and its line


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


def rule_paragraph_xml(width_cm: float, column_cm: float, *, after_twips: int = 0) -> str:
    """An empty paragraph drawing a centred solid line `width_cm` long in a `column_cm` wide column."""
    width_cm = min(width_cm, column_cm)
    indent = max(int(round((column_cm - width_cm) / 2 * TWIPS_PER_CM)), 0)
    return (
        "<w:p><w:pPr><w:keepLines/>"
        f"<w:pBdr><w:top w:val=\"single\" w:sz=\"{BORDER_EIGHTHS}\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>"
        f"<w:spacing w:before=\"{GAP_BEFORE_TWIPS}\" w:after=\"{after_twips}\" w:line=\"20\" w:lineRule=\"exact\"/>"
        f"<w:ind w:left=\"{indent}\" w:right=\"{indent}\" w:firstLine=\"0\"/>"
        "<w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>"
    )


def motto_indent_twips(text: str, size_pt: float, column_cm: float, margin_cm: float = 0.1) -> int:
    """Left/right indent that makes a paragraph (and its bottom border) as wide as `text` plus a margin."""
    width = text_width_cm(text, size_pt, bold=True) + 2 * margin_cm
    return max(int(round((column_cm - width) / 2 * TWIPS_PER_CM)), 0)


def _base_letter(ch: str) -> str:
    """`Ộ` → `O`, `đ` → `d`: the Latin letter whose width a Vietnamese letter shares."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch
