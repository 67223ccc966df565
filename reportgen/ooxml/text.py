"""The characters a paragraph shows, run by run, and the fields it holds.

One reading shared by the diff's reader and its redline writer (so character offsets point
at the same runs) and by the checker. Text boxes inside a paragraph are not part of its
text (their paragraphs are separate content); drawings and objects are one placeholder
character each, so an added picture is a change.

Fields: a complex field (`w:fldChar` begin … separate … end) shows its cached result, the
text Word computed when the file was last saved. For fields whose result depends on the
layout or the clock (`PAGE`, `NUMPAGES`, `DATE`…), that cached text is whatever the last
program to save the file computed (LibreOffice writes 6 where reportgen wrote 2), so it is
not shown text: `shown_runs` gives those runs no characters. The field itself is still
there to compare (`field_codes`).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .blocks import RUN_CONTAINERS, R
from .namespaces import NS, W

_W = f"{{{W}}}"
OBJECT_CHAR = "\ufffc"
_T, _RPR = _W + "t", _W + "rPr"
_FLD_CHAR, _INSTR, _FLD_SIMPLE = _W + "fldChar", _W + "instrText", _W + "fldSimple"
_OBJECTS = {_W + "drawing", _W + "pict", _W + "object", f"{{{NS['mc']}}}AlternateContent"}
# Fields Word recomputes on layout or from the clock: their cached result is not content.
VOLATILE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "SAVEDATE",
                             "PRINTDATE", "CREATEDATE", "EDITTIME", "NUMWORDS", "NUMCHARS", "FILESIZE"})


def leaf_text(child: etree._Element) -> str:
    """The characters one child of a `w:r` shows (empty for properties and field codes)."""
    tag = child.tag
    if tag == _T:
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
        except (ValueError, OverflowError):
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


def shown_runs(p: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every run of a paragraph (as `blocks.paragraph_runs`) with the text it shows: none
    for a field's instruction, none for the cached result of a volatile field."""
    complex_fields = next(p.iter(_FLD_CHAR), None) is not None
    stack: list[tuple[Iterator[etree._Element], bool]] = [(iter(p), False)]
    fields: list[list] = []  # open complex fields: [instruction pieces or None, volatile?]
    while stack:
        items, hidden = stack[-1]
        child = next(items, None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == R:
            if complex_fields:
                yield child, _field_run_text(child, fields, hidden)
            else:
                yield child, "" if hidden else run_text(child)
        elif tag in RUN_CONTAINERS:
            if tag == _FLD_SIMPLE:
                hidden = hidden or _first_word(child.get(_W + "instr") or "") in VOLATILE_FIELDS
            stack.append((iter(child), hidden))


def paragraph_text(p: etree._Element) -> str:
    """The displayed text of a paragraph (list labels, which Word computes, are not part of it)."""
    return "".join(text for _, text in shown_runs(p))


def field_codes(p: etree._Element) -> tuple[str, ...]:
    """The first word of every field instruction in a paragraph (`PAGE`, `REF`…), in order."""
    if next(p.iter(_FLD_CHAR, _FLD_SIMPLE), None) is None:
        return ()
    out: list[str] = []
    pieces: list[str] | None = None
    for el in p.iter(_FLD_CHAR, _INSTR, _FLD_SIMPLE):
        if el.tag == _FLD_SIMPLE:
            out.append(_first_word(el.get(_W + "instr") or ""))
        elif el.tag == _INSTR:
            if pieces is not None:
                pieces.append(el.text or "")
        elif el.get(_W + "fldCharType") == "begin":
            pieces = []
        elif pieces is not None:
            out.append(_first_word("".join(pieces)))
            pieces = None
    return tuple(w for w in out if w)


def _field_run_text(run: etree._Element, fields: list[list], hidden: bool) -> str:
    """A run's shown text, following the complex fields it opens, separates and closes."""
    if next(run.iter(_FLD_CHAR, _INSTR), None) is None:
        if hidden or any(f[0] is not None or f[1] for f in fields):
            return ""  # inside an instruction, or a volatile field's cached result
        return run_text(run)
    parts = []
    for child in run:
        tag = child.tag
        if tag == _FLD_CHAR:
            kind = child.get(_W + "fldCharType")
            if kind == "begin":
                fields.append([[], False])
            elif kind == "separate" and fields and fields[-1][0] is not None:
                fields[-1] = [None, _first_word("".join(fields[-1][0])) in VOLATILE_FIELDS]
            elif kind == "end" and fields:
                fields.pop()
        elif tag == _INSTR:
            if fields and fields[-1][0] is not None:
                fields[-1][0].append(child.text or "")
        elif tag != _RPR and not hidden and not any(f[0] is not None or f[1] for f in fields):
            parts.append(leaf_text(child))
    return "".join(parts)


def _first_word(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""
