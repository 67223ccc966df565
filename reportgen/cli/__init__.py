"""The `reportgen` command group. Thin: parse arguments, call the library, map errors to exits.

Commands live one per module in this package and are imported only when run, so that
`reportgen check` does not pay for importing pandas and matplotlib.

Exit codes, the same for every command (`output.EXIT_*`): 0 done / nothing found, 1
findings (invalid inputs, differences, format violations), 2 usage error or unreadable
input, 3 internal error (a bug: one message, the trace saved to a file, never printed
unless `--debug`), 130 interrupted. `--json` prints one envelope (`output`).
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..errors import Problem, ReportgenError
from . import i18n
from .base import Group
from .common import internal_error, interrupted, run_guarded, setup_output_encoding
from .options import global_options, setting, wants_json
from .output import command_name, echo_json, envelope, fail

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
    "agencies": ("reportgen.cli.agencies_cmd", "agencies_cmd", "Liệt kê, tìm cơ quan, đơn vị và mã của họ."),
    "templates": ("reportgen.cli.templates_cmd", "templates_group", "Công cụ cho mẫu Word (kiểm tra mẫu)."),
    "serve": ("reportgen.cli.serve_cmd", "serve_cmd", "Chạy trang tiếp nhận báo cáo qua mạng cho đợt báo cáo."),
    "links": ("reportgen.cli.links_cmd", "links_cmd", "Cấp, liệt kê, thu hồi đường liên kết riêng của từng đơn vị."),
}


class LazyGroup(Group):
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
        exactly what a user sees (exit 3 and the message, not a Python exception). With
        --json, a usage error and an internal error are envelopes too.
        """
        argv = ctx.meta.get("reportgen.argv") or []
        as_json = wants_json(ctx) or "--json" in argv
        try:
            return super().invoke(ctx)
        except click.exceptions.ClickException as exc:
            if not as_json:
                raise
            sub = getattr(exc, "ctx", None)
            name = command_name(sub) if sub is not None and sub is not ctx else next(
                (a for a in argv if a in COMMANDS), "reportgen")
            code = "usage" if isinstance(exc, click.UsageError) else "problem"
            echo_json(envelope(name, [Problem(exc.format_message(), code=code)], None, exc.exit_code))
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except ReportgenError as exc:
            fail(ctx, exc)
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            raise
        except Exception as exc:  # noqa: BLE001 - the last resort
            name = next((a for a in argv if a in COMMANDS), "reportgen")
            internal_error(exc, ["reportgen", *argv], debug=bool(setting(ctx, "debug")) or "--debug" in argv,
                           as_json=as_json, command=name)
        return None

    def make_context(self, info_name, args, parent=None, **extra):
        """Keep the command line as typed (for --json on a usage error, and the internal error message)."""
        argv = list(args)
        ctx = super().make_context(info_name, args, parent=parent, **extra)
        ctx.meta["reportgen.argv"] = argv
        return ctx

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Lệnh"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, examples=[
    ("reportgen init thanhhoa", "tạo thư mục làm việc mới tên thanhhoa"),
    ("reportgen validate", "kiểm tra dữ liệu đầu vào"),
    ("reportgen build", "tạo mọi kế hoạch, báo cáo của năm mới nhất có báo cáo"),
    ("reportgen build -q", "như trên, chỉ in lỗi"),
])
@click.version_option(__version__, "--version", message="reportgen %(version)s", help="In phiên bản rồi thoát.")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """reportgen — soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu có cấu trúc.

    Các tùy chọn chung (--root, -q, -v, --json, --debug) ghi trước hoặc sau tên lệnh đều được.
    """
    ctx.ensure_object(dict)


cli.params[:0] = global_options(on_command=False)


def main() -> None:
    """Console-script entry point."""
    setup_output_encoding()
    run_guarded(cli, sys.argv[1:])
