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

Three modules, one job each: `xlsx_package` opens the file safely, `xlsx_cells` reads one
cell as a value, this one checks the form's identity and structure and maps its rows to
the submission's data.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Plan, Registry
from ..model import form_schema as L
from ..model.form_schema import FormMeta, MetaError, parse_meta
from ..model.routing import indicators_of_body, reference_day, successors_text, tasks_of_body
from ..model.submission import TASK_STATUSES, Submission
from ..vn import normalized_key, parse_date
from ..vn.numbers import to_decimal
from .source import SourceDoc
from .validation import validate
from .xlsx_cells import BAD, CellReader, lower_first, short_text
from .xlsx_package import MAX_ENTRIES, MAX_FILE_BYTES, check_package, open_workbook

MAX_ROWS = 5_000                        # rows read per sheet; a form has a few hundred at most


def read_submission_xlsx(path: str | Path, display: str, plan: Plan | None,
                         registry: Registry | None) -> tuple[SourceDoc, list[Problem]]:
    """Read one filled form; problems name `display`, the sheet and the cell.

    Raises UnreadableFileError (exit 2) for a file that is not a readable .xlsx at all.
    """
    path = Path(path)
    check_package(path, display)
    values, formulas = open_workbook(path, display)
    doc = SourceDoc(display, None)
    if plan is None or registry is None:
        return doc, [Problem("không đọc được biểu mẫu vì kế hoạch hoặc danh mục cơ quan đang có lỗi", file=display, code="xlsx.plan-invalid")]
    reader = _FormReader(doc, values, formulas, plan, registry)
    return doc, reader.read(path)


# --- the form --------------------------------------------------------------------------


