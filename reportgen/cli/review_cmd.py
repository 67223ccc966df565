"""`reportgen review --from Y1 --to Y2 [--kind so-ket|tong-ket]`: the mid-term or final review over years."""

from __future__ import annotations

import click

from ..errors import Problem, ReportgenError
from .common import guarded, project_root
from .cycle import write_documents, written


@click.command("review")
@click.option("--from", "first", type=int, required=True, help="Năm đầu của giai đoạn, ví dụ 2024.")
@click.option("--to", "last", type=int, required=True, help="Năm cuối của giai đoạn, ví dụ 2027.")
@click.option("--kind", type=click.Choice(["so-ket", "tong-ket"]),
              help="Sơ kết (giữa kỳ) hoặc tổng kết (cuối kỳ); mặc định: tổng kết khi đến năm cuối của kế hoạch.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def review_cmd(ctx: click.Context, first: int, last: int, kind: str | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo báo cáo sơ kết, tổng kết thực hiện kế hoạch giai đoạn --from đến --to: chỉ tiêu qua các năm so với lộ
    trình (bảng, biểu đồ), nhiệm vụ lũy kế, đánh giá, bài học, kiến nghị; nói rõ năm nào chưa có báo cáo."""
    from ..documents.review import review_document
    from ..load import load_project

    if first > last:
        raise click.BadParameter("năm đầu (--from) phải trước năm cuối (--to)", param_hint="--from")
    project = load_project(project_root(ctx))
    if project.plan is None or project.registry is None:
        raise ReportgenError(project.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan")])
    project.require_valid()
    spec = review_document(project, first, last, kind=kind)
    for built in write_documents(ctx, last, [spec], [], force=force, pdf=pdf, electronic=electronic):
        frames = spec.frames
        years = ", ".join(str(y) for y in frames.data_years)
        detail = f"số liệu các năm {years}"
        if frames.missing_years:
            detail += f"; chưa có báo cáo năm {', '.join(str(y) for y in frames.missing_years)}"
        written(ctx, built, detail + ".")
