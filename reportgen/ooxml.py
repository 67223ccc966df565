"""The one place that knows OOXML packaging: namespaces, safe reading, deterministic writing.

`render/`, `check/` and `diff/` all read or write .docx parts; they share this module
instead of keeping three copies of namespace maps and zip handling.

Safety: a .docx is untrusted input. Zip entries are capped in number and in inflated
size (checked while inflating, not from the header alone), and XML is parsed with no
DTD, no entity resolution and no network, so an entity bomb or a zip bomb gives an
`UnreadableFileError` quickly and with bounded memory.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from .errors import UnreadableFileError

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

# Limits for untrusted packages. A 100-page report is well under 1 MB of XML.
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024

# Fixed timestamp for deterministic zips (the earliest a zip can hold).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def qn(tag: str) -> str:
    """`w:p` → `{http://...}p`: a prefixed name in Clark notation."""
    prefix, local = tag.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"


def wattr(el: etree._Element, name: str) -> str | None:
    """The value of the `w:`-namespaced attribute `name` of `el`, or None."""
    return el.get(f"{{{W}}}{name}")


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


def parse_xml(data: bytes, name: str = "XML") -> etree._Element:
    """Parse untrusted XML: a DOCTYPE (where entity bombs live) is refused outright."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data[:65536].lower():
        raise UnreadableFileError(f"{name}: tệp chứa khai báo DOCTYPE/ENTITY, không được chấp nhận (có thể là tệp độc hại).")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(f"{name}: XML hỏng, không đọc được ({exc.msg}).") from None


class DocxPackage:
    """The parts of a .docx held as bytes, read with size limits; parsed on demand."""

    def __init__(self, parts: dict[str, bytes], source: str):
        self.parts = parts
        self.source = source

    @classmethod
    def open(cls, path: str | os.PathLike | bytes) -> DocxPackage:
        """Read a .docx (a path or raw bytes) into memory, refusing what is not a sane package."""
        source = "<bytes>" if isinstance(path, bytes) else os.fspath(path)
        name = Path(source).name
        try:
            fileobj = io.BytesIO(path) if isinstance(path, bytes) else open(source, "rb")
        except OSError as exc:
            raise UnreadableFileError(f"{name}: không mở được tệp ({exc.strerror}).") from None
        with fileobj:
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
            if info.is_dir():
                continue
            if info.file_size > MAX_ENTRY_BYTES or total + info.file_size > MAX_TOTAL_BYTES:
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
                        if size > MAX_ENTRY_BYTES or total + size > MAX_TOTAL_BYTES:
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


# --- writing ---------------------------------------------------------------------------


def serialize_xml(root: etree._Element) -> bytes:
    """XML bytes the way Word writes them: declaration, UTF-8, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def deterministic_zip(parts: Mapping[str, bytes]) -> bytes:
    """A zip of `parts` with fixed timestamps and a fixed order ([Content_Types].xml first)."""
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            zf.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()


def normalize_zip(data: bytes) -> bytes:
    """Re-pack any .docx bytes deterministically (fixed dates and order)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    return deterministic_zip(parts)


def write_atomic(path: str | os.PathLike, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename; keep an existing file unless `force`."""
    from .errors import OutputExistsError

    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: tệp đã tồn tại; dùng --force để ghi đè.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
