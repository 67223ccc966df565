"""`reportgen request --year Y [--deadline DATE]`: the focal body's công văn asking for the reports of year Y."""

from __future__ import annotations

import click

from .common import guarded, project_root
from .cycle import output_options, parse_day, report_written


@click.command("request")
@click.option("--year", type=int, required=True, help="Năm báo cáo.")
@click.option("--deadline", metavar="NGÀY", help="Hạn gửi báo cáo (mặc định: theo dữ liệu công văn hoặc hạn của "
              "kế hoạch), ví dụ 05/12/2025.")
@output_options
@click.pass_context
@guarded
def request_cmd(ctx: click.Context, year: int, deadline: str | None, force: bool, pdf: bool, electronic: bool) -> None:
    """Tạo công văn của cơ quan thường trực đề nghị các cơ quan, đơn vị báo cáo kết quả năm Y (kèm đề cương và
    danh sách biểu mẫu) vào outputs/<năm>/cong-van/."""
    from ..cycle import request
    from ..vn import short_date

    result = request(project_root(ctx), year, deadline=parse_day(deadline, "--deadline"), force=force, pdf=pdf,
                     electronic=electronic)

    def describe(built) -> str:
        context = built.spec.context
        return f"gửi {context['bodies']['count']} cơ quan, đơn vị; hạn {short_date(context['due_date'])}."

    report_written(ctx, result, pdf=pdf or electronic, describe=describe)
