"""The text a reader sees in a paragraph, run by run, and the key it is compared on.

One walk over `w:p` shared by the reader and the redline writer, so that character
offsets computed by the word diff point at the same runs when the redline is written.
Text boxes inside a paragraph are not walked (their paragraphs are separate content);
drawings and objects count as one placeholder character so an added picture is a change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from lxml import etree

from ..ooxml import NS, W

_W = f"{{{W}}}"
OBJECT_CHAR = "\ufffc"

# Elements that hold runs inside a paragraph (walked into).
_RUN_CONTAINERS = {_W + t for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple",
                                     "customXml", "ins", "moveTo", "dir", "bdo")}
_T, _RPR = _W + "t", _W + "rPr"
_OBJECTS = {_W + "drawing", _W + "pict", _W + "object", f"{{{NS['mc']}}}AlternateContent"}


def compare_key(text: str) -> str:
    """The form two texts are compared in: NFC, so `ệ` typed as e + marks equals `ệ`."""
    return unicodedata.normalize("NFC", text)


def paragraph_runs(p: etree._Element) -> Iterator[etree._Element]:
    """Every `w:r` of a paragraph in reading order, inside links, fields and content controls."""
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == _W + "r":
            yield child
        elif tag in _RUN_CONTAINERS:
            stack.append(iter(child))


def leaf_text(child: etree._Element) -> str:
    """The characters one child of a `w:r` shows (empty for properties and field codes)."""
    tag = child.tag
    if tag == _W + "t":
        return child.text or ""
    if tag in (_W + "tab", _W + "ptab"):
        return "\t"
    if tag in (_W + "br", _W + "cr"):
        return "\n"
    if tag == _W + "noBreakHyphen":
        return "\u2011"
    if tag == _W + "sym":
        try:
            return chr(int(child.get(_W + "char", ""), 16))
        except ValueError:
            return OBJECT_CHAR
    if tag in _OBJECTS:
        return OBJECT_CHAR
    return ""


def run_text(run: etree._Element) -> str:
    """The characters a `w:r` shows (`w:t` read directly: it is nearly every child)."""
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag != _RPR:
            parts.append(leaf_text(child))
    return "".join(parts)


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


def paragraph_text(p: etree._Element) -> str:
    """The displayed text of a paragraph (list labels, which Word computes, are not part of it)."""
    return "".join(run_text(r) for r in paragraph_runs(p))
