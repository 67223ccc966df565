"""`reportgen templates lint [FILE...]`: find where an edited Word template is broken, before a build."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem
from .base import group
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import FILE
from .progress import Activity


@group("templates", examples=[("reportgen templates lint", "kiểm tra mọi mẫu Word trong templates/")])
def templates_group() -> None:
    """Công cụ cho mẫu Word trong templates/."""


@templates_group.command("lint", examples=[
    ("reportgen templates lint", "kiểm tra mọi mẫu Word trong templates/ của dự án"),
    ("reportgen templates lint templates/ke-hoach-don-vi.docx", "chỉ kiểm tra một mẫu"),
])
@click.argument("files", nargs=-1, type=FILE)
@click.pass_context
@guarded
def lint_cmd(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Kiểm tra mẫu Word: thẻ bị tách, lỗi cú pháp, biến không có trong dữ liệu.

    TỆP: các tệp mẫu .docx; bỏ trống thì kiểm tra mọi mẫu trong templates/ của dự án.
    """
    from ..documents import template_contexts
    from ..render.lint import lint_template

    paths = list(files) or _project_templates(project_root(ctx))
    if not paths:
        raise click.UsageError("không có mẫu nào để kiểm tra; ghi đường dẫn tệp .docx")
    for path in paths:
        if not path.is_file():
            raise click.BadParameter(f"không có tệp «{path}»", param_hint="TỆP")
    problems: list[Problem] = []
    results = []
    with Activity(ctx, "Đang chuẩn bị dữ liệu mẫu để kiểm tra…") as activity:
        contexts = template_contexts()
        activity.say("Đang kiểm tra mẫu Word", total=len(paths))
        for path in paths:
            found = lint_template(path, contexts.get(path.name))
            problems.extend(found)
            errors = sum(1 for p in found if p.severity == "error")
            results.append({"file": str(path), "errors": errors, "warnings": len(found) - errors})
            activity.advance()
    broken = [r for r in results if r["errors"]]
    closing = "\n".join(f"{Path(r['file']).name}: {'có lỗi' if r['errors'] else 'không có lỗi'}." for r in results)
    if broken:
        closing += "\nSửa các chỗ nêu trên trong Word rồi chạy lại lệnh này trước khi build."
    finish(ctx, problems=problems, result={"templates": results}, exit_code=EXIT_FINDINGS if broken else EXIT_DONE,
           closing=closing)


def _project_templates(root: Path) -> list[Path]:
    folder = root / "templates"
    return sorted(p for p in folder.glob("*.docx") if not p.name.startswith(("~$", ".~lock"))) if folder.is_dir() else []
