"""`reportgen plan AGENCY... | --all`: agencies' implementation plans for year Y."""

from __future__ import annotations

import click

from .build_cmd import run_build
from .common import guarded


@click.command("plan")
@click.argument("agencies", nargs=-1, metavar="MÃ_CƠ_QUAN...")
@click.option("--all", "all_agencies", is_flag=True, help="Tạo kế hoạch của mọi cơ quan có nhiệm vụ trong năm.")
@click.option("--year", type=int, help="Năm của kế hoạch (mặc định: năm mới nhất có báo cáo của các đơn vị).")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF bằng LibreOffice.")
@click.option("--force", is_flag=True, help="Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def plan_cmd(ctx: click.Context, agencies: tuple[str, ...], all_agencies: bool, year: int | None, pdf: bool,
             force: bool, electronic: bool) -> None:
    """Tạo kế hoạch thực hiện của các cơ quan MÃ_CƠ_QUAN (ví dụ SYT UBND_H_NGA_SON), hoặc của mọi cơ quan
    với --all, vào outputs/<năm>/ke-hoach/."""
    if bool(agencies) == all_agencies:
        raise click.UsageError("ghi mã cơ quan (ví dụ: reportgen plan SYT) hoặc dùng --all, không dùng cả hai")
    run_build(ctx, year=year, pdf=pdf, force=force, jobs=None, kinds=["ke-hoach"],
              agencies=list(agencies) if agencies else None, electronic=electronic)
