"""`reportgen request --year Y [--deadline NGÀY]`: the focal body's công văn asking for the reports of year Y."""

from __future__ import annotations

from datetime import date

import click

from .base import command
from .common import guarded, project_root
from .cycle import finish_written, output_options
from .params import DAY, YEAR
from .progress import Activity


@command("request", examples=[
    ("reportgen request --year 2025", "công văn đề nghị các cơ quan, đơn vị báo cáo kết quả năm 2025 "
     "(outputs/2025/cong-van/)"),
    ("reportgen request --year 2025 --deadline 05/12/2025", "như trên, với hạn gửi báo cáo 05/12/2025"),
])
@click.option("--year", type=YEAR, required=True, help="Năm báo cáo.")
@click.option("--deadline", type=DAY, help="Hạn gửi báo cáo (mặc định: theo dữ liệu công văn hoặc hạn của "
              "kế hoạch), ví dụ 05/12/2025.")
@output_options
@click.pass_context
@guarded
def request_cmd(ctx: click.Context, year: int, deadline: date | None, force: bool, pdf: bool,
                electronic: bool) -> None:
    """Tạo công văn của cơ quan thường trực đề nghị các cơ quan, đơn vị báo cáo kết quả năm NĂM (kèm đề cương và
    danh sách biểu mẫu) vào outputs/<năm>/cong-van/."""
    from ..cycle import request
    from ..vn import short_date

    with Activity(ctx, "Đang đọc dữ liệu và soạn công văn đề nghị báo cáo…"):
        result = request(project_root(ctx), year, deadline=deadline, force=force, pdf=pdf, electronic=electronic)

    def describe(built) -> str:
        context = built.spec.context
        return f"gửi {context['bodies']['count']} cơ quan, đơn vị; hạn {short_date(context['due_date'])}."

    finish_written(ctx, result, pdf=pdf or electronic, describe=describe,
                   next_step=f"Tiếp theo: trình ký, gửi công văn kèm biểu mẫu (reportgen forms --year {year}); "
                             f"theo dõi bằng reportgen status --year {year}.")
