"""Reading a .docx safely, and keeping only the parts reportgen understands.

Safety: a .docx is untrusted input. Only a regular file is opened (`files.py`); zip
entries are capped in number and in inflated size (checked while inflating, not from the
header alone), with a tighter cap on XML parts; entry names must be plain part names (no
`..`, no absolute path, no backslash); XML is parsed with no DTD, no entity resolution and
no network, a DOCTYPE anywhere in a part is refused (checked by the parser, not on a
prefix of the bytes), and a part with more elements than `MAX_XML_ELEMENTS` is refused
before it is parsed. So an entity bomb, a zip bomb or a huge document gives an
`UnreadableFileError` quickly and with bounded memory.

The budget these limits give (measured by `bench/limits.py` on the project's 2-core
machine): `reportgen check` or `reportgen diff` on any .docx inside the limits finishes in
about 10 seconds and 500 MB at most; the largest document reportgen itself writes (the
consolidated report) has about 14,000 elements, a tenth of the limit.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..errors import UnreadableFileError
from ..files import read_regular_file
from .namespaces import NS
from .writing import serialize_xml

# Limits for untrusted packages. A 100-page report is well under 1 MB of XML.
MAX_PACKAGE_BYTES = 128 * 1024 * 1024     # the .docx file itself (compressed)
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024        # one inflated entry (a picture)
MAX_TOTAL_BYTES = 256 * 1024 * 1024       # all entries inflated
MAX_XML_BYTES = 8 * 1024 * 1024           # one inflated XML part
MAX_XML_ELEMENTS = 150_000                # elements in one XML part
_XML_SUFFIXES = (".xml", ".rels", ".vml")

# --- reading ---------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes, name: str = "XML", *, bounded: bool = True) -> etree._Element:
    """Parse untrusted XML: a DOCTYPE (where entity bombs live) is refused wherever it is.

    The byte scan below is only a fast path for the common case; the parser's own record
    of a document type declaration is the check that counts (a DOCTYPE after a 70 KB
    comment, or in UTF-16, is caught there). When `bounded`, a part may hold at most
    `MAX_XML_ELEMENTS` elements: start tags are counted on the raw bytes before anything is
    parsed, and exactly after.
    """
    max_elements = MAX_XML_ELEMENTS if bounded else None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableFileError(_DOCTYPE_MESSAGE.format(name=name))
    # Tags counted on the bytes: start tags, empty tags, comments and processing instructions,
    # never fewer than the elements. At most twice the limit is parsed; the exact count is
    # only needed when this estimate is above the limit.
    tags = data.count(b"<") - data.count(b"</")
    if max_elements is not None and tags > 2 * max_elements:
        raise _too_many(name, max_elements)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(f"{name}: XML hỏng, không đọc được ({_xml_error_text(exc)}).") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise UnreadableFileError(_DOCTYPE_MESSAGE.format(name=name))
    if max_elements is not None and tags > max_elements and int(root.xpath("count(//*)")) > max_elements:
        raise _too_many(name, max_elements)
    return root


# libxml2's messages, by a distinctive fragment, in Vietnamese.
_XML_WORDS = {
    "Namespace": "tiền tố không gian tên (namespace) chưa khai báo hoặc sai",
    "Excessive depth": "các phần tử lồng nhau quá sâu",
    "tag mismatch": "thẻ mở và thẻ đóng không khớp",
    "Premature end": "tệp bị cắt cụt",
    "Document is empty": "phần XML trống",
    "Extra content at the end": "có nội dung thừa sau phần tử gốc",
    "not defined": "dùng thực thể (entity) chưa khai báo",
    "EntityRef": "ký tự «&» không đúng cách",
    "invalid element name": "tên thẻ không hợp lệ",
    "Couldn't find end of Start Tag": "thẻ mở không đóng",
    "attributes construct error": "thuộc tính viết sai",
    "Attribute": "thuộc tính viết sai hoặc lặp lại",
    "out of allowed range": "có ký tự không được phép trong XML",
    "not proper UTF-8": "không phải UTF-8 hợp lệ",
    "Unsupported encoding": "bảng mã không được hỗ trợ",
    "huge": "văn bản trong một thẻ quá dài",
}


def _xml_error_text(exc: etree.XMLSyntaxError) -> str:
    what = next((vi for en, vi in _XML_WORDS.items() if en in (exc.msg or "")), "cú pháp XML không đúng")
    line, column = getattr(exc, "position", (None, None)) or (None, None)
    return f"{what}, dòng {line}, cột {column}" if line else what


_UTF8_DECLARATION = re.compile(rb'^<\?xml[^>]*?encoding=["\'](?:utf-?8|us-ascii|ascii)["\']', re.IGNORECASE)


def has_doctype(data: bytes) -> bool:
    """True when an XML part declares a DOCTYPE or ENTITY anywhere (the cheap check for parts
    that are only copied, never parsed: a byte scan where the bytes are UTF-8, else the parser)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    utf8 = not data.startswith(b"<?xml") or _UTF8_DECLARATION.match(data[:200]) is not None \
        or b"encoding" not in data[:data.find(b"?>")]
    if utf8 and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00")):
        return False
    try:
        parse_xml(data, bounded=False)
    except UnreadableFileError:
        return True   # a DOCTYPE, or XML so broken it cannot be kept either
    return False


