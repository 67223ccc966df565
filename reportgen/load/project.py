"""Load a whole project folder (plan, registry, submissions, overlays) and check it across files.

Every problem found is collected, never raised one at a time, so `reportgen validate`
can list them all in one run. Only a file that cannot be read at all stops a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import (
    Problem,
    ProjectMissingError,
    ReportgenError,
    UnreadableFileError,
    YearOutOfRangeError,
)
from ..files import shown_path
from ..model import Agency, Plan, Registry, Submission
from ..model.amendment import Amendment, overlaps, plan_as_of
from ..model.routing import (
    focal_body,
    partner_bodies,
    reference_day,
    responsible_bodies,
    rule_names_focal,
    successors_text,
)
from ..model.signer import Signer, signature_problems
from .buildable import check_abbrev, check_overlay_size, check_plan
from .legacy_text import fix_legacy_strings
from .plausibility import check_figure, check_issued_date, check_submission_dates
from .source import SourceDoc, load_structured, strip_bidi
from .validation import validate

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
LOCK_PREFIXES = ("~$", ".~lock", ".")   # Office lock files, LibreOffice lock files, hidden files

# Files a body may send that reportgen does not read, and what to do with each: an error
# for data that would otherwise be lost (a spreadsheet in another format), a warning for
# a document kept beside the data (the signed report as .pdf or .docx).
UNREAD_FILE_TYPES: dict[str, tuple[str, str]] = {
    ".xls": ("error", "bảng tính Excel 97–2003 (.xls): mở bằng Excel rồi Lưu thành (Save As) «Sổ làm việc Excel "
                      "(.xlsx)», xóa tệp .xls rồi chạy lại"),
    ".xlsm": ("error", "bảng tính có macro (.xlsm): mở bằng Excel rồi Lưu thành (Save As) .xlsx"),
    ".ods": ("error", "bảng tính LibreOffice (.ods): mở bằng LibreOffice Calc rồi Lưu thành (Save As) .xlsx"),
    ".csv": ("error", "tệp CSV không giữ được biểu mẫu: nhập số liệu vào biểu mẫu Excel (reportgen forms) "
                      "và lưu .xlsx"),
    ".docx": ("warning", "văn bản Word không được đọc: số liệu phải ở biểu mẫu Excel (.xlsx) hoặc tệp .yaml; "
                         "nếu đây là bản báo cáo kèm theo, hãy cất ở thư mục khác"),
    ".doc": ("warning", "văn bản Word không được đọc: số liệu phải ở biểu mẫu Excel (.xlsx) hoặc tệp .yaml; "
                        "nếu đây là bản báo cáo kèm theo, hãy cất ở thư mục khác"),
    ".pdf": ("warning", "tệp PDF không được đọc: số liệu phải ở biểu mẫu Excel (.xlsx) hoặc tệp .yaml; "
                        "nếu đây là bản báo cáo đã ký, hãy cất ở thư mục khác"),
}
UNREAD_OTHER = ("warning", "reportgen không đọc loại tệp này; thư mục báo cáo chỉ chứa biểu mẫu Excel (.xlsx) "
                           "hoặc tệp .yaml/.json")


def is_submission_candidate(path: Path) -> bool:
    """An entry of a submissions folder that is read or reported: anything but lock and hidden files,
    and folders (a `da-ky/` folder for signed copies) unless named like a submission (`X.yaml/`: refused)."""
    if path.name.startswith(LOCK_PREFIXES):
        return False
    return not path.is_dir() or path.suffix.lower() in SUBMISSION_SUFFIXES
MAX_XLSX_BYTES = 32 * 1024 * 1024
CELLS_LISTED = 3        # a problem repeated over many cells of a sheet: this many cells named, then a count


@dataclass
class LoadedSubmission:
    submission: Submission
    file: str
    doc: SourceDoc


@dataclass
class Project:
    """Everything under `inputs/`, validated, plus every problem found while loading it."""

    root: Path
    plan: Plan | None = None
    registry: Registry | None = None
    submissions: dict[int, list[LoadedSubmission]] = field(default_factory=dict)
    overlays: dict[str, list[Any]] = field(default_factory=dict)   # agency → its Overlay objects
    secretariat: dict[int, dict[str, Any]] = field(default_factory=dict)
    earlier: dict[int, list[Submission]] = field(default_factory=dict)   # valid reports of earlier years
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False        # some file could not be read at all (commands exit 2)
    base_plan: Plan | None = None   # the plan as first issued (`plan` is it as amended for the year loaded)
    amendments: list[tuple[str, Amendment]] = field(default_factory=list)   # (file, amendment), valid ones
    _plans: dict[int, Plan] = field(default_factory=dict, repr=False)        # plan_for's answers, per year

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    def years(self) -> list[int]:
        return sorted(self.submissions)

    def latest_year(self) -> int | None:
        years = [y for y, subs in self.submissions.items() if subs]
        return max(years) if years else None

    def plan_for(self, year: int) -> Plan | None:
        """The plan as amended on the reporting deadline of year Y (`model.amendment.plan_as_of`)."""
        if self.base_plan is None:
            return self.plan
        if year not in self._plans:   # one object per year: routing caches its answers per plan object
            from ..model.routing import reference_day

            day = reference_day(self.base_plan, year)
            self._plans[year] = plan_as_of(self.base_plan, [a for _, a in self.amendments], day)
        return self._plans[year]

    def overlay_for(self, code: str, year: int) -> Any:
        """The overlay body `code` wrote for year Y, else its undated one (used every year), else None."""
        found = self.overlays.get(code, [])
        return (next((o for o in found if o.for_year == year), None)
                or next((o for o in found if o.for_year is None), None))

    def submissions_for(self, year: int) -> list[Submission]:
        return [s.submission for s in self.submissions.get(year, [])]

    def require_year(self, year: int) -> None:
        """Refuse (exit 2) a year outside the plan's reporting period, naming the period."""
        if self.plan is None:
            return
        first, last = self.plan.reporting.first_year, self.plan.reporting.last_year
        if not first <= year <= last:
            raise YearOutOfRangeError(Problem(
                f"năm {year} nằm ngoài thời gian thực hiện của kế hoạch ({first}–{last}); "
                f"hãy chọn một năm từ {first} đến {last} (reporting.first_year, last_year trong inputs/plan.yaml)", code="usage.year.out-of-plan"))

    def submissions_up_to(self, year: int) -> dict[int, list[Submission]]:
        """The reports of Y and every earlier year loaded (`load_earlier_years` adds those a one-year load skips)."""
        out = {y: list(subs) for y, subs in self.earlier.items() if y < year}
        out.update({y: [ls.submission for ls in subs] for y, subs in self.submissions.items() if y <= year})
        return out

    def require_valid(self) -> None:
        """Raise with every error when the inputs are not valid (warnings pass)."""
        if self.errors or self.plan is None or self.registry is None:
            raise ReportgenError(self.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan", code="project.incomplete")])


def load_project(root: str | Path, *, year: int | None = None, paths: list[str | Path] | None = None,
                 submissions: bool = True) -> Project:
    """Read `root/inputs` (or only the given submission `paths`) and check everything.

    `submissions=False` reads the plan, the registry and the overlays only: what an agency's
    implementation plan needs, or a command that only names bodies, without the year's reports."""
    project = Project(Path(root))
    inputs = project.inputs
    if not inputs.is_dir():
        raise ProjectMissingError(Problem(
            f"không thấy thư mục inputs/ trong «{_display_root(project.root)}» hay thư mục cha nào của nó; "
            "hãy chuyển vào thư mục dự án (cd), hoặc tạo dự án mới: reportgen init <thư mục>",
            code="project.not-found"))
    project.plan, plan_doc = _load_model(project, inputs / "plan.yaml", Plan)
    project.base_plan = project.plan
    project.registry = _load_registry(project, inputs / "agencies.yaml")
    if project.plan and project.registry:
        _check_plan_refs(project, project.plan, project.registry)
        check_plan(plan_doc, project.plan, project.registry, project.problems.append)
        _load_amendments(project, inputs / "amendments")
        reporting = project.base_plan.reporting
        if year is not None and reporting.first_year <= year <= reporting.last_year:
            project.plan = project.plan_for(year)
    if not submissions:
        files: list[Path] = []
    else:
        files = [Path(p) for p in paths] if paths else _submission_files(inputs, year)
    if submissions and not paths and year is None and project.plan is not None:
        _check_year_folders(project, inputs / "submissions", project.plan)
    for path in files:
        try:
            _load_submission(project, path, expected_year=_folder_year(path), named=bool(paths))
        except UnreadableFileError as exc:  # report it and go on: validate lists every problem
            project.unreadable = True
            project.problems.extend(exc.problems)
    if project.plan and project.registry:
        _check_duplicates(project)
    _load_overlays(project, inputs / "overlays", year)
    _load_secretariat(project, inputs / "secretariat", year)
    return project


def load_earlier_years(project: Project, year: int) -> None:
    """Add to `project.earlier` the valid reports of the years before Y that a one-year load left out.

    The consolidated report compares with last year and draws baselines from earlier
    years. A file of an earlier year that does not validate is left out (its own year's
    `validate` reports it).
    """
    base = project.inputs / "submissions"
    if not base.is_dir():
        return
    years = sorted(int(p.name) for p in base.iterdir()
                   if p.is_dir() and p.name.isdigit() and len(p.name) == 4 and int(p.name) < year
                   and int(p.name) not in project.submissions)
    for earlier in years:
        loaded = load_project(project.root, year=earlier)
        bad = {p.file for p in loaded.errors if p.file}
        project.earlier[earlier] = [ls.submission for ls in loaded.submissions.get(earlier, []) if ls.file not in bad]


# --- plan and registry -----------------------------------------------------------------


def _rel(project: Project, path: Path) -> str:
    """`path` relative to the project, as NFC text (macOS gives names from disk as NFD)."""
    return shown_path(path, project.root)


def _display_root(root: Path) -> str:
    import os

    return os.path.abspath(root)


def _read(project: Project, path: Path) -> SourceDoc | None:
    if not path.exists():
        project.problems.append(Problem("thiếu tệp bắt buộc", file=_rel(project, path), code="input.missing-file"))
        return None
    try:
        doc = load_structured(path, shown_path(path, project.root))
    except ReportgenError as exc:
        if isinstance(exc, UnreadableFileError):
            raise
        project.problems.extend(exc.problems)
        return None
    project.problems.extend(fix_legacy_strings(doc))
    project.problems.extend(strip_bidi(doc))
    return doc


def _load_model(project: Project, path: Path, model: type) -> tuple[Any, SourceDoc | None]:
    doc = _read(project, path)
    if doc is None:
        return None, None
    obj, problems = validate(model, doc)
    project.problems.extend(problems)
    return obj, doc


def _load_registry(project: Project, path: Path) -> Registry | None:
    doc = _read(project, path)
    if doc is None:
        return None
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("agencies"), list):
        project.problems.append(doc.problem("danh mục cơ quan phải có khóa «agencies» là một danh sách", code="registry.not-list"))
        return None
    unknown = set(data) - {"agencies", "source"}
    for key in sorted(unknown):
        project.problems.append(doc.problem(f"trường «{key}» không được phép (gõ sai tên trường?)", (key,), code="registry.unknown-field"))
    agencies: list[Agency] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data["agencies"]):
        obj, problems = validate(Agency, doc, item, ("agencies", i))
        project.problems.extend(problems)
        if obj is None:
            continue
        if obj.code in seen:
            project.problems.append(doc.problem(f"mã cơ quan {obj.code} bị trùng (đã khai ở mục {seen[obj.code]})",
                                                ("agencies", i, "code"), code="registry.duplicate-code"))
            continue
        seen[obj.code] = i
        check_abbrev(doc, i, obj.code, obj.abbrev, project.problems.append)
        agencies.append(obj)
    registry = Registry(agencies)
    for agency in agencies:
        for j, rule in enumerate(agency.successors):
            if rule.body not in registry:
                project.problems.append(doc.problem(
                    f"đơn vị kế nhiệm «{rule.body}» không có trong danh mục", ("agencies", seen[agency.code], "successors", j, "body"), code="registry.unknown-successor"))
    return registry


