"""`reportgen remind --year Y [--as-of NGÀY]`: the công văn đôn đốc to the bodies still missing on that day.

`summary_lines`, `letter_detail` and `FOCAL_NOTE` are also what the web intake's reminder
page says (`serve/reminders.py`), so the page and the command speak the same words.
"""

from __future__ import annotations

from datetime import date

import click

from .base import command
from .common import guarded, project_root
from .cycle import finish_written, output_options
from .output import finish
from .params import DAY, YEAR
from .progress import Activity

FOCAL_NOTE = "Lưu ý: cơ quan thường trực cũng chưa có báo cáo năm này; công văn không gửi cho chính mình."


@command("remind", examples=[
    ("reportgen remind --year 2025 --as-of 15/12/2025", "công văn đôn đốc các cơ quan, đơn vị chưa nộp báo cáo "
     "năm 2025, tính đến ngày 15/12/2025"),
    ("reportgen remind --year 2025", "như trên, tính đến hôm nay"),
])
@click.option("--year", type=YEAR, required=True, help="Năm báo cáo.")
@click.option("--as-of", "as_of", type=DAY,
              help="Ngày tính các cơ quan, đơn vị chưa nộp, như «reportgen status --as-of» (mặc định: hôm nay), "
                   "ví dụ 11/12/2025.")
@click.option("--deadline", type=DAY, help="Hạn mới (mặc định: theo dữ liệu công văn, hoặc 5 ngày làm việc "
              "sau ngày tính).")
@output_options
@click.pass_context
@guarded
def remind_cmd(ctx: click.Context, year: int, as_of: date | None, deadline: date | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo công văn đôn đốc gửi đúng các cơ quan, đơn vị chưa nộp báo cáo năm NĂM tính đến ngày --as-of
    (không tạo gì khi mọi báo cáo đã đến hoặc chưa đến hạn) vào outputs/<năm>/cong-van/."""
    from ..cycle import remind

    day = as_of or date.today()   # a live view, like status: the only place that reads the clock
    with Activity(ctx, "Đang đọc các báo cáo đã nhận và soạn công văn đôn đốc…"):
        outcome = remind(project_root(ctx), year, day, deadline=deadline, force=force, pdf=pdf,
                         electronic=electronic)
    extra = {"as_of": day.isoformat(), "deadline": outcome.deadline.isoformat(), "missing": list(outcome.missing),
             "focal_missing": outcome.focal_missing, "status_counts": dict(outcome.counts)}
    if outcome.result is None:
        from .build_cmd import _rel

        root = project_root(ctx)
        data = {"year": year, "output_dir": _rel(root / "outputs" / str(year), root), "counts": {}, "documents": [],
                **extra}
        finish(ctx, problems=outcome.warnings, result=data, closing="\n".join(summary_lines(outcome)))
    notes = [FOCAL_NOTE] if outcome.focal_missing else []
    finish_written(ctx, outcome.result, pdf=pdf or electronic, describe=letter_detail, notes=notes, extra=extra,
                   next_step=f"Tiếp theo: trình ký, gửi công văn; khi nhận thêm báo cáo: reportgen status --year {year}.")


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
