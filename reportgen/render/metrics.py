"""Advance widths of Times New Roman (1/1000 em), for computing the length of drawn lines.

Source: Liberation Serif 2 (fonts-liberation2), metric-compatible with Times New Roman by
design; the values equal the classic Times metrics. Printable ASCII only: Vietnamese letters
take the width of their base letter (`shapes._base_letter`), which the fonts share.
"""

from __future__ import annotations

_TIMES_BOLD_WIDTHS = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)
_TIMES_REGULAR_WIDTHS = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)

_CHARS = "".join(chr(c) for c in range(32, 127))
TIMES_BOLD: dict[str, int] = dict(zip(_CHARS, _TIMES_BOLD_WIDTHS, strict=True))
TIMES_REGULAR: dict[str, int] = dict(zip(_CHARS, _TIMES_REGULAR_WIDTHS, strict=True))