def _check_plan_refs(project: Project, plan: Plan, registry: Registry) -> None:
    """Every body or group the plan names must exist in the registry or the plan's groups."""
    doc_name = shown_path(project.inputs / "plan.yaml", project.root)
    groups = {g.key for g in plan.groups}

    def check(ref: str, where: str) -> None:
        if ref.startswith("@"):
            if ref[1:] not in groups:
                project.problems.append(Problem(f"nhóm «{ref}» không có trong groups", file=doc_name, place=where, code="plan.unknown-group"))
        elif ref not in registry:
            project.problems.append(Problem(f"mã cơ quan «{ref}» không có trong danh mục cơ quan", file=doc_name, place=where, code="plan.unknown-agency"))

    for ref, where in [(plan.issuer, "issuer"), (plan.reporting.focal, "reporting.focal"),
                       (plan.reporting.recipient, "reporting.recipient")]:
        check(ref, where)
    if not rule_names_focal(plan, registry):
        project.problems.append(Problem(
            "reporting.rule_text không nêu tên cơ quan đầu mối (reporting.focal): các năm cơ quan khác tổng hợp, "
            "văn bản sẽ in lại nguyên văn quy định này", file=doc_name, place="reporting.rule_text",
            severity="warning", code="plan.rule-text-focal"))
    if plan.issuer in registry:
        for field_name, message in signature_problems(plan.signer, registry[plan.issuer]):
            project.problems.append(Problem(f"người ký: {message}", file=doc_name, place=f"signer.{field_name}", code="plan.signer"))
    for i, task in enumerate(plan.tasks):
        for ref in task.lead:
            check(ref, f"tasks[{i}].lead ({task.code})")
        for ref in task.partners:
            check(ref, f"tasks[{i}].partners ({task.code})")
    for i, ind in enumerate(plan.indicators):
        if ind.supplier:
            check(ind.supplier, f"indicators[{i}].supplier ({ind.code})")


