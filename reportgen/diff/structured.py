"""Compare two submissions (YAML or JSON) by task and indicator, in the user's terms.

`III.4.5: trạng thái đang thực hiện → hoàn thành`, `Chỉ tiêu B07: 74,3 → 74,5`. Works on
plain dicts read with a safe loader, keyed by task code (`tasks[].task`) and indicator code
(`figures[].indicator`), so it does not depend on the submission model's validation: a
draft that does not validate yet can still be compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError

KIND_LABELS = {"insert": "Thêm", "delete": "Xóa", "change": "Sửa"}

_LIST_LABELS = {
    "difficulties": "Khó khăn, vướng mắc",
    "causes": "Nguyên nhân",
    "strengths": "Ưu điểm",
    "proposals": "Kiến nghị, đề xuất",
    "next_year": "Nhiệm vụ năm tới",
}
_FIELD_LABELS = {
    "agency": "Cơ quan",
    "year": "Năm",
    "status": "trạng thái",
    "results": "kết quả",
    "documents": "văn bản",
    "value": "",
    "previous": "năm trước",
    "estimate": "ước thực hiện",
    "achieved": "đạt",
    "note": "ghi chú",
}


@dataclass(frozen=True)
class StructuredChange:
    """One difference between two submissions, with its place (`III.4.5`, `Chỉ tiêu B07`)."""

    kind: str  # insert | delete | change
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message

    def to_json(self) -> dict:
        """The same core keys as a .docx change (`kind`, `label`, `place`, `text`), plus the message."""
        return {"kind": self.kind, "label": KIND_LABELS[self.kind], "place": self.place, "text": str(self),
                "message": self.message}


def load_plain(path: str | Path, root: str | Path = ".") -> dict:
    """Read a YAML, JSON or .xlsx submission as plain data, through the project's own readers.

    A filled Excel form is read against the plan and registry of the project at `root`
    (the form lists that plan's tasks and indicators); its errors stop the comparison.
    """
    from ..errors import ReportgenError
    from ..load.source import load_structured

    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        from ..files import require_regular_file
        from ..load import load_project
        from ..load.project import MAX_XLSX_BYTES, summarize_cells
        from ..load.xlsx import read_submission_xlsx

        require_regular_file(p, limit=MAX_XLSX_BYTES, name=p.name)
        project = load_project(root, year=0)
        doc, problems = read_submission_xlsx(p, p.name, project.plan, project.registry)
        problems = summarize_cells(problems)
        errors = [pr for pr in problems if pr.severity == "error"]
        if errors:   # an invalid form cannot be compared: exit 2, like an unreadable file
            raise UnreadableFileError(errors)
        return doc.data
    try:
        data = load_structured(p, p.name).data
    except UnreadableFileError:
        raise
    except ReportgenError as exc:   # the file's own problems, each with its line: exit 2
        raise UnreadableFileError(exc.problems) from None
    if not isinstance(data, dict):
        raise UnreadableFileError(f"{p.name}: tệp không chứa một báo cáo (cần một bảng khóa: giá trị ở cấp ngoài cùng).")
    return data


def compare_submissions(old: dict, new: dict) -> list[StructuredChange]:
    """Every difference between two submissions, tasks and figures first, then the lists."""
    out: list[StructuredChange] = []
    for key in ("agency", "year"):
        if _norm(old.get(key)) != _norm(new.get(key)):
            out.append(StructuredChange("change", _FIELD_LABELS[key], f"{_show(old.get(key))} → {_show(new.get(key))}"))
    out += _keyed(old.get("tasks"), new.get("tasks"), "task", lambda code: code, _task_changes, "nhiệm vụ")
    out += _keyed(old.get("figures"), new.get("figures"), "indicator", lambda code: f"Chỉ tiêu {code}",
                  _figure_changes, "chỉ tiêu")
    for key, label in _LIST_LABELS.items():
        out += _list_changes(label, old.get(key), new.get(key))
    known = {"agency", "year", "tasks", "figures", *_LIST_LABELS}
    for key in sorted(set(old) | set(new)):
        if key in known or _norm(old.get(key)) == _norm(new.get(key)):
            continue
        out.append(StructuredChange("change", str(key), f"{_show(old.get(key))} → {_show(new.get(key))}"))
    return out


def _keyed(old: Any, new: Any, key: str, place, detail, noun: str) -> list[StructuredChange]:
    a, b = _index(old, key), _index(new, key)
    out: list[StructuredChange] = []
    for code, item in b.items():
        if code not in a:
            out.append(StructuredChange("insert", place(code), f"thêm {noun}{_brief(item)}"))
        else:
            out += detail(place(code), a[code], item)
    for code, item in a.items():
        if code not in b:
            out.append(StructuredChange("delete", place(code), f"bỏ {noun}{_brief(item)}"))
    return out


def _task_changes(place: str, a: dict, b: dict) -> list[StructuredChange]:
    out = []
    if _norm(a.get("status")) != _norm(b.get("status")):
        out.append(StructuredChange("change", place, f"trạng thái {_show(a.get('status'))} → {_show(b.get('status'))}"))
    for field in ("results", "documents"):
        out += _list_changes(place, a.get(field), b.get(field), noun=_FIELD_LABELS[field])
    for field in sorted((set(a) | set(b)) - {"task", "status", "results", "documents"}):
        if _norm(a.get(field)) != _norm(b.get(field)):
            out.append(StructuredChange("change", place, f"{field}: {_show(a.get(field))} → {_show(b.get(field))}"))
    return out


def _figure_changes(place: str, a: dict, b: dict) -> list[StructuredChange]:
    out = []
    for field in ("value", "previous", "estimate", "achieved", "note"):
        if _norm(a.get(field)) != _norm(b.get(field)):
            label = _FIELD_LABELS[field]
            prefix = f"{label} " if label else ""
            out.append(StructuredChange("change", place, f"{prefix}{_show(a.get(field))} → {_show(b.get(field))}"))
    for field in sorted((set(a) | set(b)) - {"indicator", "value", "previous", "estimate", "achieved", "note"}):
        if _norm(a.get(field)) != _norm(b.get(field)):
            out.append(StructuredChange("change", place, f"{field}: {_show(a.get(field))} → {_show(b.get(field))}"))
    return out


def _list_changes(place: str, old: Any, new: Any, noun: str = "") -> list[StructuredChange]:
    a = [_show(x) for x in (old or [])] if isinstance(old or [], list) else [_show(old)]
    b = [_show(x) for x in (new or [])] if isinstance(new or [], list) else [_show(new)]
    prefix = f"{noun}: " if noun else ""
    out = []
    removed = [x for x in a if x not in b]
    added = [x for x in b if x not in a]
    for x in removed:
        out.append(StructuredChange("delete", place, f"{prefix}bỏ «{x}»"))
    for x in added:
        out.append(StructuredChange("insert", place, f"{prefix}thêm «{x}»"))
    return out


def _index(items: Any, key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for item in items or []:
        if isinstance(item, dict) and item.get(key) is not None:
            out[str(item[key]).strip()] = item
    return out


def _brief(item: dict) -> str:
    if "status" in item:
        return f" (trạng thái {_show(item.get('status'))})"
    if "value" in item:
        return f" (giá trị {_show(item.get('value'))})"
    return ""


def _norm(v: Any) -> Any:
    """Compare numbers as numbers (74.3 equals "74,3" equals 74.30), text on NFC."""
    number = _number(v)
    if number is not None:
        return number
    if isinstance(v, str):
        import unicodedata

        return unicodedata.normalize("NFC", v.strip())
    if isinstance(v, list):
        return [_norm(x) for x in v]
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    return v


def _number(v: Any) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float, Decimal)):
        return Decimal(str(v)).normalize()
    if isinstance(v, str):
        from ..vn import parse_number

        try:
            return parse_number(v.strip()).normalize()
        except (ValueError, InvalidOperation):
            return None
    return None


def _show(v: Any) -> str:
    """A value as the user wrote it, numbers in Vietnamese form (`74,3`, `13.787`)."""
    if v is None:
        return "(trống)"
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, (int, float, Decimal)):
        from ..vn import format_number

        return format_number(Decimal(str(v)))
    if isinstance(v, dict):
        return ", ".join(f"{_show(x)}" for x in v.values())
    if isinstance(v, list):
        return "; ".join(_show(x) for x in v)
    return str(v).strip()
