"""Sections and the headers and footers each one shows.

A section names its header (or footer) parts by type — `default`, `first` (with
`w:titlePg`), `even` (with `w:evenAndOddHeaders`) — and a type it does not name is the
previous section's (ECMA-376 §17.10.5, headerReference). `check` and `diff` both need the
parts a section really shows, so that a file that repeats the references (LibreOffice
writes one copy per section) reads the same as one that inherits them.
"""

from __future__ import annotations

from lxml import etree

from .blocks import SECT_PR, P, block_elements
from .namespaces import NS, W

_W = f"{{{W}}}"
_R_ID = f"{{{NS['r']}}}id"


def section_properties(body: etree._Element) -> list[etree._Element | None]:
    """The `w:sectPr` of each section in order: those ending a paragraph, then the body's
    last one (None when the body has none: Word's defaults)."""
    out: list[etree._Element | None] = []
    last = None
    for el in block_elements(body, sections=True):
        if el.tag == P:
            sp = el.find(f"{_W}pPr/{_W}sectPr")
            if sp is not None:
                out.append(sp)
        elif el.tag == SECT_PR:
            last = el
    out.append(last)
    return out


def story_references(sect_prs: list[etree._Element | None], rels: dict[str, tuple[str, str]],
                     kind: str) -> list[dict[str, str]]:
    """For each section, header (`kind="header"`) or footer part by type, inherited from the
    previous section for a type it does not name."""
    out: list[dict[str, str]] = []
    previous: dict[str, str] = {}
    for sp in sect_prs:
        current = dict(previous)
        if sp is not None:
            for ref in sp.iterfind(f"{_W}{kind}Reference"):
                part = rels.get(ref.get(_R_ID, ""), ("", ""))[1]
                if part:
                    current[ref.get(f"{_W}type") or "default"] = part
        out.append(current)
        previous = current
    return out