_DOCTYPE_MESSAGE = "{name}: tệp chứa khai báo DOCTYPE/ENTITY, không được chấp nhận (có thể là tệp độc hại)."


def _too_many(name: str, limit: int) -> UnreadableFileError:
    shown = f"{limit:,}".replace(",", ".")
    return UnreadableFileError(f"{name}: phần XML có quá nhiều phần tử (hơn {shown}), vượt giới hạn xử lý "
                               "của reportgen (có thể là tệp độc hại).")


def valid_part_name(name: str) -> bool:
    """True for a plain OPC part name: relative, `/`-separated, no empty, `.` or `..` segment."""
    if not name or len(name) > 1024 or name.startswith("/") or "\\" in name or ":" in name.split("/", 1)[0]:
        return False
    if any(ord(c) < 32 for c in name):
        return False
    segments = name.rstrip("/").split("/")
    return all(seg not in ("", ".", "..") for seg in segments)


class DocxPackage:
    """The parts of a .docx held as bytes, read with size limits; parsed on demand."""

    def __init__(self, parts: dict[str, bytes], source: str):
        self.parts = parts
        self.source = source
        self._relationships: dict[str, dict[str, tuple[str, str]]] = {}

    @classmethod
    def open(cls, path: str | os.PathLike | bytes) -> DocxPackage:
        """Read a .docx (a path or raw bytes) into memory, refusing what is not a sane package."""
        source = "<bytes>" if isinstance(path, bytes) else os.fspath(path)
        name = Path(source).name
        data = path if isinstance(path, bytes) else read_regular_file(source, limit=MAX_PACKAGE_BYTES, name=name)
        with io.BytesIO(data) as fileobj:
            try:
                zf = zipfile.ZipFile(fileobj)
            except (zipfile.BadZipFile, OSError, ValueError):
                raise UnreadableFileError(f"{name}: không phải tệp Word .docx (không phải gói ZIP hợp lệ).") from None
            with zf:
                parts = cls._read_entries(zf, name)
        if "[Content_Types].xml" not in parts or "word/document.xml" not in parts:
            raise UnreadableFileError(f"{name}: gói .docx thiếu phần bắt buộc (word/document.xml hoặc [Content_Types].xml).")
        return cls(parts, source)

    @staticmethod
    def _read_entries(zf: zipfile.ZipFile, name: str) -> dict[str, bytes]:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnreadableFileError(f"{name}: gói có quá nhiều phần ({len(infos)}), nghi là tệp độc hại.")
        parts: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if not valid_part_name(info.filename):
                shown = repr(info.filename[:80])
                raise UnreadableFileError(f"{name}: gói có phần mang tên không hợp lệ {shown} "
                                          "(đường dẫn tuyệt đối hoặc có «..»), nghi là tệp độc hại.")
            if info.is_dir():
                continue
            if info.filename in parts:
                raise UnreadableFileError(f"{name}: gói có hai phần cùng tên {info.filename!r}, nghi là tệp độc hại.")
            limit = MAX_XML_BYTES if info.filename.lower().endswith(_XML_SUFFIXES) else MAX_ENTRY_BYTES
            if info.file_size > limit or total + info.file_size > MAX_TOTAL_BYTES:
                raise UnreadableFileError(f"{name}: phần {info.filename} giải nén quá lớn, nghi là tệp độc hại (zip bomb).")
            chunks = []
            size = 0
            try:
                with zf.open(info) as fh:
                    while True:
                        chunk = fh.read(1 << 20)
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > limit or total + size > MAX_TOTAL_BYTES:
                            raise UnreadableFileError(
                                f"{name}: phần {info.filename} giải nén quá lớn, nghi là tệp độc hại (zip bomb)."
                            )
                        chunks.append(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise UnreadableFileError(f"{name}: gói ZIP hỏng ở phần {info.filename} ({exc}).") from None
            total += size
            parts[info.filename] = b"".join(chunks)
        return parts

    def xml(self, part: str) -> etree._Element:
        """The parsed root of `part` (e.g. `word/document.xml`)."""
        if part not in self.parts:
            raise UnreadableFileError(f"{Path(self.source).name}: thiếu phần {part}.")
        return parse_xml(self.parts[part], f"{Path(self.source).name}:{part}")

    def xml_or_none(self, part: str) -> etree._Element | None:
        return self.xml(part) if part in self.parts else None

    def related_parts(self, source_part: str = "word/document.xml") -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part path) for the relationships of `source_part`."""
        cached = self._relationships.get(source_part)
        if cached is None:
            cached = self._relationships[source_part] = self._read_relationships(source_part)
        return cached

    def _read_relationships(self, source_part: str) -> dict[str, tuple[str, str]]:
        folder, base = source_part.rsplit("/", 1)
        rels_name = f"{folder}/_rels/{base}.rels"
        root = self.xml_or_none(rels_name)
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root:
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                out[rel.get("Id", "")] = (rel.get("Type", ""), target)
                continue
            path = target.lstrip("/") if target.startswith("/") else os.path.normpath(f"{folder}/{target}").replace(os.sep, "/")
            out[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return out

    def part_for(self, rel_type: str, source_part: str = "word/document.xml",
                 fallback: str | None = None) -> str | None:
        """The part `source_part` relates to by a relationship whose type ends with `rel_type`
        (`/styles`, `/footnotes`...), or `fallback` when it names none."""
        for kind, target in self.related_parts(source_part).values():
            if kind.endswith(rel_type):
                return target
        return fallback

    def related_xml(self, rel_type: str, fallback: str | None = None) -> etree._Element | None:
        """The parsed part the main document relates to by `rel_type`, or None when absent."""
        part = self.part_for(rel_type, fallback=fallback)
        return self.xml_or_none(part) if part else None

    def modified(self) -> str | None:
        """`dcterms:modified` of the core properties as `YYYY-MM-DDTHH:MM:SSZ` (UTC), or None."""
        root = self.xml_or_none("docProps/core.xml")
        el = root.find(f"{{{NS['dcterms']}}}modified") if root is not None else None
        text = (el.text or "").strip() if el is not None else ""
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- keeping only what a .docx is made of ----------------------------------------------

_OD = "application/vnd.openxmlformats-officedocument."
DOCX_MAIN = _OD + "wordprocessingml.document.main+xml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
# Parts kept by content type: the WordprocessingML parts, properties, themes, pictures,
# charts and SmartArt drawings, embedded fonts. Not kept: macros (vbaProject, vbaData),
# ActiveX controls, OLE objects, keyboard and toolbar customisations, signatures, glossary
# documents and anything unknown.
KEPT_CONTENT_TYPES = frozenset({
    RELS_TYPE,
    "application/vnd.openxmlformats-package.core-properties+xml",
    _OD + "extended-properties+xml",
    _OD + "custom-properties+xml",
    _OD + "theme+xml",
    _OD + "wordprocessingml.styles+xml",
    "application/vnd.ms-word.stylesWithEffects+xml",
    _OD + "wordprocessingml.settings+xml",
    _OD + "wordprocessingml.webSettings+xml",
    _OD + "wordprocessingml.fontTable+xml",
    _OD + "wordprocessingml.numbering+xml",
    _OD + "wordprocessingml.footnotes+xml",
    _OD + "wordprocessingml.endnotes+xml",
    _OD + "wordprocessingml.comments+xml",
    _OD + "wordprocessingml.commentsExtended+xml",
    _OD + "wordprocessingml.commentsIds+xml",
    _OD + "wordprocessingml.commentsExtensible+xml",
    _OD + "wordprocessingml.people+xml",
    _OD + "wordprocessingml.header+xml",
    _OD + "wordprocessingml.footer+xml",
    _OD + "customXmlProperties+xml",
    _OD + "obfuscatedFont",
    _OD + "vmlDrawing",
    _OD + "drawingml.chart+xml",
    "application/vnd.ms-office.chartstyle+xml",
    "application/vnd.ms-office.chartcolorstyle+xml",
    _OD + "spreadsheetml.sheet",              # a chart's data; this type cannot hold macros
    _OD + "drawingml.diagramData+xml",
    _OD + "drawingml.diagramLayout+xml",
    _OD + "drawingml.diagramStyle+xml",
    _OD + "drawingml.diagramColors+xml",
    "application/vnd.ms-office.drawingml.diagramDrawing+xml",
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf",
    "image/svg+xml", "image/x-png",
})
# Relationship types never kept, even when pointing outside the package (a remote
# template is fetched when the file is opened).
_DROPPED_REL_TYPES = ("/attachedTemplate", "/vbaProject", "/oleObject", "/control", "/subDocument",
                      "/frame", "/keyMapCustomizations", "/attachedToolbars", "/wordVbaData",
                      "/digital-signature/origin", "/ui/extensibility")


def keep_known_parts(parts: Mapping[str, bytes], source: str = "") -> tuple[dict[str, bytes], list[str]]:
    """The parts of a .docx that reportgen understands, as a .docx; and the names it dropped.

    Content types decide (from `[Content_Types].xml`): a part whose type is not in
    `KEPT_CONTENT_TYPES` is dropped, `application/xml` only under `customXml/`. The main
    document always gets the .docx type (a .docm or .dotx arrives as a plain .docx).
    Relationships to dropped parts and to remote templates or macros are removed, and an
    element that referred to a removed relationship goes with it. Every XML part kept is
    parsed as untrusted XML (a DOCTYPE anywhere refuses the package); `source` names the
    package in messages.
    """
    types = _content_types(parts)
    main = _main_part(parts)
    kept: dict[str, bytes] = {}
    dropped: list[str] = []
    for name, data in parts.items():
        if name == "[Content_Types].xml":
            continue
        ctype = DOCX_MAIN if name == main else types.get(name, "")
        if ctype in KEPT_CONTENT_TYPES or ctype == DOCX_MAIN or \
                (ctype in ("application/xml", "text/xml") and name.startswith("customXml/")):
            kept[name] = data
            types[name] = ctype
        else:
            dropped.append(name)
    for name in [n for n in kept if n.endswith(".rels")]:
        _prune_relationships(kept, name)
    for name, data in kept.items():   # every XML part that leaves is checked, parsed or not before
        if (name.lower().endswith(_XML_SUFFIXES) or types[name].endswith("+xml")) and has_doctype(data):
            where = f"{source}: {name}" if source else name
            raise UnreadableFileError(_DOCTYPE_MESSAGE.format(name=where))
    kept["[Content_Types].xml"] = _content_types_xml({n: types[n] for n in kept})
    return kept, sorted(dropped)


def _content_types(parts: Mapping[str, bytes]) -> dict[str, str]:
    """Part name → content type, from the package's `[Content_Types].xml`."""
    root = parse_xml(parts["[Content_Types].xml"], "[Content_Types].xml")
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or ""
                for d in root.findall(f"{{{NS['ct']}}}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/"): o.get("ContentType") or ""
                 for o in root.findall(f"{{{NS['ct']}}}Override")}
    out = {}
    for name in parts:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        out[name] = overrides.get(name, defaults.get(ext, ""))
    return out