# --- submissions -----------------------------------------------------------------------


def _submission_files(inputs: Path, year: int | None) -> list[Path]:
    base = inputs / "submissions"
    if not base.is_dir():
        return []
    folders = [base / str(year)] if year is not None else sorted(p for p in base.iterdir() if p.is_dir())
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if is_submission_candidate(p)))
    return files


def _check_year_folders(project: Project, base: Path, plan: Plan) -> None:
    """Every folder under `submissions/` is named for a year of the plan (its files are read by that year)."""
    if not base.is_dir():
        return
    first, last = plan.reporting.first_year, plan.reporting.last_year
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not (folder.name.isdigit() and len(folder.name) == 4 and first <= int(folder.name) <= last):
            project.problems.append(Problem(
                f"thư mục «{folder.name}» không phải một năm của kế hoạch ({first}–{last}); báo cáo năm Y đặt "
                f"trong inputs/submissions/Y/", file=shown_path(folder, project.root)))


def _folder_year(path: Path) -> int | None:
    name = path.parent.name
    return int(name) if name.isdigit() and len(name) == 4 else None


def _read_submission_doc(project: Project, path: Path, named: bool = False) -> SourceDoc | None:
    """The file's data, or None with its problems recorded; a type reportgen does not read is reported.

    A file named on the command line that cannot be read is an error; one found in a
    submissions folder is an error or a warning by its type (see `UNREAD_FILE_TYPES`).
    """
    suffix = path.suffix.lower()
    if suffix not in SUBMISSION_SUFFIXES:
        severity, message = UNREAD_FILE_TYPES.get(suffix, UNREAD_OTHER)
        severity = "error" if named else severity
        project.problems.append(Problem(message, file=_rel(project, path), severity=severity,  # type: ignore[arg-type]
                                        code="submission.file-type"))
        return None
    if suffix == ".xlsx":
        from ..files import require_regular_file
        from .xlsx import read_submission_xlsx

        require_regular_file(path, limit=MAX_XLSX_BYTES, name=shown_path(path, project.root))
        try:
            doc, problems = read_submission_xlsx(path, shown_path(path, project.root), project.plan, project.registry)
        except ReportgenError as exc:
            if isinstance(exc, UnreadableFileError):
                raise
            project.problems.extend(summarize_cells(exc.problems))
            return None
        project.problems.extend(summarize_cells(problems))
        if any(p.severity == "error" for p in problems):
            return None
        project.problems.extend(strip_bidi(doc))
        return doc
    return _read(project, path)


