"""Accept or reject every tracked change in a WordprocessingML part, as Word's buttons do.

Used on the way in (a draft that still holds tracked changes is read as if they were all
accepted) and by the tests and the bench, to prove that a redline accepts to NEW and
rejects to OLD. Works on parsed parts in place and returns how many revisions it resolved.
Formatting changes (`w:rPrChange` and the other `*PrChange` records): accepting drops the
record, rejecting puts the recorded old properties back in place of the current ones.
"""

from __future__ import annotations

from lxml import etree

from ..ooxml import DocxPackage, W, deterministic_zip, serialize_xml

STORY_PART_PREFIXES = ("word/document", "word/header", "word/footer", "word/footnotes", "word/endnotes")

_W = f"{{{W}}}"
_PROPERTY_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                     "tcPrChange", "tblGridChange", "tblPrExChange", "numberingChange")
# Every element that marks a revision: a part holding none of them has nothing to resolve.
_REVISION_MARKS = tuple(_W + t for t in ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveFromRangeEnd",
                                         "moveToRangeStart", "moveToRangeEnd", "cellIns", "cellDel",
                                         *_PROPERTY_CHANGES))


def accept_all(root: etree._Element) -> int:
    """Accept every revision under `root`; return how many were resolved."""
    return _resolve(root, accept=True)


def reject_all(root: etree._Element) -> int:
    """Reject every revision under `root`; return how many were resolved."""
    return _resolve(root, accept=False)


def resolve_package(data: bytes, *, accept: bool) -> bytes:
    """A .docx with every tracked change in its story parts accepted (or rejected)."""
    pkg = DocxPackage.open(data)
    parts = dict(pkg.parts)
    for name in pkg.parts:
        if is_story_part(name):
            root = pkg.xml(name)
            _resolve(root, accept=accept)
            parts[name] = serialize_xml(root)
    return deterministic_zip(parts)


def is_story_part(name: str) -> bool:
    return name.endswith(".xml") and name.startswith(STORY_PART_PREFIXES) and "/_rels/" not in name


def _resolve(root: etree._Element, *, accept: bool) -> int:
    if next(root.iter(*_REVISION_MARKS), None) is None:
        return 0  # one pass instead of a dozen for the usual part with no revisions
    count = 0
    gone_row, kept_row = ("del", "ins") if accept else ("ins", "del")
    # Rows first: a row marked for removal goes whole, with whatever it holds.
    for tr in list(root.iter(_W + "tr")):
        trpr = tr.find(_W + "trPr")
        if trpr is None:
            continue
        if trpr.find(_W + gone_row) is not None:
            count += 1
            _remove(tr)
            continue
        for mark in trpr.findall(_W + kept_row):
            count += 1
            trpr.remove(mark)
    for tbl in list(root.iter(_W + "tbl")):
        if tbl.find(_W + "tr") is None and tbl.getparent() is not None:
            _remove(tbl)
    for tc in list(root.iter(_W + "tc")):
        tcpr = tc.find(_W + "tcPr")
        if tcpr is None:
            continue
        for tag, drop_cell in (("cellIns", not accept), ("cellDel", accept)):
            mark = tcpr.find(_W + tag)
            if mark is not None:
                count += 1
                if drop_cell:
                    _remove(tc)
                    break
                tcpr.remove(mark)
    # Run-level containers.
    remove_tags = ("del", "moveFrom") if accept else ("ins", "moveTo")
    unwrap_tags = ("ins", "moveTo") if accept else ("del", "moveFrom")
    for el in list(root.iter(*(_W + t for t in remove_tags + unwrap_tags))):
        parent = el.getparent()
        if parent is None or _local(parent) in ("rPr", "trPr", "tcPr", "pPr"):
            continue  # paragraph-mark and row marks are handled below
        count += 1
        if _local(el) in remove_tags:
            _remove(el)
        else:
            if not accept:
                _undelete_text(el)
            _unwrap(el)
    for el in list(root.iter(*(_W + t for t in ("moveFromRangeStart", "moveFromRangeEnd",
                                                  "moveToRangeStart", "moveToRangeEnd")))):
        _remove(el)
    # Property changes: accepting drops the record; rejecting restores the old properties.
    for tag in _PROPERTY_CHANGES:
        for change in list(root.iter(_W + tag)):
            count += 1
            if not accept:
                _restore_properties(change)
            _remove(change)
    # Paragraph marks: a removed mark joins the paragraph with the next one.
    # (LibreOffice writes a moved paragraph's mark as moveFrom/moveTo: like del/ins.)
    merge_tags, keep_tags = (("del", "moveFrom"), ("ins", "moveTo")) if accept else (("ins", "moveTo"), ("del", "moveFrom"))
    for p in list(root.iter(_W + "p")):
        rpr = p.find(f"{_W}pPr/{_W}rPr")
        if rpr is None:
            continue
        for mark in [m for t in keep_tags for m in rpr.findall(_W + t)]:
            count += 1
            rpr.remove(mark)
        merges = [m for t in merge_tags for m in rpr.findall(_W + t)]
        for mark in merges:
            count += 1
            rpr.remove(mark)
        if merges:
            _join_with_next(p)
    for rpr in root.iter(_W + "rPr"):  # stray marks on run properties
        for tag in ("ins", "del", "moveFrom", "moveTo"):
            for mark in rpr.findall(_W + tag):
                rpr.remove(mark)
    return count


def _join_with_next(p: etree._Element) -> None:
    """Remove `p`'s paragraph mark: its content moves to the start of the next paragraph."""
    nxt = p.getnext()
    while nxt is not None and _local(nxt) in ("bookmarkStart", "bookmarkEnd", "commentRangeStart",
                                               "commentRangeEnd", "proofErr", "permStart", "permEnd"):
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != _W + "p":
        # Nothing to join with: the last paragraph keeps its mark, and an emptied
        # paragraph before a table goes away.
        if nxt is not None and not _has_content(p):
            _remove(p)
        return
    content = [c for c in p if c.tag != _W + "pPr"]
    anchor = nxt.find(_W + "pPr")
    index = 0 if anchor is None else nxt.index(anchor) + 1
    for offset, child in enumerate(content):
        nxt.insert(index + offset, child)
    _remove(p)


def _undelete_text(el: etree._Element) -> None:
    for t in el.iter(_W + "delText"):
        t.tag = _W + "t"
    for t in el.iter(_W + "delInstrText"):
        t.tag = _W + "instrText"


def _restore_properties(change: etree._Element) -> None:
    """Put the old properties recorded in a `*PrChange` back in place of the current ones.

    A `w:rPrChange` with no `w:rPr` inside (LibreOffice writes one when the old run had no
    properties) means exactly that: the run's properties all go.
    """
    props = change.getparent()
    old = change[0] if len(change) else None
    if old is None and change.tag == _W + "rPrChange":
        old = etree.Element(_W + "rPr")
    if props is None or old is None:
        return
    keep = {"rPr", "sectPr", "pPrChange", "rPrChange", "ins", "del"}
    for child in list(props):
        if _local(child) not in keep and child is not change:
            props.remove(child)
    for i, child in enumerate(list(old)):
        props.insert(i, child)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for offset, child in enumerate(list(el)):
        parent.insert(index + offset, child)
    _remove(el)


def _has_content(p: etree._Element) -> bool:
    return any(c.tag != _W + "pPr" and _local(c) not in ("bookmarkStart", "bookmarkEnd", "proofErr")
               for c in p)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
