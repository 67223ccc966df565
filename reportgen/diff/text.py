"""The key a paragraph is compared on, and the signatures of its pictures and text boxes.

The text itself is read by the OOXML layer (`ooxml.text`), the same way for the reader and
the redline writer, so that character offsets computed by the word diff point at the same
runs when the redline is written.
"""

from __future__ import annotations

import unicodedata

from lxml import etree

from ..ooxml import NS, W
from ..ooxml.blocks import paragraph_runs
from ..ooxml.text import OBJECT_CHAR, field_codes, leaf_text, paragraph_text

__all__ = ["OBJECT_CHAR", "compare_key", "object_signatures", "paragraph_key", "paragraph_text"]

_W = f"{{{W}}}"


def compare_key(text: str) -> str:
    """The form two texts are compared in: NFC, so `ệ` typed as e + marks equals `ệ`."""
    return unicodedata.normalize("NFC", text)


def paragraph_key(p: etree._Element, text: str, objects: tuple[str, ...]) -> str:
    """What two paragraphs are compared on: their NFC text, the signatures of their objects
    and the fields they hold (a PAGE field added where there was none is a change, though
    its cached number is not text)."""
    key = compare_key(text)
    if objects:
        key += "\x00" + "\x02".join(objects)
    fields = field_codes(p)
    if fields:
        key += "\x03" + " ".join(fields)
    return key


def object_signatures(p: etree._Element, media: dict[str, str] | None = None) -> tuple[str, ...]:
    """One signature per object character of the paragraph, in order: the text inside it
    (a text box) and the digests of the pictures it shows (`media`: relationship id → digest).

    Two objects compare equal only when their signatures do, so an edited text box or a
    swapped picture is a change of that object, replaced whole in the redline.
    """
    out = []
    embed = f"{{{NS['r']}}}embed"
    for run in paragraph_runs(p):
        for child in run:
            if leaf_text(child) != OBJECT_CHAR or child.tag == _W + "sym":
                continue
            inner = "".join(t.text or "" for t in child.iter(_W + "t"))
            pictures = [(media or {}).get(b.get(embed, ""), "") for b in child.iter(f"{{{NS['a']}}}blip")]
            out.append(compare_key(inner) + "\x01" + ",".join(pictures))
    return tuple(out)


def object_descriptions(p: etree._Element, media_names: dict[str, str] | None = None) -> tuple[str, ...]:
    """One description per object character of the paragraph, in the reader's words: a
    picture by its name and size (`hình «bieu-do.png» 15,9 × 8,5 cm`), a text box by its
    first words."""
    out = []
    embed = f"{{{NS['r']}}}embed"
    for run in paragraph_runs(p):
        for child in run:
            if leaf_text(child) != OBJECT_CHAR or child.tag == _W + "sym":
                continue
            inner = " ".join("".join(t.text or "" for t in child.iter(_W + "t")).split())
            blips = [b.get(embed, "") for b in child.iter(f"{{{NS['a']}}}blip")]
            if blips:
                name = (media_names or {}).get(blips[0]) or _drawing_name(child) or "không tên"
                size = _extent(child)
                out.append(f"hình «{name}»" + (f" {size}" if size else ""))
            elif inner:
                short = inner if len(inner) <= 40 else inner[:40].rstrip() + "…"
                out.append(f"khung chữ «{short}»")
            else:
                out.append("hình vẽ/đối tượng")
    return tuple(out)


def _drawing_name(el: etree._Element) -> str:
    doc_pr = next(el.iter(f"{{{NS['wp']}}}docPr"), None)
    return (doc_pr.get("descr") or doc_pr.get("name") or "") if doc_pr is not None else ""


def _extent(el: etree._Element) -> str:
    """`15,9 × 8,5 cm` from a drawing's `wp:extent` (EMU: 360.000 per centimetre)."""
    extent = next(el.iter(f"{{{NS['wp']}}}extent"), None)
    if extent is None:
        return ""
    try:
        cx, cy = int(extent.get("cx", "")), int(extent.get("cy", ""))
    except ValueError:
        return ""
    cm = lambda emu: f"{emu / 360000:.1f}".replace(".", ",")  # noqa: E731
    return f"{cm(cx)} × {cm(cy)} cm"
