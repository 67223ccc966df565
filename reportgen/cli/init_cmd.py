"""`reportgen init DIR`: a new working folder from the inputs and templates bundled in the package."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import click

from .common import guarded


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Cho phép ghi vào thư mục đã có inputs/ hoặc templates/.")
@guarded
def init_cmd(directory: Path, force: bool) -> None:
    """Tạo thư mục làm việc DIRECTORY với inputs/, templates/ và outputs/ từ bản mẫu đi kèm."""
    bundled = resources.files("reportgen") / "bundled"
    for name in ("inputs", "templates"):
        target = directory / name
        if target.exists() and not force:
            raise click.ClickException(f"«{target}» đã tồn tại; dùng --force để ghi đè.")
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("inputs", "templates"):
        with resources.as_file(bundled / name) as src:
            shutil.copytree(src, directory / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "~$*", ".~lock*"))
    (directory / "outputs").mkdir(exist_ok=True)
    click.echo(f"Đã tạo dự án tại «{directory}». Tiếp theo: cd {directory} && reportgen build")
