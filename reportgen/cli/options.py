"""The options every command takes, wherever they are typed, and the project folder found upward.

`reportgen -q build` and `reportgen build -q` mean the same: the global options are
declared once here and attached both to the group and to every command (see
`base.Command`); each stores its value on the root context, where `setting()` reads it.
A value typed after the command wins over one typed before it.

Without `--root`, the project is the nearest folder, from the current one upward, that
holds `inputs/plan.yaml` (as git finds `.git`), so a command run from `outputs/2025/`
still finds its project.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

PROJECT_MARKER = Path("inputs") / "plan.yaml"

# name → (flags, help, is a flag); `--root` takes a folder.
GLOBAL_OPTIONS: dict[str, tuple[tuple[str, ...], str, bool]] = {
    "root": (("--root",), "Thư mục dự án chứa inputs/, templates/, outputs/ (mặc định: thư mục hiện tại, "
             "hoặc thư mục cha gần nhất có inputs/plan.yaml).", False),
    "quiet": (("-q", "--quiet"), "Chỉ in lỗi: không in cảnh báo, tiến trình và dòng kết quả.", True),
    "verbose": (("-v", "--verbose"), "In từng cảnh báo trên một dòng, thay cho dòng tóm tắt theo loại.", True),
    "json": (("--json",), "In kết quả dạng JSON (một cấu trúc chung cho mọi lệnh, xem docs/json.md).", True),
    "debug": (("--debug",), "Khi có lỗi nội bộ, in chi tiết kỹ thuật (traceback) ra màn hình.", True),
}
# Shown in each command's own --help (the others are listed in `reportgen --help`).
SHOWN_ON_COMMANDS = frozenset({"json"})


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Callback of a global option: keep a value that was given on the root context."""
    if value is None or value is False:
        return value
    root = ctx.find_root()
    root.ensure_object(dict)
    root.obj[param.name] = value
    return value


def global_options(*, on_command: bool) -> list[click.Option]:
    """Fresh `click.Option`s for the global options (a command gets its own objects)."""
    from .params import FOLDER

    out = []
    for name, (flags, help_, is_flag) in GLOBAL_OPTIONS.items():
        hidden = on_command and name not in SHOWN_ON_COMMANDS
        kwargs: dict[str, Any] = {"is_flag": True, "default": False} if is_flag else {"type": FOLDER, "default": None}
        out.append(click.Option([*flags, name], help=help_, expose_value=False, callback=_store, hidden=hidden,
                                **kwargs))
    return out


def setting(ctx: click.Context | None, name: str) -> Any:
    """The value of global option `name` for this run (None / False when not given)."""
    if ctx is None:
        ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    obj = ctx.find_root().obj
    return obj.get(name) if isinstance(obj, dict) else None


def is_quiet(ctx: click.Context | None = None) -> bool:
    return bool(setting(ctx, "quiet"))


def is_verbose(ctx: click.Context | None = None) -> bool:
    return bool(setting(ctx, "verbose")) and not is_quiet(ctx)


def wants_json(ctx: click.Context | None = None) -> bool:
    return bool(setting(ctx, "json"))


def project_root(ctx: click.Context | None = None) -> Path:
    """`--root` when given, else the project found upward from the current folder, else the current folder."""
    given = setting(ctx, "root")
    if given:
        return Path(given)
    found = find_project(Path.cwd())
    if found is None:
        return Path(".")
    return Path(os.path.relpath(found)) if _inside(Path.cwd(), found) else found


def find_project(start: Path) -> Path | None:
    """The nearest folder from `start` upward that holds `inputs/plan.yaml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PROJECT_MARKER).is_file():
            return folder
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def path_for_user(path: Path, root: Path) -> str:
    """A path as a person should type it: from the current folder when it is inside the project
    (run from `outputs/2025/`, the report is `BC-tong-hop-2025.docx`), else from the project folder.

    JSON results always give paths from the project folder (docs/json.md); this is for the lines
    people read and the commands they copy from them.
    """
    here = Path.cwd()
    if _inside(here, root) and here.resolve() != Path(root).resolve():
        return Path(os.path.relpath(Path(path).resolve(), here.resolve())).as_posix()
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)