def _main_part(parts: Mapping[str, bytes]) -> str:
    rels = parts.get("_rels/.rels")
    if rels is not None:
        for rel in parse_xml(rels, "_rels/.rels"):
            if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
                return (rel.get("Target") or "").lstrip("/")
    return "word/document.xml"


def _prune_relationships(parts: dict[str, bytes], rels_name: str) -> None:
    """Remove relationships to parts not kept (and dangerous ones); drop what referred to them."""
    folder, base = rels_name.rsplit("/_rels/", 1) if "/_rels/" in rels_name else ("", rels_name[len("_rels/"):])
    source = f"{folder}/{base[:-len('.rels')]}" if folder else base[:-len(".rels")]
    if source and source not in parts:
        del parts[rels_name]
        return
    root = parse_xml(parts[rels_name], rels_name)
    removed = set()
    for rel in list(root):
        rtype, target = rel.get("Type") or "", rel.get("Target") or ""
        external = rel.get("TargetMode") == "External"
        path = target.lstrip("/") if target.startswith("/") else \
            os.path.normpath(f"{folder}/{target}" if folder else target).replace(os.sep, "/")
        if rtype.endswith(_DROPPED_REL_TYPES) or (not external and path not in parts):
            removed.add(rel.get("Id"))
            root.remove(rel)
    if not removed:
        return
    parts[rels_name] = serialize_xml(root)
    if source.endswith(".xml") and source in parts:
        parts[source] = _drop_references(parts[source], removed, source)


