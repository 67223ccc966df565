"""`reportgen remind --year Y [--as-of DATE]`: the công văn đôn đốc to the bodies still missing on DATE."""

from __future__ import annotations

from datetime import date

import click

from .common import echo_problems, guarded, is_quiet, project_root
from .cycle import output_options, parse_day, report_written


@click.command("remind")
@click.option("--year", type=int, required=True, help="Năm báo cáo.")
@click.option("--as-of", "as_of", metavar="NGÀY",
              help="Ngày tính các cơ quan, đơn vị chưa nộp, như «reportgen status --as-of» (mặc định: hôm nay), "
                   "ví dụ 11/12/2025.")
@click.option("--deadline", metavar="NGÀY", help="Hạn mới (mặc định: theo dữ liệu công văn, hoặc 5 ngày làm việc "
              "sau ngày tính).")
@output_options
@click.pass_context
@guarded
def remind_cmd(ctx: click.Context, year: int, as_of: str | None, deadline: str | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo công văn đôn đốc gửi đúng các cơ quan, đơn vị chưa nộp báo cáo năm Y tính đến ngày NGÀY
    (không tạo gì khi mọi báo cáo đã đến) vào outputs/<năm>/cong-van/."""
    from ..cycle import remind

    day = parse_day(as_of, "--as-of") or date.today()
    outcome = remind(project_root(ctx), year, day, deadline=parse_day(deadline, "--deadline"), force=force,
                     pdf=pdf, electronic=electronic)
    if outcome.result is None:
        echo_problems(outcome.warnings, quiet=is_quiet(ctx))
        if not is_quiet(ctx):
            for line in summary_lines(outcome):
                click.echo(line)
        return

    report_written(ctx, outcome.result, pdf=pdf or electronic, describe=letter_detail)
    if outcome.focal_missing and not is_quiet(ctx):
        click.echo(FOCAL_NOTE)


FOCAL_NOTE = "Lưu ý: cơ quan thường trực cũng chưa có báo cáo năm này; công văn không gửi cho chính mình."


def letter_detail(built) -> str:
    """`gửi 3 cơ quan, đơn vị chưa nộp; hạn mới 18/12/2025.`: what a written letter does."""
    return (f"gửi {built.spec.context['missing']['count']} cơ quan, đơn vị chưa nộp; hạn mới "
            f"{_short(built.spec.context['due_date'])}.")


def summary_lines(outcome) -> list[str]:
    """What a reminder run found, in the user's words: why no letter was written (`reportgen.cycle.ReminderOutcome`)."""
    counts = outcome.counts
    submitted = counts["on_time"] + counts["late"]
    if outcome.written:
        return [f"Đã tạo công văn đôn đốc {len(outcome.missing)} cơ quan, đơn vị chưa nộp báo cáo năm {outcome.year}."]
    if counts["not_due"]:
        return [f"Không tạo công văn đôn đốc: tính đến ngày {_short(outcome.as_of)} chưa đến hạn báo cáo "
                f"({_short(outcome.deadline)}); {submitted}/{counts['total']} cơ quan, đơn vị đã gửi báo cáo."]
    if outcome.focal_missing:
        return [f"Không tạo công văn đôn đốc: tính đến ngày {_short(outcome.as_of)}, chỉ còn cơ quan thường trực "
                f"chưa có báo cáo năm {outcome.year} ({submitted}/{counts['total']} đã gửi)."]
    return [f"Không cần đôn đốc: tính đến ngày {_short(outcome.as_of)}, mọi cơ quan, đơn vị phải báo cáo "
            f"({counts['total']}) đã gửi báo cáo năm {outcome.year}."]


def _short(day: date) -> str:
    from ..vn import short_date

    return short_date(day)