class _FormReader(CellReader):
    """Reads one workbook into `doc.data` and `doc.places`, collecting every problem."""

    def __init__(self, doc: SourceDoc, wb: Any, formulas: dict[str, set[str]], plan: Plan, registry: Registry):
        super().__init__(doc, wb, formulas)
        self.plan, self.registry = plan, registry

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
                      "hãy điền vào biểu mẫu đã được gửi (tạo bằng lệnh «reportgen forms»)", code="xlsx.not-a-form")
            return None
        ws = self.wb[L.SHEET_META]
        if ws.max_row > MAX_ROWS * 2 + 10:
            self._add("trang ẩn «_meta» quá lớn, không phải biểu mẫu do reportgen tạo", code="xlsx.not-a-form")
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
            self._add(f"biểu mẫu của kế hoạch «{meta.plan}», không phải kế hoạch đang dùng «{self.plan.code}»", code="xlsx.other-plan")
        if meta.agency not in self.registry:
            self._add(f"biểu mẫu của cơ quan mã «{meta.agency}», không có trong danh mục cơ quan", code="xlsx.agency.unknown")
            return False
        name = self.registry[meta.agency].display_name
        folder = path.parent.name
        if folder.isdigit() and len(folder) == 4 and int(folder) != meta.year:
            self._add(f"đây là biểu mẫu năm {meta.year} của {name}, không dùng cho báo cáo năm {folder} "
                      f"(tệp nằm trong thư mục {folder}/)", code="xlsx.year-folder")
        m = re.match(r"(?P<code>.+?)-(?P<year>\d{4})(?!\d)", path.stem)
        if m and m["code"] in self.registry and (m["code"] != meta.agency or int(m["year"]) != meta.year):
            other = self.registry[m["code"]].display_name
            self._add(f"tệp mang tên của {other} năm {m['year']} nhưng là biểu mẫu của {name} ({meta.agency}) "
                      f"năm {meta.year}; hãy kiểm tra lại tệp được gửi", code="xlsx.file-name")
        led, supported = tasks_of_body(self.plan, self.registry, meta.agency, meta.year)
        if not led and not supported and not indicators_of_body(self.plan, self.registry, meta.agency, meta.year):
            day = reference_day(self.plan, meta.year)
            why = "" if self.registry[meta.agency].exists_on(day) else (
                f" (cơ quan không còn hoạt động vào kỳ báo cáo; đơn vị kế nhiệm: "
                f"{successors_text(self.registry, meta.agency, day)})")
            self._add(f"năm {meta.year}, {name} không được giao nhiệm vụ hay chỉ tiêu nào theo kế hoạch{why}; "
                      "biểu mẫu này không dùng được", code="xlsx.agency.not-assigned")
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
                      "thay đổi?); hãy tạo lại biểu mẫu và gửi bổ sung", severity="warning", code="xlsx.form-outdated")

    # --- structure

    def _structure(self, meta: FormMeta) -> bool:
        missing = [s for s in (L.SHEET_INFO, L.SHEET_TASKS, L.SHEET_FIGURES) if s not in self.wb.sheetnames]
        for s in missing:
            self._add(f"thiếu trang «{s}» (đã bị xóa hoặc đổi tên); hãy dùng lại biểu mẫu gốc", code="xlsx.structure")
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
                          f"{L.SHEET_INFO}!{coord}", code="xlsx.structure")
                ok = False
        return ok

    def _headings(self, sheet: str, cols: tuple[L.Column, ...]) -> bool:
        ws = self.wb[sheet]
        ok = True
        for i, col in enumerate(cols, start=1):
            if _plain_text(ws.cell(L.HEADER_ROW, i).value) != col.heading:
                self._add(f"tiêu đề cột phải là «{col.heading}»: cột đã bị thêm, xóa hoặc sửa; hãy dùng lại biểu mẫu gốc",
                          f"{sheet}!{ws.cell(L.HEADER_ROW, i).coordinate}", code="xlsx.structure")
                ok = False
                break
        extra = ws.cell(L.HEADER_ROW, len(cols) + 1)
        if ok and extra.value not in (None, ""):
            self._add("có cột được thêm vào sau cột cuối của biểu mẫu", f"{sheet}!{extra.coordinate}", code="xlsx.structure")
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
                          f"{sheet}!A{r}", code="xlsx.structure")
            elif code not in want or code in seen:
                self._add(f"dòng thêm vào có mã «{code}» không có trong biểu mẫu gốc; không được thêm dòng",
                          f"{sheet}!{code_col}{r}", code="xlsx.structure")
            seen.add(code)
        for i, code in enumerate(want):
            if code not in seen:
                self._add(f"dòng của {what} {code} đã bị xóa khỏi biểu mẫu; không được xóa dòng",
                          f"{sheet}!{code_col}{L.FIRST_ROW + i}", code="xlsx.structure")
        if not self._errors_at(sheet):
            filled = [p for p in found if p[1]]
            for (r, code), (want_r, want_code) in zip(filled, positions, strict=False):
                if (r, code) != (want_r, want_code):
                    self._add(f"các dòng đã bị chèn, xóa hoặc đổi chỗ: ô này phải là mã «{want_code}»",
                              f"{sheet}!{code_col}{want_r}", code="xlsx.structure")
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
                    self._add(f"ô bị khóa đã bị sửa; nội dung phải giữ như biểu mẫu gốc: «{shown}»", f"{sheet}!{coord}", code="xlsx.locked-cell")

    # --- Thông tin chung

    def _report(self) -> dict[str, Any]:
        rows = L.info_rows()
        s = L.SHEET_INFO
        place = {k: f"{s}!B{r}" for k, r in rows.items()}
        report: dict[str, Any] = {}
        number = self._int(s, f"B{rows['number']}")
        if number is not None and number is not BAD:
            report["number"] = number
        for key in ("date", "received"):
            d = self._date(s, f"B{rows[key]}")
            if d is not None and d is not BAD:
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
                self._add(f"chưa ghi «{label}»", place[key], code="xlsx.missing")
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
                          f"{s}!{cell['code']}", code="xlsx.task.unknown")
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
                          f"{s}!{cell['status']}", code="xlsx.task.status")
                continue
            if status is BAD or documents is BAD or metrics is BAD:
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
                      f"{s}!{', '.join(p for _, p in unreported)}", severity="warning", code="xlsx.task.unreported")
        return out

    def _metrics(self, sheet: str, cell: dict[str, str], code: str, meta: FormMeta) -> Any:
        """The task row's metric figures `{key: Decimal}`; a figure in a column the task does not use is an error."""
        out: dict[str, Any] = {}
        bad = False
        for m in meta.metrics:
            coord = cell[L.METRIC_PREFIX + m.key]
            name = m.heading.rsplit(" (", 1)[0]
            if code not in m.tasks:
                if self._raw(sheet, coord) not in (None, BAD):
                    self._add(f"số liệu «{name}» không thuộc nhiệm vụ {code}; để trống ô này", f"{sheet}!{coord}")
                    bad = True
                continue
            value = self._number(sheet, coord, code, "", False, what=f"số liệu «{name}» của nhiệm vụ {code}")
            if value is BAD:
                bad = True
            elif value is not None:
                out[m.key] = value
        return BAD if bad else out

    def _status(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        for status in TASK_STATUSES:
            if key == normalized_key(status):
                return status
        self._add(f"tình trạng «{text}» không hợp lệ; chọn một trong: {', '.join(TASK_STATUSES)}", f"{sheet}!{coord}", code="xlsx.task.status")
        return BAD

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
                self._add(f"văn bản «{short_text(line)}» phải ghi theo dạng «số, ký hiệu; ngày; trích yếu», "
                          "ví dụ: 125/KH-SYT; 15/3/2024; Kế hoạch thực hiện năm 2024", where, code="xlsx.task.document")
                bad = True
                continue
            try:
                day = parse_date(parts[1])
            except ValueError as exc:
                self._add(f"ngày ban hành văn bản {parts[0]}: {lower_first(str(exc))}", where, code="xlsx.task.document")
                bad = True
                continue
            out.append(({"number": parts[0], "date": day, "title": parts[2]}, n))
        return BAD if bad else out

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
                          f"{s}!{cell['code']}", code="xlsx.figure.unknown")
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
                if value is not BAD:
                    fig["value"] = value
                if previous is not BAD and previous is not None:
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
                      f"{s}!{', '.join(p for _, p in empty)}", severity="warning", code="xlsx.unreported")
        return out


# --- helpers ---------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-–•+*]\s+")


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


__all__ = ["MAX_ENTRIES", "MAX_FILE_BYTES", "MAX_ROWS", "read_submission_xlsx"]