def _drop_references(data: bytes, ids: set[str | None], name: str) -> bytes:
    """Remove the elements of a part that refer (by `r:` attribute) to a removed relationship."""
    root = parse_xml(data, name, bounded=False)
    r_ns = f"{{{NS['r']}}}"
    doomed = [el for el in root.iter() if isinstance(el.tag, str)
              and any(k.startswith(r_ns) and v in ids for k, v in el.attrib.items())]
    if not doomed:
        return data
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return serialize_xml(root)


def _content_types_xml(types: Mapping[str, str]) -> bytes:
    """A `[Content_Types].xml` for exactly these parts: defaults by extension, overrides for the rest."""
    ct = NS["ct"]
    root = etree.Element(f"{{{ct}}}Types", nsmap={None: ct})
    defaults = {"rels": RELS_TYPE, "xml": "application/xml"}
    for name in sorted(types):
        ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        if ext and ext not in defaults and not types[name].endswith("+xml"):
            defaults[ext] = types[name]
    for ext in sorted(defaults):
        etree.SubElement(root, f"{{{ct}}}Default", {"Extension": ext, "ContentType": defaults[ext]})
    for name in sorted(types):
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        if defaults.get(ext) != types[name]:
            etree.SubElement(root, f"{{{ct}}}Override", {"PartName": "/" + name, "ContentType": types[name]})
    return serialize_xml(root)
