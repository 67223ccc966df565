"""`reportgen status`: who has reported for year Y — on time, late (how many days), missing.

A live view: `--as-of` defaults to today. Late or missing reports are the news this
command exists to give, not failures: it exits 0 unless the inputs themselves are invalid.
"""

from __future__ import annotations

from datetime import date

import click

from ..errors import Problem, ReportgenError
from .base import command
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import DAY, YEAR
from .progress import Activity

STATUS_STYLES = {"đúng hạn": "green", "muộn": "yellow", "chưa nộp": "bold red", "chưa đến hạn": "dim"}


@command("status", examples=[
    ("reportgen status", "tình hình nộp báo cáo năm mới nhất, tính đến hôm nay"),
    ("reportgen status --year 2025 --as-of 15/12/2025", "tình hình tính đến ngày 15/12/2025"),
])
@click.option("--year", type=YEAR, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo).")
@click.option("--as-of", "as_of", type=DAY, help="Xem tình hình tính đến ngày này (mặc định: hôm nay), "
              "ví dụ 15/12/2024 hoặc 2024-12-15.")
@click.pass_context
@guarded
def status_cmd(ctx: click.Context, year: int | None, as_of: date | None) -> None:
    """Theo dõi nộp báo cáo năm Y: đúng hạn, muộn bao nhiêu ngày, chưa nộp."""
    from ..compute.tracking import tracking_counts, tracking_records, tracking_rows
    from ..load import load_project

    day = as_of or date.today()  # a live view: the only place that reads the clock
    with Activity(ctx, "Đang đọc dữ liệu…"):
        project = load_project(project_root(ctx), year=year)
    if project.plan is None or project.registry is None:
        raise ReportgenError(project.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan", code="project.incomplete")])
    if year is None:
        year = project.latest_year()
        if year is None:
            raise click.UsageError("chưa có báo cáo nào trong inputs/submissions/; hãy ghi rõ --year")
    project.require_year(year)
    plan = project.plan_for(year)   # as amended for year Y
    rows = tracking_rows(plan, project.registry, project.submissions_for(year), year, day)
    counts = tracking_counts(r.status for r in rows)
    deadline = plan.reporting.deadline(year)
    result = {"year": year, "as_of": day.isoformat(), "deadline": deadline.isoformat(), "counts": counts,
              "bodies": tracking_records(rows)}
    closing = _closing(counts, year)
    finish(ctx, problems=project.errors, result=result, exit_code=EXIT_FINDINGS if project.errors else EXIT_DONE,
           human=lambda: _print_table(rows, year, day, deadline), closing=closing)


def _closing(counts: dict[str, int], year: int) -> str:
    parts = [f"đúng hạn {counts['on_time']}", f"muộn {counts['late']}", f"chưa nộp {counts['missing']}"]
    if counts["not_due"]:
        parts.append(f"chưa đến hạn {counts['not_due']}")
    line = f"Tổng số {counts['total']} cơ quan, đơn vị phải báo cáo: " + "; ".join(parts) + "."
    if counts["missing"]:
        line += " Nhắc các đơn vị chưa nộp, rồi chạy lại lệnh này khi nhận thêm báo cáo."
    else:
        line += f" Tiếp theo: reportgen build --year {year}"
    return line


def _print_table(rows, year: int, day: date, deadline: date) -> None:
    from ..vn import short_date
    from .tables import console, table

    out = table(f"Tình hình nộp báo cáo năm {year} — hạn {short_date(deadline)}, tính đến {short_date(day)}",
                [("TT", {"justify": "right", "no_wrap": True}), ("Cơ quan, đơn vị", {"ratio": 3}),
                 ("Cấp", {"ratio": 1}), ("Ngày nhận", {"no_wrap": True}), ("Tình trạng", {"ratio": 1})])
    for i, r in enumerate(rows, start=1):
        received = short_date(r.received) if r.received else "—"
        out.add_row(str(i), r.name, r.level, received, f"[{STATUS_STYLES.get(r.status, '')}]{r.label}[/]")
    console().print(out)
