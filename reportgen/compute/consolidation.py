"""The consolidation of year Y: every frame the consolidated report is written from."""


from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..errors import Problem
from ..model import Plan, Registry, Submission
from ..model.secretariat import SecretariatInput
from .bodies import bodies_frame, routing_frame
from .frames import documents_frame, figures_frame, metrics_frame, task_results_frame, texts_frame
from .metrics import metric_contributions, metric_totals
from .progress import assessment_counts, indicator_progress, verdict_counts
from .tasks import task_rows, task_summary, task_timing
from .texts import issued_documents, merged_texts
from .tracking import tracking_frame

TEXT_KINDS = {  # submission field -> secretariat field
    "strengths": "strengths",
    "difficulties": "shortcomings",
    "causes": "causes",
    "next_year": "next_year",
    "proposals": "proposals",
}


@dataclass
class Consolidation:
    """Everything the consolidated report of year Y says, as frames (values kept as Decimal)."""

    year: int
    as_of: date
    bodies: pd.DataFrame            # every body named anywhere: name, level, list order
    figures: pd.DataFrame           # tidy: body × indicator × year
    progress: pd.DataFrame          # one row per indicator
    task_rows: pd.DataFrame         # one row per task × routed body
    tasks: pd.DataFrame             # one row per task
    tracking: pd.DataFrame          # one row per expected body
    documents: pd.DataFrame         # documents issued in Y
    texts: dict[str, pd.DataFrame]  # kind -> merged sentences
    metric_totals: pd.DataFrame = field(default_factory=pd.DataFrame)         # task × metric: province totals
    metric_contributions: pd.DataFrame = field(default_factory=pd.DataFrame)  # task × metric × body, year Y
    submitted: int = 0              # reports of year Y received
    warnings: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return assessment_counts(self.progress)

    def verdicts(self) -> dict[str, int]:
        return verdict_counts(self.progress)


def consolidate(plan: Plan, registry: Registry, submissions: Mapping[int, Sequence[Submission]], year: int, *,
                secretariat: SecretariatInput | None = None, as_of: date | None = None) -> Consolidation:
    """All submissions of year Y (earlier years used for last year's figures and baselines) → frames.

    `as_of` is the day the tracking is taken (default: the plan's deadline of Y, or the
    latest day a report of Y arrived, whichever is later).
    """
    this_year = list(submissions.get(year, ()))
    everything = [s for y in sorted(submissions) if y <= year for s in submissions[y]]
    routing = routing_frame(plan, registry, year)
    figures = figures_frame(everything)
    results = task_results_frame(this_year)
    metrics = metrics_frame(s for y in (year - 1, year) for s in submissions.get(y, ()))
    bodies = bodies_frame(registry, [*routing["body"], *figures["body"], *results["body"],
                                     *(s.agency for s in this_year), *metrics["body"]])
    rank = dict(zip(bodies["body"], bodies["order"], strict=True))
    overrides = secretariat.overrides if secretariat else ()
    targets = {t.indicator: (t.target, t.source) for t in secretariat.targets} if secretariat else {}
    progress = indicator_progress(plan, registry, figures, year, overrides, rank, targets)
    rows = task_timing(plan, task_rows(routing, results, year, rank), year)
    if as_of is None:
        as_of = max([plan.reporting.deadline(year), *(s.report.received_on for s in this_year)])
    tracking = tracking_frame(plan, registry, this_year, year, as_of)
    texts = texts_frame(this_year)
    merged = {kind: merged_texts(texts, kind, year, rank, getattr(secretariat, own, ()) if secretariat else ())
              for kind, own in TEXT_KINDS.items()}
    return Consolidation(
        year=year, as_of=as_of, bodies=bodies, figures=figures, progress=progress.frame,
        task_rows=rows, tasks=task_summary(plan, rows), tracking=tracking,
        documents=issued_documents(documents_frame(this_year), year, rank), texts=merged,
        metric_totals=metric_totals(plan, metrics, bodies, year),
        metric_contributions=metric_contributions(metrics, bodies, year), submitted=len(this_year),
        warnings=progress.warnings + _secretariat_problems(plan, secretariat),
    )


def _secretariat_problems(plan: Plan, secretariat: SecretariatInput | None) -> list[Problem]:
    """Warnings for codes in the secretariat's file that the plan does not have (they are left out)."""
    if secretariat is None:
        return []
    file = f"inputs/secretariat/{secretariat.year}.yaml"
    indicators = {i.code for i in plan.indicators}
    sections = {s.number for s in plan.sections}
    out = []
    for i, o in enumerate(secretariat.overrides):
        if o.indicator not in indicators:
            out.append(Problem(f"chỉ tiêu «{o.indicator}» không có trong kế hoạch; bỏ qua điều chỉnh đánh giá",
                               file=file, place=f"overrides[{i}].indicator", severity="warning"))
    for i, s in enumerate(secretariat.sections):
        if s.section not in sections:
            out.append(Problem(f"mục «{s.section}» không có trong kế hoạch; phần tổng hợp này không được in",
                               file=file, place=f"sections[{i}].section", severity="warning"))
        for j, code in enumerate(s.quote_indicators):
            if code not in indicators:
                out.append(Problem(f"chỉ tiêu «{code}» không có trong kế hoạch; không trích dẫn được",
                                   file=file, place=f"sections[{i}].quote_indicators[{j}]", severity="warning"))
    for i, t in enumerate(secretariat.tasks):
        if plan.task(t.task) is None:
            out.append(Problem(f"nhiệm vụ «{t.task}» không có trong kế hoạch; phần viết này không được in",
                               file=file, place=f"tasks[{i}].task", severity="warning"))
    for i, t in enumerate(secretariat.targets):
        ind = plan.indicator(t.indicator)
        if ind is None:
            out.append(Problem(f"chỉ tiêu «{t.indicator}» không có trong kế hoạch; bỏ qua mục tiêu năm",
                               file=file, place=f"targets[{i}].indicator", severity="warning"))
        elif ind.is_qualitative:
            out.append(Problem(f"chỉ tiêu {t.indicator} là chỉ tiêu định tính; không có mục tiêu năm bằng số",
                               file=file, place=f"targets[{i}].target", severity="warning"))
    return out