def summarize_cells(problems: list[Problem]) -> list[Problem]:
    """One line per kind of problem and sheet: a sheet filled with 4,000 bad cells is one line, not 4,000.

    Problems of the same file, sheet, severity and wording (quoted values and codes aside)
    are merged into the first one, which names a few more cells and how many others.
    """

    def kind(p: Problem) -> tuple:
        sheet = p.place.split("!", 1)[0] if p.place and "!" in p.place else None
        words = re.sub(r"\S*\d\S*", "#", re.sub(r"«[^»]*»", "«»", p.message))
        return (p.file, sheet, p.severity, words) if sheet is not None else (id(p),)

    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault(kind(p), []).append(p)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) <= CELLS_LISTED + 1:
            out.extend(group)
            continue
        cells = [p.place.split("!", 1)[1] for p in group[1:CELLS_LISTED + 1]]
        rest = len(group) - 1 - len(cells)
        out.append(Problem(f"{first.message} (cùng loại lỗi ở các ô {', '.join(cells)} … và {rest} ô khác)",
                           file=first.file, line=first.line, place=first.place, severity=first.severity,
                           code=first.code))
    return out


def _load_submission(project: Project, path: Path, expected_year: int | None,
                     received: date | None = None, named: bool = False) -> LoadedSubmission | None:
    if not path.exists():
        raise ReportgenError(Problem("không có tệp này", file=str(path), code="input.missing-file"))
    doc = _read_submission_doc(project, path, named)
    if doc is None:
        return None
    if received is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("report"), dict):
        doc.data["report"]["received"] = received
    sub, problems = validate(Submission, doc)
    project.problems.extend(problems)
    raw_year = doc.data.get("year") if isinstance(doc.data, dict) else None
    plan = _plan_of_year(project, raw_year if isinstance(raw_year, int) else expected_year)
    if plan and project.registry:
        # references are checked on the raw data too, so a file with a type error
        # still gets every unknown code reported in the same run
        _check_references(project, doc, plan, project.registry)
    if sub is None:
        return None
    if expected_year is not None and sub.year != expected_year:
        project.problems.append(doc.problem(
            f"năm báo cáo {sub.year} không khớp thư mục submissions/{expected_year}/", ("year",), code="submission.year-folder"))
    if plan and project.registry:
        _check_submission(project, doc, sub, plan, project.registry)
    loaded = LoadedSubmission(sub, doc.file, doc)
    project.submissions.setdefault(sub.year, []).append(loaded)
    return loaded


def check_submission(project: Project, path: str | Path, *, year: int | None,
                     received: date | None = None) -> LoadedSubmission | None:
    """Read and check one more submission file against the project's plan and registry.

    For the web intake, which checks one upload at a time with the same reader and the same
    messages as `validate`: problems go to `project.problems` and name the file relative to
    `project.root`. `received`, the day the file arrived, replaces the file's own receipt date
    before the checks, so lateness and date checks see the real arrival. Returns the loaded
    submission when the file validated into a model (errors in it may remain). `year`, when
    given, is checked like a folder `submissions/<year>/`.
    """
    try:
        return _load_submission(project, Path(path), expected_year=year, received=received, named=True)
    except UnreadableFileError as exc:
        project.unreadable = True
        project.problems.extend(exc.problems)
        return None


