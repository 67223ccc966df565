"""`reportgen serve`: run the reporting season's web intake on this machine."""

from __future__ import annotations

import click

from .common import guarded, is_quiet, project_root

SERVE_MODULES = ("starlette", "uvicorn", "multipart", "sqlalchemy", "alembic")


def require_serve_packages() -> None:
    """Stop with one Vietnamese line when the optional `[serve]` packages are not installed."""
    import importlib.util

    missing = [m for m in SERVE_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise click.UsageError(f"thiếu thư viện cho trang tiếp nhận ({', '.join(missing)}); "
                               "cài bằng: pip install 'reportgen[serve]'")


def db_option(func):
    """`--db URL`, shared with `reportgen links` (default: SQLite in the project folder)."""
    return click.option("--db", "db_url", metavar="URL", envvar="REPORTGEN_DB",
                        help="Cơ sở dữ liệu: mặc định tệp SQLite reportgen-serve.sqlite3 trong thư mục dự án; "
                             "hoặc PostgreSQL, ví dụ postgresql://nguoidung:matkhau@may:5432/baocao "
                             "(biến môi trường REPORTGEN_DB).")(func)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe; 0.0.0.0 để máy khác trong mạng truy cập được.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Cổng.")
@db_option
@click.option("--behind-proxy", is_flag=True,
              help="Chạy sau máy chủ chuyển tiếp (nginx...): lấy địa chỉ người dùng từ X-Forwarded-For.")
@click.pass_context
@guarded
def serve_cmd(ctx: click.Context, host: str, port: int, db_url: str | None, behind_proxy: bool) -> None:
    """Chạy trang tiếp nhận báo cáo: các đơn vị nộp qua đường liên kết riêng (xem «reportgen links»)."""
    require_serve_packages()
    import uvicorn

    from ..serve.app import create_app
    from ..serve.db import default_url
    from ..serve.settings import Settings

    root = project_root(ctx).resolve()
    if not (root / "inputs").is_dir():
        raise click.UsageError(f"không thấy thư mục inputs/ trong «{root}»; dùng --root")
    settings = Settings(root=root, db_url=db_url or default_url(root), trust_proxy=behind_proxy)
    app = create_app(settings)
    from ..errors import ReportgenError

    try:
        app.state.intake.projects.base()           # read the plan now, not on the first visitor's request
    except ReportgenError as exc:
        click.echo("Cảnh báo: kế hoạch hoặc danh mục cơ quan đang có lỗi, các đơn vị chưa nộp được báo cáo "
                   "(chạy «reportgen validate» để xem):", err=True)
        for problem in exc.problems[:20]:
            click.echo(f"  {problem}", err=True)
    if not is_quiet(ctx):
        click.echo(f"Trang tiếp nhận báo cáo đang chạy tại http://{host}:{port}/ (dữ liệu: {root}). "
                   "Bấm Ctrl+C để dừng.")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                proxy_headers=behind_proxy, server_header=False)
