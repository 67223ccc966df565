"""Namespaces and the small value readers every part of the OOXML layer shares.

One definition of what an attribute means: a toggle (`w:b`, `w:b w:val="0"`), a
measurement in twips, a `w:val`. Hostile files carry `1e400`, `nan` or words where a number
belongs; these readers give None (or the caller's default) rather than raising.
"""

from __future__ import annotations

import math

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
W = NS["w"]
_W = f"{{{W}}}"
_VAL = _W + "val"
_OFF = frozenset({"0", "false", "off", "none"})


def qn(tag: str) -> str:
    """`w:p` → `{http://...}p`: a prefixed name in Clark notation."""
    prefix, local = tag.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"



def val(el: etree._Element | None, default: str | None = None) -> str | None:
    """The `w:val` of `el` (`default` when `el` is absent or has none)."""
    if el is None:
        return default
    return el.get(_VAL, default)


def is_on(el: etree._Element | None) -> bool:
    """A toggle or on/off property: present with no `w:val`, or with one other than 0/false/off."""
    if el is None:
        return False
    value = el.get(_VAL)
    return value is None or value.lower() not in _OFF


def is_off_value(value: str) -> bool:
    """True for the words that switch a property off (`0`, `false`, `off`, `none`)."""
    return value.lower() in _OFF


def finite_number(value: str | None) -> float | None:
    """`value` as a finite float within ±10⁹, or None (hostile files carry `1e400`, `nan`)."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) < 1e9 else None


def int_value(value: str | None) -> int | None:
    """An integer attribute (twips, half-points, ids), None when absent or not a sane number."""
    number = finite_number(value)
    return int(number) if number is not None else None