def _plan_of_year(project: Project, year: int | None) -> Plan | None:
    """The plan a submission of year Y is checked against: as amended for Y (the base plan if Y is unknown)."""
    if project.base_plan is None or year is None:
        return project.plan
    if not project.base_plan.reporting.first_year <= year <= project.base_plan.reporting.last_year:
        return project.plan
    return project.plan_for(year)


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _check_references(project: Project, doc: SourceDoc, plan: Plan, registry: Registry) -> None:
    """Agency, task and indicator codes, and task assignment, read from the raw data."""
    add = project.problems.append
    data = doc.data if isinstance(doc.data, dict) else {}
    agency_code = data.get("agency")
    year = data.get("year") if isinstance(data.get("year"), int) else None
    if year is not None and not plan.reporting.first_year <= year <= plan.reporting.last_year:
        year = None   # a year outside the plan is reported by `_check_submission`; routing has no answer for it
    known_agency = isinstance(agency_code, str) and agency_code in registry
    if isinstance(agency_code, str) and not known_agency:
        add(doc.problem(f"mã cơ quan «{agency_code}» không có trong danh mục cơ quan", ("agency",), code="submission.agency.unknown"))
    if known_agency and year is not None:
        agency = registry[agency_code]
        day = reference_day(plan, year)
        if not agency.exists_on(day):
            add(doc.problem(
                f"{agency.name} không còn tồn tại vào kỳ báo cáo năm {year}; "
                f"đơn vị kế nhiệm: {successors_text(registry, agency_code, day)}", ("agency",), code="submission.agency.ended"))
    seen: dict[str, int] = {}
    for i, item in _items(data, "tasks"):
        code = item.get("task")
        if not isinstance(code, str):
            continue
        task = plan.task(code)
        if task is None:
            add(doc.problem(f"mã nhiệm vụ «{code}» không có trong kế hoạch", ("tasks", i, "task"), code="submission.task.unknown"))
            continue
        if code in seen:
            add(doc.problem(f"nhiệm vụ {code} được báo cáo hai lần (mục {seen[code]} và {i})", ("tasks", i, "task"), code="submission.task.duplicate"))
        seen[code] = i
        _check_metric_keys(doc, plan, task, item.get("metrics"), ("tasks", i, "metrics"), add)
        if known_agency and year is not None:
            involved = responsible_bodies(plan, registry, task, year) + partner_bodies(plan, registry, task, year)
            if agency_code not in involved:
                add(doc.problem(
                    f"nhiệm vụ {code} không giao cho {registry[agency_code].display_name} (chủ trì hoặc phối hợp) năm {year}",
                    ("tasks", i, "task"), code="submission.task.not-assigned"))
    seen = {}
    for i, item in _items(data, "figures"):
        code = item.get("indicator")
        if not isinstance(code, str):
            continue
        if plan.indicator(code) is None:
            add(doc.problem(f"mã chỉ tiêu «{code}» không có trong kế hoạch", ("figures", i, "indicator"), code="submission.figure.unknown"))
        elif code in seen:
            add(doc.problem(f"chỉ tiêu {code} được báo cáo hai lần", ("figures", i, "indicator"), code="submission.figure.duplicate"))
        seen[code] = i


def _check_metric_keys(doc: SourceDoc, plan: Plan, task, metrics: Any, where: tuple, add) -> None:
    """Every metric a task result gives must be one the plan declares for that task."""
    if not isinstance(metrics, dict):
        return
    own = [m.key for m in plan.task_metrics(task)]
    for key in metrics:
        if key in own:
            continue
        if plan.metric(str(key)) is None:
            known = f"; số liệu của nhiệm vụ này: {', '.join(own)}" if own else "; nhiệm vụ này không có số liệu nào"
            add(doc.problem(f"số liệu «{key}» không có trong kế hoạch{known}", (*where, key), code="submission.metric.unknown"))
        else:
            known = ", ".join(own) if own else "không có"
            add(doc.problem(f"số liệu «{key}» không thuộc nhiệm vụ {task.code} (số liệu của nhiệm vụ này: {known})",
                            (*where, key), code="submission.metric.not-of-task"))


def _check_submission(project: Project, doc: SourceDoc, sub: Submission, plan: Plan, registry: Registry) -> None:
    """Checks that need the validated model: years, dates, ranges, lateness."""
    add = project.problems.append
    first, last = plan.reporting.first_year, plan.reporting.last_year
    if not first <= sub.year <= last:
        # nothing else is checked: deadlines and reference days of such a year do not exist
        add(doc.problem(f"năm {sub.year} nằm ngoài thời gian của kế hoạch ({first}–{last})", ("year",), code="submission.year.out-of-plan"))
        return
    if sub.agency not in registry:
        return
    _check_signer(doc, sub.report.signer, registry[sub.agency], ("report", "signer"), add)
    _check_dates(doc, sub, plan, add)
    check_submission_dates(doc, sub, plan, registry[sub.agency], add)
    for i, tr in enumerate(sub.tasks):
        for j, d in enumerate(tr.documents):
            if d.date.year != sub.year:
                add(doc.problem(f"ngày văn bản {d.date:%d/%m/%Y} không thuộc năm báo cáo {sub.year}",
                                ("tasks", i, "documents", j, "date"), code="submission.task.document-date"))
    for i, fig in enumerate(sub.figures):
        ind = plan.indicator(fig.indicator)
        if ind is None:
            continue
        if fig.estimate:
            add(doc.problem(f"chỉ tiêu {ind.code}: số liệu ước thực hiện, chưa phải số chính thức", ("figures", i),
                            severity="warning", code="submission.figure.estimate"))
        for key in ("value", "previous"):
            v = getattr(fig, key)
            if v is None:
                continue
            if ind.is_percent and not Decimal(0) <= v <= Decimal(100):
                add(doc.problem(f"tỷ lệ {_fmt(v)}% của chỉ tiêu {ind.code} nằm ngoài khoảng 0–100%", ("figures", i, key), code="submission.figure.out-of-range"))
            elif v < 0:
                add(doc.problem(f"giá trị âm ({_fmt(v)}) không hợp lệ cho chỉ tiêu {ind.code}", ("figures", i, key),
                                code="submission.figure.negative"))
            else:
                last_year = fig.previous if fig.previous is not None else _last_year_value(project, sub, ind.code)
                check_figure(doc, ind, i, key, v, last_year if key == "value" else None, add)
        if ind.is_qualitative and fig.value is not None and fig.achieved is None:
            add(doc.problem(f"chỉ tiêu {ind.code} là chỉ tiêu định tính: ghi đạt hay không đạt (achieved: true hoặc "
                            "false) thay cho một con số", ("figures", i, "value"), code="submission.figure.qualitative"))
    received = sub.report.received_on
    deadline = plan.reporting.deadline(sub.year)
    if received > deadline:
        add(doc.problem(f"nộp muộn {(received - deadline).days} ngày (hạn {deadline:%d/%m/%Y}, nhận {received:%d/%m/%Y})",
                        ("report", "received" if sub.report.received else "date"), severity="warning", code="submission.late"))


