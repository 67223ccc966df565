"""The `reportgen` command group. Thin: parse arguments, call the library, map errors to exits.

Commands live one per module in this package and are imported only when run, so that
`reportgen check` does not pay for importing pandas and matplotlib.

Exit codes: 0 done / nothing found, 1 findings (invalid inputs, differences, format
violations), 2 usage error or unreadable file, 3 internal error (a bug: one message, the
trace saved to a file, never printed unless `--debug`), 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..errors import ReportgenError
from . import i18n
from .common import internal_error, interrupted, report_error, run_guarded, setup_output_encoding

i18n.install()

# command name -> (module, function, one-line Vietnamese help shown in `reportgen --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("reportgen.cli.init_cmd", "init_cmd", "Tạo thư mục làm việc mới (inputs, templates) từ bản mẫu đi kèm."),
    "validate": ("reportgen.cli.validate_cmd", "validate_cmd", "Kiểm tra dữ liệu đầu vào, báo mọi lỗi kèm vị trí."),
    "build": ("reportgen.cli.build_cmd", "build_cmd", "Việc chính: kiểm tra rồi tạo mọi kế hoạch, báo cáo của năm."),
    "plan": ("reportgen.cli.plan_cmd", "plan_cmd", "Tạo kế hoạch thực hiện của từng cơ quan, đơn vị."),
    "report": ("reportgen.cli.report_cmd", "report_cmd", "Tạo báo cáo tổng hợp của tỉnh cho một năm."),
    "status": ("reportgen.cli.status_cmd", "status_cmd", "Theo dõi nộp báo cáo: đúng hạn, muộn, chưa nộp."),
    "forms": ("reportgen.cli.forms_cmd", "forms_cmd", "Tạo biểu mẫu Excel cho từng cơ quan điền số liệu."),
    "request": ("reportgen.cli.request_cmd", "request_cmd", "Công văn đề nghị các cơ quan, đơn vị báo cáo kết quả năm."),
    "remind": ("reportgen.cli.remind_cmd", "remind_cmd", "Công văn đôn đốc các cơ quan, đơn vị chưa gửi báo cáo."),
    "review": ("reportgen.cli.review_cmd", "review_cmd", "Báo cáo sơ kết, tổng kết thực hiện kế hoạch qua nhiều năm."),
    "diff": ("reportgen.cli.diff_cmd", "diff_cmd", "So sánh hai dự thảo (.docx, .yaml, .xlsx)."),
    "check": ("reportgen.cli.check_cmd", "check_cmd", "Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020."),
    "templates": ("reportgen.cli.templates_cmd", "templates_group", "Công cụ cho mẫu Word (kiểm tra mẫu)."),
    "serve": ("reportgen.cli.serve_cmd", "serve_cmd", "Chạy trang tiếp nhận báo cáo qua mạng cho đợt báo cáo."),
    "links": ("reportgen.cli.links_cmd", "links_cmd", "Cấp, liệt kê, thu hồi đường liên kết riêng của từng đơn vị."),
}


class LazyGroup(click.Group):
    """A click group that imports each command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module_name), attr)

    def invoke(self, ctx: click.Context):
        """Run the command; a `ReportgenError`, Ctrl-C or a bug escaping it ends with its message and exit code.

        This is inside click's own `main`, so tests driving the group with `CliRunner` see
        exactly what a user sees (exit 3 and the message, not a Python exception).
        """
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except ReportgenError as exc:
            ctx.exit(report_error(exc))
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            raise
        except Exception as exc:  # noqa: BLE001 - the last resort
            argv = ["reportgen", *(ctx.meta.get("reportgen.argv") or [])]
            internal_error(exc, argv, debug=bool((ctx.obj or {}).get("debug")))
        return None

    def make_context(self, info_name, args, parent=None, **extra):
        """Keep the command line as typed, for the internal error message."""
        argv = list(args)
        ctx = super().make_context(info_name, args, parent=parent, **extra)
        ctx.meta["reportgen.argv"] = argv
        return ctx

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Lệnh"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=str), default=".", show_default=True,
              help="Thư mục dự án chứa inputs/, templates/, outputs/.")
@click.option("-q", "--quiet", is_flag=True, help="Chỉ in lỗi.")
@click.option("--debug", is_flag=True, help="Khi có lỗi nội bộ, in chi tiết kỹ thuật (traceback) ra màn hình.")
@click.version_option(__version__, "--version", message="reportgen %(version)s", help="In phiên bản rồi thoát.")
@click.pass_context
def cli(ctx: click.Context, root: str, quiet: bool, debug: bool) -> None:
    """reportgen — soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu có cấu trúc.

    Mã thoát: 0 xong; 1 có lỗi dữ liệu, khác biệt hoặc vi phạm thể thức; 2 dùng sai lệnh hoặc
    không đọc được tệp; 3 lỗi nội bộ của chương trình; 130 người dùng dừng (Ctrl-C).
    """
    ctx.ensure_object(dict)
    ctx.obj["root"] = root
    ctx.obj["quiet"] = quiet
    ctx.obj["debug"] = debug


def main() -> None:
    """Console-script entry point."""
    setup_output_encoding()
    run_guarded(cli, sys.argv[1:])
