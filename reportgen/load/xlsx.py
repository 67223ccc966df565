"""A filled-in Excel form (made by `reportgen forms`) read back into submission data.

The result is a `SourceDoc` whose `data` has the shape of a YAML submission and whose
`places` map every data path to its cell (`("figures", 3, "value")` → `Chỉ tiêu!G7`), so
that problems found later by model validation also name the sheet and cell.

What people type is accepted: `95,2`, `95.2`, `95,2%`, `13.787`, `13 787`, numbers stored
as text, formulas with a cached value, text typed in a legacy font (TCVN3 `.VnTime`, VNI)
which is converted with a warning. The form is identified by its hidden `_meta` sheet: a
form for another plan, year or body, or with rows added, deleted or moved in the locked
columns, is rejected with the reason. Hostile files are capped in size and rows.

Forms never carry `sample` (bundled demo data is YAML): a form read back is a real report.
Tasks and figures come back in the form's order, which is the plan's order.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import Problem, UnreadableFileError
from ..forms import layout as L
from ..forms.meta import FormMeta, MetaError, parse_meta
from ..model import Plan, Registry
from ..model.routing import indicators_of_body, reference_day, successors_text, tasks_of_body
from ..model.submission import TASK_STATUSES, Submission
from ..vn import (
    fix_legacy_text,
    format_number,
    normalized_key,
    parse_date,
    parse_number_with_flags,
    short_date,
)
from ..vn.numbers import to_decimal
from .source import SourceDoc
from .validation import validate

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024      # declared size; zipfile never inflates past it
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5_000                        # rows read per sheet; a form has a few hundred at most
_LEGACY = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}
_BAD = object()                         # a cell whose problem has already been reported


def read_submission_xlsx(path: str | Path, display: str, plan: Plan | None,
                         registry: Registry | None) -> tuple[SourceDoc, list[Problem]]:
    """Read one filled form; problems name `display`, the sheet and the cell.

    Raises UnreadableFileError (exit 2) for a file that is not a readable .xlsx at all.
    """
    path = Path(path)
    _check_package(path, display)
    values, formulas = _open(path, display)
    doc = SourceDoc(display, None)
    if plan is None or registry is None:
        return doc, [Problem("không đọc được biểu mẫu vì kế hoạch hoặc danh mục cơ quan đang có lỗi", file=display)]
    reader = _FormReader(doc, values, formulas, plan, registry)
    return doc, reader.read(path)


# --- opening ---------------------------------------------------------------------------


def _check_package(path: Path, display: str) -> None:
    """Refuse what is not a sane .xlsx before openpyxl inflates anything."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(f"{display}: không đọc được tệp ({exc.strerror}).") from None
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


def _open(path: Path, display: str) -> tuple[Any, dict[str, set[str]]]:
    """The workbook with cached values, and the cells that hold a formula, per sheet."""
    import openpyxl

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = _formula_cells(path, (L.SHEET_INFO, L.SHEET_TASKS, L.SHEET_FIGURES))
    except UnreadableFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files; all mean "unreadable"
        raise UnreadableFileError(
            f"{display}: không đọc được tệp Excel ({type(exc).__name__}); "
            "hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.") from None
    return values, formulas


def _formula_cells(path: Path, sheets: tuple[str, ...]) -> dict[str, set[str]]:
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


# --- the form --------------------------------------------------------------------------


