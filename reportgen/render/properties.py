"""Document properties (`docProps/core.xml`) written from the inputs, never from the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..ooxml import NS, serialize_xml

_XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class CoreProperties:
    """What Word shows under File ▸ Info: title, author (the issuing body), the document's date.

    `date` None (a draft with no date yet) leaves created/modified out rather than invent one.
    """

    title: str
    creator: str
    date: date | None = None
    subject: str = ""
    keywords: str = ""
    language: str = "vi-VN"


def core_xml(props: CoreProperties) -> bytes:
    """The `docProps/core.xml` part for `props`: same input, same bytes."""
    nsmap = {"cp": NS["cp"], "dc": NS["dc"], "dcterms": NS["dcterms"], "xsi": _XSI}
    root = etree.Element(f"{{{NS['cp']}}}coreProperties", nsmap=nsmap)

    def add(ns: str, name: str, text: str) -> etree._Element:
        el = etree.SubElement(root, f"{{{NS[ns]}}}{name}")
        el.text = text
        return el

    add("dc", "title", props.title)
    if props.subject:
        add("dc", "subject", props.subject)
    add("dc", "creator", props.creator)
    if props.keywords:
        add("cp", "keywords", props.keywords)
    add("cp", "lastModifiedBy", props.creator)
    add("dc", "language", props.language)
    add("cp", "revision", "1")
    if props.date is not None:
        stamp = f"{props.date.isoformat()}T00:00:00Z"
        for name in ("created", "modified"):
            el = add("dcterms", name, stamp)
            el.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
    return serialize_xml(root)
