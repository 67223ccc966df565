"""`reportgen remind --year Y --as-of DATE`: the công văn đôn đốc to the bodies still missing on DATE."""

from __future__ import annotations

import click

from .common import guarded, is_quiet
from .cycle import load_for_year, parse_day, write_documents, written


@click.command("remind")
@click.option("--year", type=int, required=True, help="Năm báo cáo.")
@click.option("--as-of", "as_of", metavar="NGÀY", required=True,
              help="Ngày tính các cơ quan, đơn vị chưa nộp (như «reportgen status --as-of»), ví dụ 12/12/2025.")
@click.option("--deadline", metavar="NGÀY", help="Hạn mới (mặc định: theo dữ liệu công văn, hoặc 5 ngày làm việc "
              "sau ngày tính).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def remind_cmd(ctx: click.Context, year: int, as_of: str, deadline: str | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo công văn đôn đốc gửi đúng các cơ quan, đơn vị chưa nộp báo cáo năm Y tính đến ngày NGÀY
    (không tạo gì khi mọi báo cáo đã đến) vào outputs/<năm>/cong-van/."""
    from ..documents.reminder import missing_bodies, reminder_document
    from ..vn import short_date

    day = parse_day(as_of, "--as-of")
    project = load_for_year(ctx, year, need_submissions=True)
    spec = reminder_document(project, year, day, deadline=parse_day(deadline, "--deadline"))
    if spec is None:
        if not is_quiet(ctx):
            _, counts = missing_bodies(project, year, day)
            due = project.plan_for(year).reporting.deadline(year)
            if counts["not_due"]:
                click.echo(f"Không tạo công văn đôn đốc: tính đến ngày {short_date(day)} chưa đến hạn báo cáo "
                           f"({short_date(due)}); {counts['on_time'] + counts['late']}/{counts['total']} cơ quan, "
                           "đơn vị đã gửi báo cáo.")
            else:
                click.echo(f"Không cần đôn đốc: tính đến ngày {short_date(day)}, mọi cơ quan, đơn vị phải báo cáo "
                           f"({counts['total']}) đã gửi báo cáo năm {year}.")
        return
    for built in write_documents(ctx, year, [spec], [], force=force, pdf=pdf, electronic=electronic):
        context = built.spec.context
        written(ctx, built, f"gửi {context['missing']['count']} cơ quan, đơn vị chưa nộp; hạn mới "
                            f"{short_date(context['due_date'])}.")
