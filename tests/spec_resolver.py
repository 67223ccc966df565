"""A second accept/reject, written from ECMA-376 Part 1 §17.13.5 (revisions), not from our writer.

reportgen's own `diff.revisions` edits the XML tree the way Word's buttons do. This module
does not edit anything: it reads a story as the specification describes it — a stream of
characters and paragraph marks, each inserted, deleted or neither — and prints the text a
reader sees once every revision is accepted (or rejected):

- a run inside `w:ins` or `w:moveTo` is inserted; inside `w:del` or `w:moveFrom`, deleted
  (§17.13.5.14, .18, .22, .25); its text is `w:t` or `w:delText`;
- a paragraph mark with `w:ins`/`w:moveTo` (`w:del`/`w:moveFrom`) in `w:pPr/w:rPr` is
  inserted (deleted) (§17.13.5.15, .13): removing a mark joins the paragraph with the next
  one; a paragraph cannot join across a table or the end of its container, so there its
  mark stays whatever it says (Word behaves so: such a file keeps an empty paragraph);
- a row with `w:trPr/w:ins` (`w:del`) is inserted (deleted) whole (§17.13.5.19, .12); a
  table whose rows are all gone is gone, and paragraphs on either side of it then meet;
- content controls and custom XML are transparent; range markers carry no text.

Only the standard library and lxml are used; nothing of reportgen.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_INSERTED = {_W + "ins", _W + "moveTo"}
_DELETED = {_W + "del", _W + "moveFrom"}
_TRANSPARENT = {_W + t for t in ("sdt", "sdtContent", "customXml", "hyperlink", "smartTag", "fldSimple", "dir", "bdo")}
_TEXT = {_W + "t": None, _W + "delText": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n",
         _W + "noBreakHyphen": "\u2011"}


def resolved_texts(data: bytes, *, accept: bool, part: str = "word/document.xml") -> list[str]:
    """The paragraphs (body and tables, NFC) a reader sees after Accept All (or Reject All)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read(part), etree.XMLParser(resolve_entities=False, no_network=True))
    container = root.find(_W + "body") if root.tag == _W + "document" else root
    out: list[str] = []
    _Resolver(accept, out).container(container)
    return out


def plain_texts(data: bytes, part: str = "word/document.xml") -> list[str]:
    """The paragraphs of a file without revisions (a draft), read the same way."""
    return resolved_texts(data, accept=True, part=part)


class _Resolver:
    def __init__(self, accept: bool, out: list[str]):
        self.gone = _DELETED if accept else _INSERTED  # what this view removes
        self.out = out

    def container(self, el: etree._Element) -> None:
        """Body, cell, header: blocks in order; a pending paragraph cannot cross its end."""
        pending: list[str] | None = None
        for block in _blocks(el):
            if block.tag == _W + "tbl":
                rows = self.kept_rows(block)
                if rows:
                    pending = self._flush(pending)
                    for tr in rows:
                        for tc in _children(tr, _W + "tc"):
                            self.container(tc)
                continue
            pieces = pending if pending is not None else []
            pieces.extend(self.paragraph_content(block))
            if self._mark_removed(block):
                pending = pieces  # the paragraph flows into the next one
            else:
                self.out.append(unicodedata.normalize("NFC", "".join(pieces)))
                pending = None
        self._flush(pending)

    def _flush(self, pending: list[str] | None) -> None:
        if pending is not None:
            self.out.append(unicodedata.normalize("NFC", "".join(pending)))
        return None

    def kept_rows(self, tbl: etree._Element) -> list[etree._Element]:
        """The rows this view keeps."""
        out = []
        for tr in _children(tbl, _W + "tr"):
            trpr = tr.find(_W + "trPr")
            if trpr is None or not any(trpr.find(tag) is not None for tag in self.gone):
                out.append(tr)
        return out

    def paragraph_content(self, p: etree._Element) -> list[str]:
        pieces: list[str] = []
        self._runs(p, removed=False, pieces=pieces)
        return pieces

    def _runs(self, el: etree._Element, *, removed: bool, pieces: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == _W + "r":
                if not removed:
                    for leaf in child:
                        if leaf.tag in _TEXT:
                            pieces.append(_TEXT[leaf.tag] if _TEXT[leaf.tag] is not None else leaf.text or "")
                        elif leaf.tag in (_W + "drawing", _W + "pict", _W + "object"):
                            pieces.append("\ufffc")
            elif tag in _INSERTED or tag in _DELETED:
                self._runs(child, removed=removed or tag in self.gone, pieces=pieces)
            elif tag in _TRANSPARENT:
                self._runs(child, removed=removed, pieces=pieces)

    def _mark_removed(self, p: etree._Element) -> bool:
        rpr = p.find(f"{_W}pPr/{_W}rPr")
        return rpr is not None and any(rpr.find(tag) is not None for tag in self.gone)


def _blocks(el: etree._Element):
    for child in el:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _W + "customXml":
            yield from _blocks(child)


def _children(el: etree._Element, tag: str):
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                yield from _children(inner, tag)
