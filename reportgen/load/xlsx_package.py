"""Opening a submitted .xlsx safely: sizes and entity declarations refused before openpyxl
inflates anything, then the cached values and, by one fast pass, the cells holding formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError, os_reason
from ..model import form_schema as L

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024      # declared size; zipfile never inflates past it
MAX_TOTAL_BYTES = 200 * 1024 * 1024


def check_package(path: Path, display: str) -> None:
    """Refuse what is not a sane .xlsx before openpyxl inflates anything."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(f"{display}: không đọc được tệp ({os_reason(exc)}).") from None
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(f"{display}: tệp quá lớn ({size} byte), không phải biểu mẫu báo cáo.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise UnreadableFileError(f"{display}: tệp có quá nhiều phần ({len(infos)}), nghi là tệp độc hại.")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
                    raise UnreadableFileError(f"{display}: phần {info.filename} giải nén quá lớn, nghi là tệp độc hại.")
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as fh:
                        head = fh.read(65_536).lower()
                    if b"<!doctype" in head or b"<!entity" in head:
                        raise UnreadableFileError(
                            f"{display}: tệp chứa khai báo DOCTYPE/ENTITY, không được chấp nhận (có thể là tệp độc hại).")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise UnreadableFileError(
            f"{display}: không phải tệp Excel .xlsx hợp lệ (tệp hỏng, có mật khẩu hoặc là tệp .xls cũ); "
            "hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.") from None


def open_workbook(path: Path, display: str) -> tuple[Any, dict[str, set[str]]]:
    """The workbook with cached values, and the cells that hold a formula, per sheet."""
    import openpyxl

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = formula_cells(path, (L.SHEET_INFO, L.SHEET_TASKS, L.SHEET_FIGURES))
    except UnreadableFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files; all mean "unreadable"
        raise UnreadableFileError(
            f"{display}: không đọc được tệp Excel ({type(exc).__name__}); "
            "hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.") from None
    return values, formulas


def formula_cells(path: Path, sheets: tuple[str, ...]) -> dict[str, set[str]]:
    """Sheet name → coordinates of cells holding a formula (`<c r="E7"><f>…`), by one fast pass.

    openpyxl gives either formulas or cached values per load; this scan replaces a second
    load. (The package was checked for DOCTYPE and sizes before.)
    """
    from lxml import etree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    out: dict[str, set[str]] = {}
    with zipfile.ZipFile(path) as zf:
        book = etree.fromstring(zf.read("xl/workbook.xml"), _safe_parser())
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _safe_parser())
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        for sheet in book.iter(f"{main}sheet"):
            name = sheet.get("name")
            if name not in sheets:
                continue
            target = targets.get(sheet.get(f"{rel_ns}id"), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            found: set[str] = set()
            with zf.open(part) as fh:
                for _, cell in etree.iterparse(fh, events=("end",), tag=f"{main}c", resolve_entities=False,
                                               no_network=True, huge_tree=False):
                    if cell.find(f"{main}f") is not None and cell.get("r"):
                        found.add(cell.get("r"))
                    cell.clear()
            out[name] = found
    return out


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