def _last_year_value(project: Project, sub: Submission, indicator: str) -> Decimal | None:
    """The body's own figure for the indicator in its report of last year, when that report is loaded."""
    for ls in project.submissions.get(sub.year - 1, []):
        if ls.submission.agency == sub.agency:
            return next((f.value for f in ls.submission.figures if f.indicator == indicator), None)
    return None


def _check_signer(doc: SourceDoc, signer: Signer, agency: Agency, path: tuple, add) -> None:
    """The signature fits how the issuing body signs (TM. / KT. / Q. / TL. / TUQ., its titles)."""
    for field_name, message in signature_problems(signer, agency):
        add(doc.problem(f"người ký: {message}", (*path, field_name), code="input.signer"))


def _check_dates(doc: SourceDoc, sub: Submission, plan: Plan, add) -> None:
    if sub.report.date.year != sub.year:
        add(doc.problem(f"ngày báo cáo {sub.report.date:%d/%m/%Y} không thuộc năm báo cáo {sub.year}", ("report", "date"), code="submission.report.date"))
    if sub.report.received:
        if sub.report.received < sub.report.date:
            add(doc.problem("ngày nhận trước ngày ký báo cáo", ("report", "received"), code="submission.report.received"))
        if sub.report.received.year not in (sub.year, sub.year + 1):
            add(doc.problem(f"ngày nhận {sub.report.received:%d/%m/%Y} không hợp lý cho báo cáo năm {sub.year}",
                            ("report", "received"), code="submission.report.received"))


def _check_duplicates(project: Project) -> None:
    for year, subs in project.submissions.items():
        by_agency: dict[str, LoadedSubmission] = {}
        for ls in subs:
            prev = by_agency.get(ls.submission.agency)
            if prev is not None:
                project.problems.append(ls.doc.problem(
                    f"{ls.submission.agency} đã có báo cáo năm {year} trong tệp {prev.file}; mỗi cơ quan chỉ một báo cáo mỗi năm",
                    ("agency",), code="submission.duplicate"))
            else:
                by_agency[ls.submission.agency] = ls


def _fmt(v: Decimal) -> str:
    from ..vn import format_number

    return format_number(v)


# --- overlays and the secretariat's own writing ---------------------------------------


def _load_overlays(project: Project, folder: Path, year: int | None) -> None:
    """`inputs/overlays/*.yaml`: a body's own additions to its implementation plan, checked for their year."""
    if not folder.is_dir():
        return
    from ..model.overlay import Overlay
    from .overlays import overlay_problems, overlay_years

    seen: dict[tuple[str, int | None], str] = {}
    for path in sorted(folder.glob("*.y*ml")):
        doc = _read(project, path)
        if doc is None:
            continue
        obj, problems = validate(Overlay, doc)
        project.problems.extend(problems)
        if obj is None:
            continue
        if project.registry is not None and obj.agency not in project.registry:
            project.problems.append(doc.problem(f"mã cơ quan «{obj.agency}» không có trong danh mục cơ quan", ("agency",), code="overlay.agency.unknown"))
            continue
        key = (obj.agency, obj.for_year)
        if key in seen:
            when = f"năm {obj.for_year}" if obj.for_year else "mọi năm"
            project.problems.append(doc.problem(f"{obj.agency} đã có phần bổ sung cho {when} trong tệp {seen[key]}",
                                                ("agency",), code="overlay.duplicate"))
            continue
        seen[key] = doc.file
        if project.registry is not None and obj.signer is not None:
            _check_signer(doc, obj.signer, project.registry[obj.agency], ("signer",), project.problems.append)
        if project.plan is not None and project.registry is not None:
            used = overlay_years(project.plan, project.registry, obj, year)
            for used_in in used:
                for where, message in overlay_problems(project.plan, project.registry, obj, used_in):
                    project.problems.append(doc.problem(message, where, code="overlay.invalid"))
            check_issued_date(doc, obj.date, project.plan, project.registry[obj.agency], ("date",),
                              "ban hành kế hoạch", project.problems.append)
            check_overlay_size(doc, obj, project.plan, project.registry, used, project.problems.append)
        project.overlays.setdefault(obj.agency, []).append(obj)


