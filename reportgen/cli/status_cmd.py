"""`reportgen status`: who has reported for year Y — on time, late (how many days), missing.

A live view: `--as-of` defaults to today. Late or missing reports are the news this
command exists to give, not failures: it exits 0 unless the inputs themselves are invalid.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from ..errors import Problem, ReportgenError
from ..load import load_project
from .common import echo_json, echo_problems, guarded, is_quiet, project_root

STATUS_STYLES = {"đúng hạn": "green", "muộn": "yellow", "chưa nộp": "bold red", "chưa đến hạn": "dim"}


@click.command("status")
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo).")
@click.option("--as-of", "as_of", metavar="NGÀY", help="Xem tình hình tính đến ngày này (mặc định: hôm nay), "
              "ví dụ 15/12/2024 hoặc 2024-12-15.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
@guarded
def status_cmd(ctx: click.Context, year: int | None, as_of: str | None, as_json: bool) -> None:
    """Theo dõi nộp báo cáo năm Y: đúng hạn, muộn bao nhiêu ngày, chưa nộp."""
    from ..compute.tracking import tracking_counts, tracking_records, tracking_rows

    day = _as_of(as_of)
    project = load_project(project_root(ctx), year=year)
    if project.plan is None or project.registry is None:
        raise ReportgenError(project.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan")])
    if year is None:
        year = project.latest_year()
        if year is None:
            raise click.UsageError("chưa có báo cáo nào trong inputs/submissions/; hãy ghi rõ --year")
    project.require_year(year)
    plan = project.plan_for(year)   # as amended for year Y
    rows = tracking_rows(plan, project.registry, project.submissions_for(year), year, day)
    counts = tracking_counts(r.status for r in rows)
    deadline = plan.reporting.deadline(year)
    if as_json:
        echo_json({"year": year, "as_of": day.isoformat(), "deadline": deadline.isoformat(), "counts": counts,
                   "bodies": tracking_records(rows), "errors": [p.to_json() for p in project.errors]})
    else:
        echo_problems(project.errors, quiet=is_quiet(ctx))
        _print_table(rows, year, day, deadline, counts)
    ctx.exit(1 if project.errors else 0)


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()  # a live view: the only place that reads the clock
    from ..vn import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def _print_table(rows, year: int, day: date, deadline: date, counts: dict[str, int]) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..vn import short_date

    console = Console(width=None if sys.stdout.isatty() else 120)
    table = Table(title=f"Tình hình nộp báo cáo năm {year} — hạn {short_date(deadline)}, tính đến {short_date(day)}",
                  show_lines=False, header_style="bold")
    table.add_column("TT", justify="right")
    table.add_column("Cơ quan, đơn vị")
    table.add_column("Cấp")
    table.add_column("Ngày nhận")
    table.add_column("Tình trạng")
    for i, r in enumerate(rows, start=1):
        received = short_date(r.received) if r.received else "—"
        table.add_row(str(i), r.name, r.level, received, f"[{STATUS_STYLES.get(r.status, '')}]{r.label}[/]")
    console.print(table)
    parts = [f"đúng hạn {counts['on_time']}", f"muộn {counts['late']}", f"chưa nộp {counts['missing']}"]
    if counts["not_due"]:
        parts.append(f"chưa đến hạn {counts['not_due']}")
    console.print(f"Tổng số {counts['total']} cơ quan, đơn vị phải báo cáo: " + "; ".join(parts) + ".")
