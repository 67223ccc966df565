"""The yearly cycle's other documents as library calls: the request for reports, the reminder,
the provincial People's Committee's report and the mid-term / final reviews.

    result = request(root, 2025)                        # outputs/2025/cong-van/CV-yeu-cau-bao-cao-2025.docx
    outcome = remind(root, 2025, date(2025, 12, 11))    # outcome.result is None: nobody to remind
    result = province_report(root, 2025)                # outputs/2025/BC-UBND-tinh-2025.docx
    result = review(root, 2024, 2027, kind="so-ket")    # outputs/2027/BC-so-ket-2024-2027.docx

Each call loads and checks the inputs like `pipeline.build` (a year outside the plan is
refused, exit 2), builds its document and writes it through `pipeline.render_specs`: the
manifest of written outputs (reportgen's own untouched files are replaced, edited ones are
refused without `force`), the sample mark, the PDF pool, and with `electronic` the
e-office form with its metadata file. The command line (`cli/`) and the web intake call
these; neither builds these documents any other way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import Problem, ReportgenError, UsageError
from .load import Project, load_project
from .pipeline import BuildResult, ProgressHook, StartHook, mark_samples, render_specs


class PeriodError(UsageError):
    """A review period that runs backwards: a usage error (the CLI maps it to exit 2)."""


def request(root: str | Path, year: int, *, deadline: date | None = None, force: bool = False, pdf: bool = False,
            electronic: bool = False) -> BuildResult:
    """The focal body's công văn asking every responsible body for its report of year Y."""
    from .documents.request import request_document

    project = load_year(root, year, need_submissions=False)
    spec = request_document(project, year, deadline=deadline)
    sample = _secretariat_sample(project, year) or _amended_by_sample(project, year)
    return _write(project, year, mark_samples([spec], sample), force=force, pdf=pdf, electronic=electronic)


@dataclass
class ReminderOutcome:
    """What `remind` found on the day: the bodies still missing, the status counts, the letter if one was written."""

    year: int
    as_of: date
    deadline: date                  # the reporting deadline of year Y
    missing: list[str]              # codes `status --as-of` lists as missing, minus the focal body
    counts: dict[str, int]          # `compute.tracking.tracking_counts` of that day
    focal_missing: bool = False     # the focal body itself is missing (it does not remind itself)
    result: BuildResult | None = None   # None: no letter (nothing overdue, or every report is in)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.result is not None and bool(self.result.documents)


def remind(root: str | Path, year: int, as_of: date, *, deadline: date | None = None, force: bool = False,
           pdf: bool = False, electronic: bool = False) -> ReminderOutcome:
    """The công văn đôn đốc of year Y on `as_of`, to exactly the bodies `status --as-of` lists as missing.

    No letter is written when every report is in or the deadline has not passed
    (`outcome.result` is None then); `deadline` is the new deadline the letter gives.
    """
    from .documents.reminder import missing_bodies, reminder_document
    from .model.routing import focal_body

    project = load_year(root, year, need_submissions=True)
    # the bodies' late reports and estimates are the consolidated report's business, not the reminder's
    project.problems = [p for p in project.problems if p.severity == "error" or not _under_submissions(p.file)]
    plan = project.plan_for(year)
    missing, counts = missing_bodies(project, year, as_of)
    focal = focal_body(plan, project.registry, year)
    outcome = ReminderOutcome(year, as_of, plan.reporting.deadline(year), [c for c in missing if c != focal], counts,
                              focal_missing=focal in missing, warnings=list(project.warnings))
    spec = reminder_document(project, year, as_of, deadline=deadline)
    if spec is None:
        return outcome
    sample = (_secretariat_sample(project, year) or _amended_by_sample(project, year)
              or any(s.sample for s in project.submissions_for(year)))
    outcome.result = _write(project, year, mark_samples([spec], sample), force=force, pdf=pdf,
                            electronic=electronic)
    return outcome


def province_report(root: str | Path, year: int, *, force: bool = False, pdf: bool = False,
                    electronic: bool = False) -> BuildResult:
    """The provincial People's Committee's report of year Y upward, from the same consolidation as `report`."""
    from .documents.province_report import province_document
    from .load.project import load_earlier_years

    project = load_year(root, year, need_submissions=True)
    load_earlier_years(project, year)          # last year's figures and baselines, as the consolidated report
    spec = province_document(project, year)
    sample = (_secretariat_sample(project, year) or _amended_by_sample(project, year)
              or any(s.sample for subs in project.submissions_up_to(year).values() for s in subs))
    return _write(project, year, mark_samples([spec], sample), force=force, pdf=pdf, electronic=electronic)


def review(root: str | Path, first: int, last: int, *, kind: str | None = None, force: bool = False,
           pdf: bool = False, electronic: bool = False) -> BuildResult:
    """The sơ kết / tổng kết of `first`–`last` (written under `outputs/<last>/`)."""
    from .documents.review import review_document

    if first > last:
        raise PeriodError(Problem(f"năm đầu ({first}) phải không sau năm cuối ({last}) của giai đoạn"))
    project = load_project(Path(root))
    _require_plan(project)
    project.require_year(first)
    project.require_year(last)
    project.require_valid()
    spec = review_document(project, first, last, kind=kind)
    years = range(first, last + 1)
    sample = (any(_secretariat_sample(project, y) or _amended_by_sample(project, y) for y in years)
              or any(s.sample for y in years for s in project.submissions_for(y)))
    return _write(project, last, mark_samples([spec], sample), force=force, pdf=pdf, electronic=electronic)


# --- shared -----------------------------------------------------------------------------------


def load_year(root: str | Path, year: int, *, need_submissions: bool) -> Project:
    """The project loaded for year Y and valid; a letter sent before any report arrives ignores the submissions."""
    project = load_project(Path(root), year=year)
    _require_plan(project)
    project.require_year(year)
    if not need_submissions:
        project.problems = [p for p in project.problems if not _under_submissions(p.file)]
    project.require_valid()
    return project


def _require_plan(project: Project) -> None:
    if project.plan is None or project.registry is None:
        raise ReportgenError(project.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan")])


def _write(project: Project, year: int, specs: list, *, force: bool, pdf: bool, electronic: bool,
           on_start: StartHook | None = None, on_progress: ProgressHook | None = None) -> BuildResult:
    if pdf or electronic:  # fail before anything is rendered when PDFs cannot be made
        from .render.pdf import require_soffice

        require_soffice()
    return render_specs(project.root, year, specs, project.warnings, force=force, pdf=pdf, electronic=electronic,
                        on_start=on_start, on_progress=on_progress)


def _secretariat_sample(project: Project, year: int) -> bool:
    own = project.secretariat.get(year)
    return bool(own is not None and own.sample)


def _amended_by_sample(project: Project, year: int) -> bool:
    from .model.amendment import amended_by_sample

    return amended_by_sample(project.plan_for(year))


def _under_submissions(file: str | None) -> bool:
    return bool(file) and Path(file).parts[:2] == ("inputs", "submissions")