def _load_secretariat(project: Project, folder: Path, year: int | None) -> None:
    """`inputs/secretariat/<year>.yaml`: the focal body's own synthesis per task section."""
    if not folder.is_dir():
        return
    from ..model.secretariat import SecretariatInput

    for path in sorted(folder.glob("*.y*ml")):
        if not path.stem.isdigit() or (year is not None and int(path.stem) != year):
            continue
        doc = _read(project, path)
        if doc is None:
            continue
        obj, problems = validate(SecretariatInput, doc)
        project.problems.extend(problems)
        if obj is not None:
            if obj.year != int(path.stem):
                project.problems.append(doc.problem(f"năm {obj.year} không khớp tên tệp {path.name}", ("year",), code="secretariat.year"))
            project.problems.extend(_cycle_problems(obj, doc))
            _check_secretariat_signer(project, doc, obj)
            plan = _plan_of_year(project, obj.year)
            if plan is not None and project.registry is not None:
                focal = focal_body(plan, project.registry, obj.year)
                check_issued_date(doc, obj.date, plan, project.registry.agencies.get(focal or ""), ("date",),
                                  "báo cáo tổng hợp", project.problems.append)
            _check_secretariat_refs(project, doc, obj)
            project.secretariat[obj.year] = obj


def _cycle_problems(obj: Any, doc: SourceDoc) -> list[Problem]:
    """Dates of the year's letters that cannot belong to it (model: `model/cycle.py`)."""
    out = []
    year = obj.year
    if obj.request is not None and obj.request.date is not None and obj.request.date.year != year:
        out.append(doc.problem(f"ngày công văn đề nghị báo cáo {obj.request.date:%d/%m/%Y} không thuộc năm {year}",
                               ("request", "date"), code="secretariat.request.date"))
    seen: dict = {}
    for i, reminder in enumerate(obj.reminders):
        if reminder.as_of.year not in (year, year + 1):
            out.append(doc.problem(f"ngày tính {reminder.as_of:%d/%m/%Y} không hợp lý cho báo cáo năm {year}",
                                   ("reminders", i, "as_of"), code="secretariat.reminder.as-of"))
        if reminder.as_of in seen:
            out.append(doc.problem(f"hai công văn đôn đốc cùng ngày tính {reminder.as_of:%d/%m/%Y} "
                                   f"(mục {seen[reminder.as_of]} và {i})", ("reminders", i, "as_of"),
                                   code="secretariat.reminder.duplicate"))
        seen.setdefault(reminder.as_of, i)
    return out


# --- amendments ---------------------------------------------------------------------------


def _load_amendments(project: Project, folder: Path) -> None:
    """`inputs/amendments/*.yaml`: dated revisions of the plan, checked against the plan and the registry.

    An amendment must change only codes the plan has, name only bodies the registry (or
    the plan's groups) knows, give a plan that still validates once applied, and not
    change an item that another amendment changes on the same effective date.
    """
    if not folder.is_dir():
        return
    plan, registry = project.base_plan, project.registry
    loaded: list[tuple[str, Amendment, SourceDoc]] = []
    for path in sorted(folder.glob("*.y*ml")):
        doc = _read(project, path)
        if doc is None:
            continue
        obj, problems = validate(Amendment, doc)
        project.problems.extend(problems)
        if obj is None:
            continue
        found = _amendment_problems(plan, registry, obj, doc)
        project.problems.extend(found)
        if not found:
            loaded.append((doc.file, obj, doc))
    docs = {file: doc for file, _, doc in loaded}
    clashes = overlaps([(file, a) for file, a, _ in loaded])
    bad = set()
    for file, other, item, day in clashes:
        kind, code = item.split(":", 1)
        what = {"indicator": "chỉ tiêu", "task": "nhiệm vụ", "reporting": "quy định báo cáo"}[kind]
        project.problems.append(docs[file].problem(
            f"{what} {code} được điều chỉnh ở cả {other} với cùng ngày hiệu lực {day:%d/%m/%Y}; "
            "mỗi nội dung chỉ được một văn bản điều chỉnh tại một ngày"))
        bad.update((file, other))
    project.amendments = [(file, a) for file, a, _ in loaded if file not in bad]
    for file, amendment, doc in loaded:
        if file in bad:
            continue
        try:
            plan_as_of(plan, [amendment], amendment.effective_on)
        except ValueError as exc:   # pydantic's ValidationError is a ValueError
            project.problems.append(doc.problem(f"kế hoạch sau điều chỉnh không hợp lệ: {_first_error(exc)}"))
            project.amendments = [(f, a) for f, a in project.amendments if f != file]


