"""`reportgen request --year Y [--deadline DATE]`: the focal body's công văn asking for the reports of year Y."""

from __future__ import annotations

import click

from .common import guarded
from .cycle import load_for_year, parse_day, write_documents, written


@click.command("request")
@click.option("--year", type=int, required=True, help="Năm báo cáo.")
@click.option("--deadline", metavar="NGÀY", help="Hạn gửi báo cáo (mặc định: theo dữ liệu công văn hoặc hạn của "
              "kế hoạch), ví dụ 05/12/2025.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def request_cmd(ctx: click.Context, year: int, deadline: str | None, force: bool, pdf: bool, electronic: bool) -> None:
    """Tạo công văn của cơ quan thường trực đề nghị các cơ quan, đơn vị báo cáo kết quả năm Y (kèm đề cương và
    danh sách biểu mẫu) vào outputs/<năm>/cong-van/."""
    from ..documents.request import request_document

    project = load_for_year(ctx, year, need_submissions=False)
    spec = request_document(project, year, deadline=parse_day(deadline, "--deadline"))
    for built in write_documents(ctx, year, [spec], [], force=force, pdf=pdf, electronic=electronic):
        context = built.spec.context
        from ..vn import short_date

        written(ctx, built, f"gửi {context['bodies']['count']} cơ quan, đơn vị; hạn {short_date(context['due_date'])}.")
