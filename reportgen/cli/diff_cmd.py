"""`reportgen diff OLD NEW`: what changed between two drafts (terminal, HTML, tracked changes).

Exit codes as `diff`: 0 the drafts are equal, 1 they differ, 2 usage error or unreadable file.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from .common import echo_json, guarded, is_quiet, project_root

_DOCX = (".docx", ".docm")
_STRUCTURED = (".yaml", ".yml", ".json")


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stat", is_flag=True, help="Chỉ in một dòng tóm tắt cho mỗi loại thay đổi.")
@click.option("--json", "as_json", is_flag=True, help="In toàn bộ danh sách thay đổi dạng JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi trang HTML so sánh (tự chứa, không cần mạng) vào tệp này.")
@click.option("--layout", type=click.Choice(["side", "inline"]), default="side", show_default=True,
              help="Cách xem ban đầu của trang HTML: hai cột (side) hoặc gộp một cột (inline).")
@click.option("--redline", "redline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi bản Word của NEW có đánh dấu thay đổi (Track Changes) so với OLD.")
@click.option("--author", default="reportgen", show_default=True, help="Tên người sửa ghi trên các thay đổi.")
@click.option("--date", "rev_date", metavar="NGÀY",
              help="Ngày ghi trên các thay đổi (2024-12-10, 10/12/2024 hoặc 2024-12-10T08:00:00Z); "
                   "mặc định: ngày sửa đổi ghi trong thuộc tính của NEW, nếu không có thì thời điểm hiện tại.")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả đã có.")
@click.pass_context
@guarded
def diff_cmd(ctx: click.Context, old: Path, new: Path, stat: bool, as_json: bool, html_file: Path | None,
             layout: str, redline_file: Path | None, author: str, rev_date: str | None, force: bool) -> None:
    """So sánh hai dự thảo (.docx) hoặc hai báo cáo số liệu (.yaml/.json/.xlsx); mã thoát 0 giống nhau, 1 khác nhau."""
    kinds = {_kind(old), _kind(new)}
    if None in kinds or len(kinds) != 1:
        raise click.UsageError("Hai tệp phải cùng loại: cùng .docx, hoặc cùng là báo cáo số liệu (.yaml/.json/.xlsx).")
    if redline_file is not None and redline_file.suffix.lower() != ".docx":
        raise click.BadParameter("tệp đánh dấu thay đổi luôn là tệp Word .docx (không có macro); "
                                 "hãy đặt tên có đuôi .docx", param_hint="--redline")
    from ..manifest import Manifest

    manifest = Manifest(project_root(ctx))   # its own earlier outputs are replaced, anything else needs --force
    manifest.check([t for t in (html_file, redline_file) if t is not None], force=force)
    if kinds == {"structured"}:
        if html_file or redline_file:
            raise click.UsageError("--html và --redline chỉ dùng cho tệp .docx.")
        _structured(old, new, stat=stat, as_json=as_json, quiet=is_quiet(ctx), root=project_root(ctx))
        return
    date = _parse_date(rev_date) if rev_date else None
    try:
        _docx(old, new, stat=stat, as_json=as_json, html_file=html_file, layout=layout,
              redline_file=redline_file, author=author, date=date, write=manifest.write, quiet=is_quiet(ctx))
    finally:
        manifest.save()


def _docx(old: Path, new: Path, *, stat: bool, as_json: bool, html_file: Path | None, layout: str,
          redline_file: Path | None, author: str, date: str | None, write, quiet: bool) -> None:
    from rich.console import Console

    from ..diff import compare_docx, default_redline_date, redline_docx

    diff = compare_docx(old, new)
    written = []
    if html_file is not None:
        from ..diff.render_html import render_html

        write(html_file, render_html(diff, layout=layout).encode("utf-8"))
        written.append(html_file)
    if redline_file is not None:
        date = date or default_redline_date(diff)
        write(redline_file, redline_docx(diff, author=author, date=date))
        written.append(redline_file)
    if as_json:
        echo_json(diff.to_json())
    else:
        from ..diff.render_text import print_changes, print_stat

        console = Console(highlight=False, soft_wrap=True)
        if not quiet:
            for note in diff.notes:
                click.echo(f"Ghi chú: {note}", err=True)
        if stat:
            print_stat(diff, console)
        elif not quiet:
            print_changes(diff, console)
        for path in written:
            click.echo(f"Đã ghi {path}", err=True)
    raise SystemExit(0 if diff.equal else 1)


def _structured(old: Path, new: Path, *, stat: bool, as_json: bool, quiet: bool, root: Path) -> None:
    from ..diff.structured import compare_submissions, load_plain

    changes = compare_submissions(load_plain(old, root), load_plain(new, root))
    if as_json:
        echo_json({"old": old.name, "new": new.name, "equal": not changes,
                   "changes": [c.to_json() for c in changes]})
    elif stat:
        for kind, label in (("insert", "Thêm"), ("delete", "Xóa"), ("change", "Sửa")):
            click.echo(f"{label}: {sum(1 for c in changes if c.kind == kind)}")
    elif not quiet:
        for c in changes:
            click.echo(str(c))
        if not changes:
            click.echo("Hai bản giống nhau: không có thay đổi.")
    raise SystemExit(0 if not changes else 1)


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
