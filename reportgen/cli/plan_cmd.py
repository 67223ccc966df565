"""`reportgen plan AGENCY... | --all`: agencies' implementation plans for year Y."""

from __future__ import annotations

from pathlib import Path

import click

from .base import command
from .build_cmd import ELECTRONIC_HELP, FORCE_HELP, run_build
from .common import guarded
from .params import YEAR


@command("plan", examples=[
    ("reportgen plan SYT", "kế hoạch của Sở Y tế, năm mới nhất có báo cáo"),
    ('reportgen plan SYT "sở tài chính" --year 2025', "mã hay tên cơ quan đều được (tên có dấu cách thì đặt trong ngoặc kép)"),
    ("reportgen plan --all --year 2024", "kế hoạch của mọi cơ quan có nhiệm vụ năm 2024"),
])
@click.argument("agencies", nargs=-1, metavar="[MÃ_CƠ_QUAN]...")
@click.option("--all", "all_agencies", is_flag=True, help="Tạo kế hoạch của mọi cơ quan có nhiệm vụ trong năm.")
@click.option("--year", type=YEAR, help="Năm của kế hoạch (mặc định: năm mới nhất có báo cáo của các đơn vị).")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF bằng LibreOffice.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--list", "list_all", is_flag=True, help="Liệt kê từng kế hoạch trong bảng tổng kết.")
@click.option("--electronic", is_flag=True, help=ELECTRONIC_HELP)
@click.pass_context
@guarded
def plan_cmd(ctx: click.Context, agencies: tuple[str, ...], all_agencies: bool, year: int | None, pdf: bool,
             force: bool, list_all: bool, electronic: bool) -> None:
    """Tạo kế hoạch thực hiện của các cơ quan MÃ_CƠ_QUAN, hoặc của mọi cơ quan với --all,
    vào outputs/<năm>/ke-hoach/.

    MÃ_CƠ_QUAN: mã trong danh mục (SYT), viết hoa hay thường đều được, hoặc tên đầy đủ
    («Sở Y tế»); tìm mã bằng lệnh reportgen agencies.
    """
    if not agencies and not all_agencies:
        raise click.UsageError("hãy ghi mã cơ quan cần lập kế hoạch (ví dụ: reportgen plan SYT) hoặc dùng --all "
                               "cho mọi cơ quan; tìm mã bằng lệnh reportgen agencies")
    if agencies and all_agencies:
        raise click.UsageError("ghi mã cơ quan hoặc dùng --all, không dùng cả hai")
    run_build(ctx, year=year, pdf=pdf, force=force, jobs=None, kinds=["ke-hoach"],
              agencies=list(agencies) if agencies else None, list_all=list_all, closing=_closing,
              electronic=electronic)


def _closing(result, root: Path, grouped: bool) -> str:
    from .options import path_for_user

    folder = path_for_user(root / "outputs" / str(result.year) / "ke-hoach", root)
    line = f"Đã tạo {len(result.documents)} kế hoạch năm {result.year} trong {folder}/"
    if grouped:
        line += " (dùng --list để liệt kê từng tệp)"
    return line + f". Tiếp theo: tạo biểu mẫu báo cáo cho các cơ quan: reportgen forms --year {result.year}"
