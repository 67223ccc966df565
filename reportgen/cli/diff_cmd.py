"""`reportgen diff OLD NEW`: what changed between two drafts (terminal, HTML, tracked changes).

Exit codes as `diff`: 0 the drafts are equal, 1 they differ, 2 usage error, or a file that
cannot be read or is not a valid report (an Excel form with errors): "different" and
"the new file is broken" never share an exit code.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from .base import command
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import FILE
from .progress import Activity

_DOCX = (".docx", ".docm")
_STRUCTURED = (".yaml", ".yml", ".json")


@command("diff", examples=[
    ("reportgen diff inputs/submissions/2024/SYT.yaml inputs/submissions/2025/SYT.yaml",
     "số liệu, nhiệm vụ nào đã đổi giữa hai báo cáo"),
    ("reportgen diff du-thao-1.docx du-thao-2.docx --redline thay-doi.docx",
     "bản Word của dự thảo 2 có đánh dấu thay đổi so với dự thảo 1"),
])
@click.argument("old", type=FILE, metavar="BẢN_CŨ")
@click.argument("new", type=FILE, metavar="BẢN_MỚI")
@click.option("--stat", is_flag=True, help="Chỉ in một dòng tóm tắt cho mỗi loại thay đổi.")
@click.option("--html", "html_file", type=FILE, help="Ghi trang HTML so sánh (tự chứa, không cần mạng) vào tệp này.")
@click.option("--layout", type=click.Choice(["side", "inline"]), default="side", show_default=True,
              help="Cách xem ban đầu của trang HTML: hai cột (side) hoặc gộp một cột (inline).")
@click.option("--redline", "redline_file", type=FILE,
              help="Ghi bản Word của BẢN_MỚI có đánh dấu thay đổi (Track Changes) so với BẢN_CŨ.")
@click.option("--author", default="reportgen", show_default=True, metavar="TÊN",
              help="Tên người sửa ghi trên các thay đổi.")
@click.option("--date", "rev_date", metavar="NGÀY",
              help="Ngày ghi trên các thay đổi (2024-12-10, 10/12/2024 hoặc 2024-12-10T08:00:00Z); "
                   "mặc định: ngày sửa đổi ghi trong thuộc tính của BẢN_MỚI, nếu không có thì thời điểm hiện tại.")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả đã có.")
@click.pass_context
@guarded
def diff_cmd(ctx: click.Context, old: Path, new: Path, stat: bool, html_file: Path | None,
             layout: str, redline_file: Path | None, author: str, rev_date: str | None, force: bool) -> None:
    """So sánh hai dự thảo (.docx) hoặc hai báo cáo số liệu (.xlsx/.yaml/.json).

    Mã thoát: 0 hai bản giống nhau, 1 có khác biệt, 2 một tệp không đọc được hoặc không hợp lệ.
    """
    kinds = {_kind(old), _kind(new)}
    if None in kinds or len(kinds) != 1:
        raise click.UsageError("hai tệp phải cùng loại: cùng .docx, hoặc cùng là báo cáo số liệu (.xlsx/.yaml/.json)")
    if redline_file is not None and redline_file.suffix.lower() != ".docx":
        raise click.BadParameter("tệp đánh dấu thay đổi luôn là tệp Word .docx (không có macro); "
                                 "hãy đặt tên có đuôi .docx", param_hint="--redline")
    from ..manifest import Manifest

    manifest = Manifest(project_root(ctx))   # its own earlier outputs are replaced, anything else needs --force
    manifest.check([t for t in (html_file, redline_file) if t is not None], force=force)
    if kinds == {"structured"}:
        if html_file or redline_file:
            raise click.UsageError("--html và --redline chỉ dùng cho tệp .docx")
        _structured(ctx, old, new, stat=stat, root=project_root(ctx))
    date = _parse_date(rev_date) if rev_date else None
    try:
        _docx(ctx, old, new, stat=stat, html_file=html_file, layout=layout,
              redline_file=redline_file, author=author, date=date, write=manifest.write, save=manifest.save)
    finally:
        manifest.save()


def _docx(ctx: click.Context, old: Path, new: Path, *, stat: bool, html_file: Path | None, layout: str,
          redline_file: Path | None, author: str, date: str | None, write, save) -> None:
    from ..diff import compare_docx

    with Activity(ctx, "Đang so sánh hai bản…") as activity:
        diff = compare_docx(old, new)
        activity.say("Đang ghi kết quả…")
        written = _write_outputs(diff, new, html_file=html_file, layout=layout, redline_file=redline_file,
                                 author=author, date=date, write=write)
    save()   # `finish` ends the process: the manifest records the written files before
    data = diff.to_json()
    result = {"format": "docx", **data, "written": [str(p) for p in written]}

    def human() -> None:
        from rich.console import Console

        from ..diff.render_text import print_changes, print_stat

        console = Console(highlight=False, soft_wrap=True)
        for note in diff.notes:
            click.echo(f"Ghi chú: {note}", err=True)
        if stat:
            print_stat(diff, console)
        else:
            print_changes(diff, console)

    closing = _closing(diff.equal, len(diff.changes), written)
    finish(ctx, result=result, exit_code=EXIT_DONE if diff.equal else EXIT_FINDINGS, human=human, closing=closing)


def _write_outputs(diff, new: Path, *, html_file: Path | None, layout: str, redline_file: Path | None,
                   author: str, date: str | None, write) -> list[Path]:
    """The HTML page and the redline .docx asked for; the files written."""
    from ..diff import default_redline_date, redline_docx

    written = []
    if html_file is not None:
        from ..diff.render_html import render_html

        write(html_file, render_html(diff, layout=layout).encode("utf-8"))
        written.append(html_file)
    if redline_file is not None:
        date = date or default_redline_date(diff)
        write(redline_file, redline_docx(diff, author=author, date=date))
        written.append(redline_file)
    return written


def _structured(ctx: click.Context, old: Path, new: Path, *, stat: bool, root: Path) -> None:
    from ..diff.structured import KIND_LABELS, compare_submissions, load_plain

    changes = compare_submissions(load_plain(old, root), load_plain(new, root))
    summary = {kind: sum(1 for c in changes if c.kind == kind) for kind in KIND_LABELS}
    result = {"format": "data", "old": old.name, "new": new.name, "equal": not changes, "summary": summary,
              "notes": [], "changes": [c.to_json() for c in changes], "written": []}

    def human() -> None:
        if stat:
            for kind, label in KIND_LABELS.items():
                click.echo(f"{label}: {summary[kind]}")
        else:
            for c in changes:
                click.echo(str(c))

    finish(ctx, result=result, exit_code=EXIT_FINDINGS if changes else EXIT_DONE, human=human,
           closing=_closing(not changes, len(changes), []))


def _closing(equal: bool, n: int, written: list[Path]) -> str | None:
    """`Hai bản giống nhau…` when equal (the list itself ends with its own total), and each file written."""
    lines = ["Hai bản giống nhau: không có thay đổi."] if equal else []
    lines += [f"Đã ghi {path}." for path in written]
    return "\n".join(lines) or None


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _DOCX:
        return "docx"
    if suffix in _STRUCTURED:
        return "structured"
    if suffix == ".xlsx":
        return "structured"
    return None


def _parse_date(text: str) -> str:
    """`2024-12-10`, `10/12/2024`, `2024-12-10T08:00:00(Z)` → `2024-12-10T08:00:00Z`."""
    t = text.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        t = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        t += "T00:00:00Z"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", t):
        t += "Z"
    from datetime import datetime

    try:
        datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise click.BadParameter(f"ngày không hợp lệ: {text!r} (ví dụ: 2024-12-10 hoặc 10/12/2024).",
                                 param_hint="--date") from None
    return t
