"""`reportgen templates lint [FILE...]`: find where an edited Word template is broken, before a build."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_problems, guarded, is_quiet, project_root


@click.group("templates")
def templates_group() -> None:
    """Công cụ cho mẫu Word trong templates/."""


@templates_group.command("lint")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@guarded
def lint_cmd(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Kiểm tra mẫu Word: thẻ bị tách, lỗi cú pháp, biến không có trong dữ liệu.

    FILES: các tệp mẫu .docx; bỏ trống thì kiểm tra mọi mẫu trong templates/ của dự án.
    """
    from ..documents import template_contexts
    from ..render.lint import lint_template

    paths = list(files) or _project_templates(project_root(ctx))
    if not paths:
        raise click.UsageError("không có mẫu nào để kiểm tra; ghi đường dẫn tệp .docx")
    contexts = template_contexts()
    errors = 0
    for path in paths:
        if not path.is_file():
            raise click.BadParameter(f"không có tệp «{path}»", param_hint="FILES")
        problems = lint_template(path, contexts.get(path.name))
        echo_problems(problems, quiet=is_quiet(ctx))
        errors += sum(1 for p in problems if p.severity == "error")
        if not is_quiet(ctx):
            status = "không có lỗi" if not any(p.severity == "error" for p in problems) else "có lỗi"
            click.echo(f"{path.name}: {status}.")
    ctx.exit(1 if errors else 0)


def _project_templates(root: Path) -> list[Path]:
    folder = root / "templates"
    return sorted(p for p in folder.glob("*.docx") if not p.name.startswith(("~$", ".~lock"))) if folder.is_dir() else []