class _FormReader:
    """Reads one workbook into `doc.data` and `doc.places`, collecting every problem."""

    def __init__(self, doc: SourceDoc, wb: Any, formulas: dict[str, set[str]], plan: Plan, registry: Registry):
        self.doc, self.wb, self.formulas = doc, wb, formulas
        self.plan, self.registry = plan, registry
        self.problems: list[Problem] = []

    def read(self, path: Path) -> list[Problem]:
        meta = self._meta()
        if meta is None or not self._identity(meta, path) or not self._structure(meta):
            return self.problems
        self._routing_changes(meta)
        data: dict[str, Any] = {"agency": meta.agency, "year": meta.year}
        self.doc.places[("agency",)] = f"{L.SHEET_INFO}!A{L.SUBTITLE_ROW}"
        self.doc.places[("year",)] = f"{L.SHEET_INFO}!A{L.TITLE_ROW}"
        data["report"] = self._report()
        data["tasks"] = self._tasks(meta)
        data["figures"] = self._figures(meta)
        for key, _ in L.INFO_LISTS:
            data[key] = self._list(key)
        self.doc.data = data
        if self._errors():
            self._model_problems()
        return self.problems

    # --- problems

    def _add(self, message: str, place: str | None = None, severity: str = "error") -> None:
        self.problems.append(Problem(message, file=self.doc.file, place=place, severity=severity))  # type: ignore[arg-type]

    def _error_places(self) -> set[str | None]:
        return {p.place for p in self._errors()}

    def _errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def _model_problems(self) -> None:
        """With reader errors the project drops the file, so report the model's errors now, in one run."""
        seen = self._error_places()
        _, problems = validate(Submission, self.doc)
        self.problems.extend(p for p in problems if p.place not in seen)

    # --- identification

    def _meta(self) -> FormMeta | None:
        if L.SHEET_META not in self.wb.sheetnames:
            self._add("không phải biểu mẫu do reportgen tạo (không có trang ẩn «_meta»); "
                      "hãy điền vào biểu mẫu đã được gửi (tạo bằng lệnh «reportgen forms»)")
            return None
        ws = self.wb[L.SHEET_META]
        if ws.max_row > MAX_ROWS * 2 + 10:
            self._add("trang ẩn «_meta» quá lớn, không phải biểu mẫu do reportgen tạo")
            return None
        rows = [[c.value for c in row] for row in ws.iter_rows(max_col=8)]
        try:
            return parse_meta(rows)
        except MetaError as exc:
            self._add(str(exc))
            return None

    def _identity(self, meta: FormMeta, path: Path) -> bool:
        before = len(self.problems)
        if meta.plan != self.plan.code:
            self._add(f"biểu mẫu của kế hoạch «{meta.plan}», không phải kế hoạch đang dùng «{self.plan.code}»")
        if meta.agency not in self.registry:
            self._add(f"biểu mẫu của cơ quan mã «{meta.agency}», không có trong danh mục cơ quan")
            return False
        name = self.registry[meta.agency].display_name
        folder = path.parent.name
        if folder.isdigit() and len(folder) == 4 and int(folder) != meta.year:
            self._add(f"đây là biểu mẫu năm {meta.year} của {name}, không dùng cho báo cáo năm {folder} "
                      f"(tệp nằm trong thư mục {folder}/)")
        m = re.match(r"(?P<code>.+?)-(?P<year>\d{4})(?!\d)", path.stem)
        if m and m["code"] in self.registry and (m["code"] != meta.agency or int(m["year"]) != meta.year):
            other = self.registry[m["code"]].display_name
            self._add(f"tệp mang tên của {other} năm {m['year']} nhưng là biểu mẫu của {name} ({meta.agency}) "
                      f"năm {meta.year}; hãy kiểm tra lại tệp được gửi")
        led, supported = tasks_of_body(self.plan, self.registry, meta.agency, meta.year)
        if not led and not supported and not indicators_of_body(self.plan, self.registry, meta.agency, meta.year):
            day = reference_day(self.plan, meta.year)
            why = "" if self.registry[meta.agency].exists_on(day) else (
                f" (cơ quan không còn hoạt động vào kỳ báo cáo; đơn vị kế nhiệm: "
                f"{successors_text(self.registry, meta.agency, day)})")
            self._add(f"năm {meta.year}, {name} không được giao nhiệm vụ hay chỉ tiêu nào theo kế hoạch{why}; "
                      "biểu mẫu này không dùng được")
        return len(self.problems) == before

    def _routing_changes(self, meta: FormMeta) -> None:
        """Warn when the plan now gives the body rows its form does not have (the plan changed)."""
        led, supported = tasks_of_body(self.plan, self.registry, meta.agency, meta.year)
        missing = [t.code for t in led + supported if t.code not in meta.task_codes]
        missing_ind = [c for c in indicators_of_body(self.plan, self.registry, meta.agency, meta.year)
                       if c not in meta.indicator_codes]
        if missing or missing_ind:
            what = ", ".join(filter(None, [
                f"nhiệm vụ {', '.join(missing)}" if missing else "",
                f"chỉ tiêu {', '.join(missing_ind)}" if missing_ind else ""]))
            self._add(f"kế hoạch hiện giao thêm {what} mà biểu mẫu không có (biểu mẫu tạo trước khi kế hoạch "
                      "thay đổi?); hãy tạo lại biểu mẫu và gửi bổ sung", severity="warning")

    # --- structure

    def _structure(self, meta: FormMeta) -> bool:
        missing = [s for s in (L.SHEET_INFO, L.SHEET_TASKS, L.SHEET_FIGURES) if s not in self.wb.sheetnames]
        for s in missing:
            self._add(f"thiếu trang «{s}» (đã bị xóa hoặc đổi tên); hãy dùng lại biểu mẫu gốc")
        if missing:
            return False
        ok = self._info_labels()
        task_cols = L.task_columns(meta.metrics)
        fig_cols = L.figure_columns(meta.year, self.plan.target_year)
        ok = self._headings(L.SHEET_TASKS, task_cols) and ok
        ok = self._headings(L.SHEET_FIGURES, fig_cols) and ok
        if not ok:
            return False
        ok = self._rows(L.SHEET_TASKS, task_cols, meta.tasks, "nhiệm vụ") and ok
        ok = self._rows(L.SHEET_FIGURES, fig_cols, meta.indicators, "chỉ tiêu") and ok
        if ok:
            self._locked_cells(L.SHEET_TASKS, task_cols, meta.tasks, ("stt", "code", "content", "role"))
            self._locked_cells(L.SHEET_FIGURES, fig_cols, meta.indicators,
                               ("stt", "code", "name", "unit", "target", "previous"))
        return ok

    def _info_labels(self) -> bool:
        ws = self.wb[L.SHEET_INFO]
        expected = {f"A{r}": f.label for f, r in zip(L.INFO_FIELDS, L.info_rows().values(), strict=True)}
        for key, title in L.INFO_LISTS:
            expected[f"A{L.list_rows()[key][0]}"] = f"{title} (mỗi ý một dòng)"
        ok = True
        for coord, label in expected.items():
            if _plain_text(ws[coord].value) != label:
                self._add(f"nhãn «{label}» không còn ở ô này: dòng đã bị thêm, xóa hoặc sửa; hãy dùng lại biểu mẫu gốc",
                          f"{L.SHEET_INFO}!{coord}")
                ok = False
        return ok

    def _headings(self, sheet: str, cols: tuple[L.Column, ...]) -> bool:
        ws = self.wb[sheet]
        ok = True
        for i, col in enumerate(cols, start=1):
            if _plain_text(ws.cell(L.HEADER_ROW, i).value) != col.heading:
                self._add(f"tiêu đề cột phải là «{col.heading}»: cột đã bị thêm, xóa hoặc sửa; hãy dùng lại biểu mẫu gốc",
                          f"{sheet}!{ws.cell(L.HEADER_ROW, i).coordinate}")
                ok = False
                break
        extra = ws.cell(L.HEADER_ROW, len(cols) + 1)
        if ok and extra.value not in (None, ""):
            self._add("có cột được thêm vào sau cột cuối của biểu mẫu", f"{sheet}!{extra.coordinate}")
            ok = False
        return ok

    def _rows(self, sheet: str, cols: tuple[L.Column, ...], expected: list[list[str]], what: str) -> bool:
        """Rows must be exactly the form's rows, in order: nothing added, deleted or moved."""
        ws = self.wb[sheet]
        code_col = L.letter(cols, "code")
        found: list[tuple[int, str]] = []
        last = min(ws.max_row, L.FIRST_ROW + len(expected) + MAX_ROWS)   # rows far below are not the form's
        for row in ws.iter_rows(min_row=L.FIRST_ROW, max_row=max(last, L.FIRST_ROW), max_col=len(cols) + 2):
            if any(c.value not in (None, "") for c in row):
                found.append((row[0].row, _plain_text(ws[f"{code_col}{row[0].row}"].value)))
        want = [row[1] for row in expected]
        positions = [(L.FIRST_ROW + i, code) for i, code in enumerate(want)]
        if found == positions:
            return True
        seen: set[str] = set()
        for r, code in found:
            if not code:
                self._add("có dữ liệu ở dòng không thuộc biểu mẫu (dòng thêm vào?); không được thêm dòng",
                          f"{sheet}!A{r}")
            elif code not in want or code in seen:
                self._add(f"dòng thêm vào có mã «{code}» không có trong biểu mẫu gốc; không được thêm dòng",
                          f"{sheet}!{code_col}{r}")
            seen.add(code)
        for i, code in enumerate(want):
            if code not in seen:
                self._add(f"dòng của {what} {code} đã bị xóa khỏi biểu mẫu; không được xóa dòng",
                          f"{sheet}!{code_col}{L.FIRST_ROW + i}")
        if not self._errors_at(sheet):
            filled = [p for p in found if p[1]]
            for (r, code), (want_r, want_code) in zip(filled, positions, strict=False):
                if (r, code) != (want_r, want_code):
                    self._add(f"các dòng đã bị chèn, xóa hoặc đổi chỗ: ô này phải là mã «{want_code}»",
                              f"{sheet}!{code_col}{want_r}")
                    break
        return False

    def _errors_at(self, sheet: str) -> bool:
        return any(p.place and p.place.split("!")[0] == sheet for p in self._errors())

    def _locked_cells(self, sheet: str, cols: tuple[L.Column, ...], expected: list[list[str]],
                      keys: tuple[str, ...]) -> None:
        """Locked cells must still say what the form said (the sheet may have been unprotected)."""
        ws = self.wb[sheet]
        for i, meta_row in enumerate(expected):
            r = L.FIRST_ROW + i
            for key, want in zip(keys, meta_row, strict=True):
                if key == "previous" and want == "":
                    continue   # an input cell (or empty for a qualitative target)
                coord = f"{L.letter(cols, key)}{r}"
                if not _same(ws[coord].value, want):
                    shown = want if len(want) <= 80 else want[:79] + "…"
                    self._add(f"ô bị khóa đã bị sửa; nội dung phải giữ như biểu mẫu gốc: «{shown}»", f"{sheet}!{coord}")

    # --- Thông tin chung

    def _report(self) -> dict[str, Any]:
        rows = L.info_rows()
        s = L.SHEET_INFO
        place = {k: f"{s}!B{r}" for k, r in rows.items()}
        report: dict[str, Any] = {}
        number = self._int(s, f"B{rows['number']}")
        if number is not None and number is not _BAD:
            report["number"] = number
        for key in ("date", "received"):
            d = self._date(s, f"B{rows[key]}")
            if d is not None and d is not _BAD:
                report[key] = d
        signer = {}
        for key in ("authority", "title", "name"):
            text = self._text(s, f"B{rows[key]}")
            if isinstance(text, str):
                signer[key] = text
            self.doc.places[("report", "signer", key)] = place[key]
        if signer:
            report["signer"] = signer
        for key, present in (("date", "date" in report), ("title", "title" in signer), ("name", "name" in signer)):
            if not present and place[key] not in self._error_places():
                label = next(f.label for f in L.INFO_FIELDS if f.key == key)
                self._add(f"chưa ghi «{label}»", place[key])
        title = self._text(s, f"B{rows['report_title']}")
        if isinstance(title, str):
            report["title"] = title
        self.doc.places.update({
            ("report",): place["date"], ("report", "number"): place["number"], ("report", "date"): place["date"],
            ("report", "received"): place["received"], ("report", "signer"): place["title"],
            ("report", "title"): place["report_title"]})
        return report

    def _list(self, key: str) -> list[str]:
        _, first = L.list_rows()[key]
        items: list[str] = []
        self.doc.places[(key,)] = f"{L.SHEET_INFO}!B{first}"
        for r in range(first, first + L.LIST_ROWS):
            text = self._text(L.SHEET_INFO, f"B{r}")
            if isinstance(text, str):
                self.doc.places[(key, len(items))] = f"{L.SHEET_INFO}!B{r}"
                items.append(text)
        return items

    # --- Nhiệm vụ

    def _tasks(self, meta: FormMeta) -> list[dict[str, Any]]:
        s, cols = L.SHEET_TASKS, L.task_columns(meta.metrics)
        col = {c.key: c.letter(cols) for c in cols}
        out: list[dict[str, Any]] = []
        unreported: list[tuple[str, str]] = []
        self.doc.places[("tasks",)] = f"{s}!{col['status']}{L.FIRST_ROW}"
        for i, code in enumerate(meta.task_codes):
            r = L.FIRST_ROW + i
            cell = {k: f"{col[k]}{r}" for k in col}
            if self.plan.task(code) is None:
                self._add(f"mã nhiệm vụ «{code}» không còn trong kế hoạch (kế hoạch đã thay đổi sau khi tạo biểu mẫu?)",
                          f"{s}!{cell['code']}")
                continue
            status = self._status(s, cell["status"])
            results = self._lines(s, cell["results"])
            documents = self._documents(s, cell["documents"])
            metrics = self._metrics(s, cell, code, meta)
            if status is None and not results and not documents and not metrics:
                unreported.append((code, cell["status"]))
                continue
            if status is None:
                self._add(f"chưa chọn tình trạng thực hiện của nhiệm vụ {code} (đã ghi kết quả, số liệu hoặc văn bản)",
                          f"{s}!{cell['status']}")
                continue
            if status is _BAD or documents is _BAD or metrics is _BAD:
                continue
            n = len(out)
            item: dict[str, Any] = {"task": code, "status": status, "results": [t for t, _ in results],
                                    "documents": [d for d, _ in documents]}
            if metrics:
                item["metrics"] = metrics
                for key in metrics:
                    self.doc.places[("tasks", n, "metrics", key)] = f"{s}!{cell[L.METRIC_PREFIX + key]}"
            places = self.doc.places
            places[("tasks", n)] = f"{s}!{cell['code']}"
            places[("tasks", n, "task")] = f"{s}!{cell['code']}"
            places[("tasks", n, "status")] = f"{s}!{cell['status']}"
            places[("tasks", n, "results")] = f"{s}!{cell['results']}"
            places[("tasks", n, "documents")] = f"{s}!{cell['documents']}"
            for k, (_, line) in enumerate(results):
                places[("tasks", n, "results", k)] = f"{s}!{cell['results']} (dòng {line})"
            for k, (_, line) in enumerate(documents):
                places[("tasks", n, "documents", k)] = f"{s}!{cell['documents']} (dòng {line})"
            out.append(item)
        if unreported:
            self._add(f"{len(unreported)} nhiệm vụ chưa được báo cáo (chưa chọn tình trạng): "
                      f"{', '.join(c for c, _ in unreported)}",
                      f"{s}!{', '.join(p for _, p in unreported)}", severity="warning")
        return out

    def _metrics(self, sheet: str, cell: dict[str, str], code: str, meta: FormMeta) -> Any:
        """The task row's metric figures `{key: Decimal}`; a figure in a column the task does not use is an error."""
        out: dict[str, Any] = {}
        bad = False
        for m in meta.metrics:
            coord = cell[L.METRIC_PREFIX + m.key]
            name = m.heading.rsplit(" (", 1)[0]
            if code not in m.tasks:
                if self._raw(sheet, coord) not in (None, _BAD):
                    self._add(f"số liệu «{name}» không thuộc nhiệm vụ {code}; để trống ô này", f"{sheet}!{coord}")
                    bad = True
                continue
            value = self._number(sheet, coord, code, "", False, what=f"số liệu «{name}» của nhiệm vụ {code}")
            if value is _BAD:
                bad = True
            elif value is not None:
                out[m.key] = value
        return _BAD if bad else out

    def _status(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        for status in TASK_STATUSES:
            if key == normalized_key(status):
                return status
        self._add(f"tình trạng «{text}» không hợp lệ; chọn một trong: {', '.join(TASK_STATUSES)}", f"{sheet}!{coord}")
        return _BAD

    def _lines(self, sheet: str, coord: str) -> list[tuple[str, int]]:
        """Non-empty lines of a cell (a leading bullet mark dropped), with their line numbers."""
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return []
        out = []
        for n, line in enumerate(text.split("\n"), start=1):
            line = _BULLET.sub("", line).strip()
            if line:
                out.append((line, n))
        return out

    def _documents(self, sheet: str, coord: str) -> Any:
        out: list[tuple[dict[str, Any], int]] = []
        bad = False
        for line, n in self._lines(sheet, coord):
            where = f"{sheet}!{coord} (dòng {n})"
            parts = [p.strip() for p in line.split(";", 2)]
            if len(parts) < 3 or not all(parts):
                self._add(f"văn bản «{_short(line)}» phải ghi theo dạng «số, ký hiệu; ngày; trích yếu», "
                          "ví dụ: 125/KH-SYT; 15/3/2024; Kế hoạch thực hiện năm 2024", where)
                bad = True
                continue
            try:
                day = parse_date(parts[1])
            except ValueError as exc:
                self._add(f"ngày ban hành văn bản {parts[0]}: {_lower_first(str(exc))}", where)
                bad = True
                continue
            out.append(({"number": parts[0], "date": day, "title": parts[2]}, n))
        return _BAD if bad else out

    # --- Chỉ tiêu

    def _figures(self, meta: FormMeta) -> list[dict[str, Any]]:
        s = L.SHEET_FIGURES
        cols = L.figure_columns(meta.year, self.plan.target_year)
        col = {c.key: c.letter(cols) for c in cols}
        out: list[dict[str, Any]] = []
        empty: list[tuple[str, str]] = []
        last = L.FIRST_ROW + max(len(meta.indicators) - 1, 0)
        self.doc.places[("figures",)] = f"{s}!{col['estimate']}{L.FIRST_ROW}:{col['estimate']}{last}"
        for i, code in enumerate(meta.indicator_codes):
            r = L.FIRST_ROW + i
            cell = {k: f"{col[k]}{r}" for k in col}
            ind = self.plan.indicator(code)
            if ind is None:
                self._add(f"mã chỉ tiêu «{code}» không còn trong kế hoạch (kế hoạch đã thay đổi sau khi tạo biểu mẫu?)",
                          f"{s}!{cell['code']}")
                continue
            note = self._text(s, cell["note"])
            estimate = self._estimate(s, cell["estimate"])
            fig: dict[str, Any] = {"indicator": code}
            if ind.is_qualitative:
                achieved = self._achieved(s, cell["value"])
                value: Any = None
                if isinstance(achieved, bool):
                    fig["achieved"] = achieved
                filled = achieved is not None
            else:
                value = self._number(s, cell["value"], code, ind.unit, ind.is_percent)
                filled = value is not None
                previous = meta.locked_previous(i)
                if previous is None:
                    previous = self._number(s, cell["previous"], code, ind.unit, ind.is_percent)
                if value is not _BAD:
                    fig["value"] = value
                if previous is not _BAD and previous is not None:
                    fig["previous"] = previous
            if isinstance(note, str):
                fig["note"] = note
            filled = filled or note is not None or estimate is not None
            if not filled:
                empty.append((code, cell["value"]))
                continue
            fig["estimate"] = estimate is True
            n = len(out)
            places = self.doc.places
            places[("figures", n)] = f"{s}!{cell['value']}"
            for key, c in (("indicator", "code"), ("value", "value"), ("achieved", "value"),
                           ("previous", "previous"), ("estimate", "estimate"), ("note", "note")):
                places[("figures", n, key)] = f"{s}!{cell[c]}"
            out.append(fig)
        if empty:
            self._add(f"{len(empty)} chỉ tiêu chưa có số liệu hoặc ghi chú: {', '.join(c for c, _ in empty)}",
                      f"{s}!{', '.join(p for _, p in empty)}", severity="warning")
        return out

    def _estimate(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        if key.startswith("ước"):
            return True
        if key == normalized_key(L.FINAL):
            return False
        self._add(f"«{text}» không hợp lệ; chọn «{L.ESTIMATE}» hoặc «{L.FINAL}»", f"{sheet}!{coord}")
        return _BAD

    def _achieved(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        if key == normalized_key(L.ACHIEVED):
            return True
        if key in (normalized_key(L.NOT_ACHIEVED), "không đạt"):
            return False
        self._add(f"chỉ tiêu định tính: «{text}» không hợp lệ; chọn «{L.ACHIEVED}» hoặc «{L.NOT_ACHIEVED}»",
                  f"{sheet}!{coord}")
        return _BAD

    def _number(self, sheet: str, coord: str, code: str, unit: str, is_percent: bool, *, what: str = "") -> Any:
        """A figure as a Decimal (None when empty); every way it can be wrong is reported at the cell.

        `what` names the figure in messages (default: `chỉ tiêu <code>`).
        """
        what = what or f"chỉ tiêu {code}"
        where = f"{sheet}!{coord}"
        raw = self._raw(sheet, coord)
        if raw is None or raw is _BAD:
            return raw
        percent = False
        if isinstance(raw, bool):
            self._add(f"«{raw}» không phải là một số", where)
            return _BAD
        if isinstance(raw, datetime | date | time):
            self._add(f"ô đang chứa ngày tháng ({_date_text(raw)}), không phải số; hãy định dạng ô là số "
                      "(Number/General) rồi ghi lại con số", where)
            return _BAD
        if isinstance(raw, int | float | Decimal):
            value = to_decimal(raw)
            if "%" in (self.wb[sheet][coord].number_format or ""):
                value, percent = value * 100, True   # Excel stores 95,2% as 0.952
        else:
            text = self._text(sheet, coord)
            if not isinstance(text, str):
                return text
            try:
                value, percent = parse_number_with_flags(text)
            except ValueError as exc:
                if _NOT_NUMBER.search(text) or not re.search(r"\d", text):
                    self._add(f"«{_short(text)}» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
                              "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú", where)
                else:
                    self._add(_lower_first(str(exc)), where)
                return _BAD
        if percent and not is_percent:
            unit_text = f" tính bằng «{unit}»" if unit else ""
            self._add(f"{what}{unit_text}, không phải tỷ lệ %: bỏ dấu %", where)
            return _BAD
        if is_percent and not Decimal(0) <= value <= Decimal(100):
            self._add(f"tỷ lệ {format_number(value)}% của {what} nằm ngoài khoảng 0–100%", where)
            return _BAD
        if value < 0:
            self._add(f"giá trị âm ({format_number(value)}) không hợp lệ cho {what}", where)
            return _BAD
        return value

    # --- single cells

    def _raw(self, sheet: str, coord: str) -> Any:
        """The value a cell shows: a formula's cached value; `_BAD` when it has none or is an error."""
        cell = self.wb[sheet][coord]
        value = cell.value
        where = f"{sheet}!{coord}"
        if coord in self.formulas.get(sheet, ()) and value is None:
            self._add("ô có công thức nhưng chưa có giá trị tính sẵn; hãy mở tệp bằng Excel hoặc LibreOffice "
                      "rồi lưu lại, hoặc ghi thẳng giá trị", where)
            return _BAD
        if cell.data_type == "e":
            self._add(f"ô có lỗi công thức «{value}»; hãy sửa công thức hoặc ghi thẳng giá trị", where)
            return _BAD
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _text(self, sheet: str, coord: str) -> Any:
        """A cell as text (None when empty); legacy-encoded text converted with a warning."""
        raw = self._raw(sheet, coord)
        if raw is None or raw is _BAD:
            return raw
        if isinstance(raw, datetime | date | time):
            text = _date_text(raw)
        elif isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            text = str(to_decimal(raw))
        else:
            text = str(raw)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        font = self.wb[sheet][coord].font
        fixed, encoding = fix_legacy_text(text, font.name if font is not None else None)
        where = f"{sheet}!{coord}"
        if encoding in _LEGACY:
            self._add(f"văn bản gõ bằng bảng mã cũ {_LEGACY[encoding]} đã được chuyển sang Unicode: «{_short(fixed)}»",
                      where, severity="warning")
            text = fixed
        elif encoding == "unknown":
            self._add(f"văn bản có vẻ dùng bảng mã cũ nhưng không xác định được (TCVN3 hay VNI): «{_short(text)}»; "
                      "hãy gõ lại bằng Unicode", where)
            return _BAD
        return text or None

    def _int(self, sheet: str, coord: str) -> Any:
        raw = self._raw(sheet, coord)
        if raw is None or raw is _BAD:
            return raw
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        m = re.fullmatch(r"(?:số\s*:?\s*)?0*(\d{1,6})(?:\s*/.*)?", text, re.IGNORECASE | re.DOTALL)
        if m:
            return int(m[1])
        self._add(f"số báo cáo «{_short(text)}» không hợp lệ: chỉ ghi số, ví dụ 125", f"{sheet}!{coord}")
        return _BAD

    def _date(self, sheet: str, coord: str) -> Any:
        raw = self._raw(sheet, coord)
        if raw is None or raw is _BAD:
            return raw
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 36_526 <= raw <= 73_050:
            from openpyxl.utils.datetime import from_excel

            return from_excel(raw).date()   # a date serial in a cell that lost its date format
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        try:
            return parse_date(text)
        except ValueError as exc:
            self._add(_lower_first(str(exc)), f"{sheet}!{coord}")
            return _BAD


# --- helpers ---------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-–•+*]\s+")
_NOT_NUMBER = re.compile(r"[^\d\s.,%+\-\u2212\u2013\u00a0\u202f\u2009]")


def _plain_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(to_decimal(value))
    return str(value).replace("\r\n", "\n")


def _same(value: Any, want: str) -> bool:
    """A locked cell still holds what `_meta` recorded (numbers compared as numbers)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return to_decimal(value) == Decimal(want)
        except (InvalidOperation, ValueError):
            return False
    return _plain_text(value) == want


def _date_text(value: datetime | date | time) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return short_date(value) if isinstance(value, date) else value.isoformat()


def _short(text: str, n: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] if text else text


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