def _amendment_problems(plan: Plan, registry: Registry, amendment: Amendment, doc: SourceDoc) -> list[Problem]:
    """Codes the amendment names that the plan or the registry does not have."""
    out = []
    groups = {g.key for g in plan.groups}

    def body(ref: str, where: tuple) -> None:
        if ref.startswith("@"):
            if ref[1:] not in groups:
                out.append(doc.problem(f"nhóm «{ref}» không có trong groups của kế hoạch", where))
        elif ref not in registry:
            out.append(doc.problem(f"mã cơ quan «{ref}» không có trong danh mục cơ quan", where))

    body(amendment.issuer, ("issuer",))
    if not plan.reporting.first_year <= amendment.effective_on.year <= plan.reporting.last_year:
        out.append(doc.problem(f"ngày hiệu lực {amendment.effective_on:%d/%m/%Y} nằm ngoài thời gian của kế hoạch "
                               f"({plan.reporting.first_year}–{plan.reporting.last_year})", ("effective",)))
    if amendment.effective_on < plan.date:
        out.append(doc.problem("văn bản điều chỉnh có hiệu lực trước ngày ban hành kế hoạch", ("effective",)))
    for i, change in enumerate(amendment.indicators):
        if plan.indicator(change.indicator) is None:
            out.append(doc.problem(f"mã chỉ tiêu «{change.indicator}» không có trong kế hoạch",
                                   ("indicators", i, "indicator")))
        if change.supplier is not None:
            body(change.supplier, ("indicators", i, "supplier"))
    for i, change in enumerate(amendment.tasks):
        if plan.task(change.task) is None:
            out.append(doc.problem(f"mã nhiệm vụ «{change.task}» không có trong kế hoạch", ("tasks", i, "task")))
        for key in ("lead", "partners"):
            for j, ref in enumerate(getattr(change, key) or []):
                body(ref, ("tasks", i, key, j))
    if amendment.reporting is not None:
        for key in ("focal", "recipient"):
            ref = getattr(amendment.reporting, key)
            if ref is not None:
                body(ref, ("reporting", key))
    return out


def _first_error(exc: ValueError) -> str:
    """The first message of a validation error, without pydantic's decoration."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            msg = str(found[0].get("msg", ""))
            return msg.removeprefix("Value error, ")
    return str(exc)


def _check_secretariat_signer(project: Project, doc: SourceDoc, obj: Any) -> None:
    """The consolidated report is signed for the focal body of its year, and sent to no body that ended."""
    if project.plan is None or project.registry is None:
        return
    from ..model.routing import ended_bodies_named, focal_body

    registry = project.registry
    plan = _plan_of_year(project, obj.year) or project.plan
    focal = focal_body(plan, registry, obj.year)
    add = project.problems.append
    if focal is not None:
        # the consolidated report, and the year's letters and review, are signed for the focal body
        letters = [(obj.signer, ("signer",))]
        if obj.request is not None:
            letters.append((obj.request.signer, ("request", "signer")))
        letters += [(r.signer, ("reminders", i, "signer")) for i, r in enumerate(obj.reminders)]
        if obj.review is not None:
            letters.append((obj.review.signer, ("review", "signer")))
        for signer, path in letters:
            if signer is not None:
                _check_signer(doc, signer, registry[focal], path, add)
    if obj.province_report is not None and obj.province_report.signer is not None:
        _check_signer(doc, obj.province_report.signer, registry[plan.reporting.recipient],
                      ("province_report", "signer"), add)
    day = reference_day(plan, obj.year)
    for i, item in enumerate(obj.recipients):
        for code in ended_bodies_named(registry, item, day):
            project.problems.append(doc.problem(
                f"nơi nhận «{item}» là {registry[code].name}, không còn hoạt động năm {obj.year}; "
                f"đơn vị kế nhiệm: {successors_text(registry, code, day)}", ("recipients", i), code="secretariat.recipient.ended"))


def _check_secretariat_refs(project: Project, doc: SourceDoc, obj: Any) -> None:
    """Every section and indicator the secretariat names exists in the plan (else its writing would be dropped)."""
    plan = project.plan
    if plan is None:
        return
    add = project.problems.append
    sections = [s.number for s in plan.sections]
    indicators = {i.code for i in plan.indicators}
    for i, synthesis in enumerate(obj.sections):
        if synthesis.section not in sections:
            add(doc.problem(f"mục «{synthesis.section}» không có trong kế hoạch (các mục: {_listing(sections)}); "
                            "phần tổng hợp này sẽ không được in", ("sections", i, "section"),
                            code="secretariat.section.unknown"))
        for j, code in enumerate(synthesis.quote_indicators):
            if code not in indicators:
                add(doc.problem(f"mã chỉ tiêu «{code}» không có trong kế hoạch", ("sections", i, "quote_indicators", j),
                                code="secretariat.indicator.unknown"))
    for i, override in enumerate(obj.overrides):
        if override.indicator not in indicators:
            add(doc.problem(f"mã chỉ tiêu «{override.indicator}» không có trong kế hoạch", ("overrides", i, "indicator"),
                            code="secretariat.indicator.unknown"))


def _listing(ordered: list[str], limit: int = 12) -> str:
    """`III.1, III.2, …` for a message: the first codes in plan order, and how many more."""
    shown = ", ".join(ordered[:limit])
    return shown + (f" và {len(ordered) - limit} mục khác" if len(ordered) > limit else "")
