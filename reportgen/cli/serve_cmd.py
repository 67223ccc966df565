"""`reportgen serve`: run the reporting season's web intake on this machine.

A long-running command on the shared CLI base, as far as a server allows: what stops it
before it serves (packages missing, no `inputs/`, a bad database, a port in use) is a
usage error (exit 2) in Vietnamese, an envelope with `--json`; while it runs, one line
says where it is and how to stop it; Ctrl-C stops it cleanly and it ends like every
interrupted command (exit 130), with its closing line or, with `--json`, its envelope.
"""

from __future__ import annotations

import socket

import click

from ..errors import Problem, UsageError
from .base import command
from .common import guarded, project_root
from .options import is_quiet, wants_json
from .output import EXIT_INTERRUPTED, echo_problems, finish
from .params import PORT
from .progress import Activity

SERVE_MODULES = ("starlette", "uvicorn", "multipart", "sqlalchemy", "alembic")


def require_serve_packages() -> None:
    """Stop with one Vietnamese line when the optional `[serve]` packages are not installed."""
    import importlib.util

    missing = [m for m in SERVE_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise UsageError(Problem(f"thiếu thư viện cho trang tiếp nhận ({', '.join(missing)}); "
                                   "cài bằng: pip install 'reportgen[serve]'", code="usage.serve.missing-packages"))


def db_option(func):
    """`--db URL`, shared with `reportgen links` (default: SQLite in the project folder)."""
    return click.option("--db", "db_url", metavar="URL", envvar="REPORTGEN_DB",
                        help="Cơ sở dữ liệu: mặc định tệp SQLite reportgen-serve.sqlite3 trong thư mục dự án; "
                             "hoặc PostgreSQL, ví dụ postgresql://nguoidung:matkhau@may:5432/baocao "
                             "(biến môi trường REPORTGEN_DB).")(func)


def check_port_free(host: str, port: int) -> None:
    """Refuse (exit 2) a port another program holds, before uvicorn says so in English and exits 1."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(Problem(f"không tìm thấy địa chỉ «{host}»; dùng --host 127.0.0.1 (chỉ máy này) "
                                   "hoặc --host 0.0.0.0 (mọi máy trong mạng)", code="usage.serve.host")) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as uvicorn does: TIME_WAIT is not "in use"
        try:
            probe.bind(address)
        except OSError:
            raise UsageError(Problem(f"cổng {port} trên «{host}» đang được chương trình khác dùng (hoặc không được "
                                       "phép dùng); chọn cổng khác, ví dụ --port 8080",
                                       code="usage.serve.port-in-use")) from None


@command("serve", examples=[
    ("reportgen serve", "chỉ máy này mở được: http://127.0.0.1:8000/ (dừng bằng Ctrl+C)"),
    ("reportgen serve --host 0.0.0.0 --port 8080", "các máy trong mạng nội bộ mở được, ở cổng 8080"),
])
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ĐỊA_CHỈ",
              help="Địa chỉ lắng nghe; 0.0.0.0 để máy khác trong mạng truy cập được.")
@click.option("--port", type=PORT, default=8000, show_default=True,
              help="Cổng (từ 1 đến 65535).")
@db_option
@click.option("--behind-proxy", is_flag=True,
              help="Chạy sau máy chủ chuyển tiếp (nginx...): lấy địa chỉ người dùng từ X-Forwarded-For.")
@click.pass_context
@guarded
def serve_cmd(ctx: click.Context, host: str, port: int, db_url: str | None, behind_proxy: bool) -> None:
    """Chạy trang tiếp nhận báo cáo: các đơn vị nộp qua đường liên kết riêng (xem «reportgen links»).

    Chạy đến khi bấm Ctrl+C (mã thoát 130, như mọi lệnh bị dừng).
    """
    require_serve_packages()
    import uvicorn

    from ..errors import ReportgenError
    from ..serve.app import create_app
    from ..serve.db import default_url, shown_url
    from ..serve.settings import Settings

    root = project_root(ctx).resolve()
    if not (root / "inputs").is_dir():
        raise UsageError(Problem(f"không thấy thư mục inputs/ trong «{root}»; chạy lệnh trong thư mục dự án "
                                   "hoặc dùng --root", code="project.not-found"))
    check_port_free(host, port)
    url = db_url or default_url(root)
    settings = Settings(root=root, db_url=url, trust_proxy=behind_proxy)
    problems: list[Problem] = []
    with Activity(ctx, "Đang mở cơ sở dữ liệu và đọc kế hoạch…"):
        app = create_app(settings)
        try:
            app.state.intake.projects.base()       # read the plan now, not on the first visitor's request
        except ReportgenError as exc:
            problems = list(exc.problems)
    result = {"url": f"http://{host}:{port}/", "root": str(root), "database": shown_url(url),
              "intake_open": not problems}
    if problems and not wants_json(ctx):
        click.echo("Cảnh báo: kế hoạch hoặc danh mục cơ quan đang có lỗi, các đơn vị chưa nộp được báo cáo "
                   "(sửa rồi chạy «reportgen validate»):", err=True)
        echo_problems(problems, verbose=True)
    if not is_quiet(ctx) and not wants_json(ctx):
        click.echo(f"Trang tiếp nhận báo cáo đang chạy tại {result['url']} (dự án: {root}). Bấm Ctrl+C để dừng.")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                    proxy_headers=behind_proxy, server_header=False)
    except KeyboardInterrupt:
        pass
    finish(ctx, problems=problems, result=result, exit_code=EXIT_INTERRUPTED,
           closing="Đã dừng trang tiếp nhận báo cáo. Các báo cáo đã nhận nằm trong inputs/submissions/; "
                   "tiếp theo: reportgen status, rồi reportgen build.")
