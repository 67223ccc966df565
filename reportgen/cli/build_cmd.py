"""`reportgen build`: validate, then render every plan and report of year Y into `outputs/Y/`."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from ..errors import Problem
from ..files import shown_path
from .common import echo_problems, guarded, is_quiet, project_root

PROGRESS_MIN_DOCUMENTS = 10
LIST_MAX_DOCUMENTS = 30   # above this the summary groups documents by kind


@click.command("build")
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo của các đơn vị).")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF bằng LibreOffice.")
@click.option("--force", is_flag=True, help="Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Số tiến trình dùng để tạo văn bản (mặc định: số lõi CPU).")
@click.option("--list", "list_all", is_flag=True, help="Liệt kê từng văn bản trong bảng tổng kết.")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def build_cmd(ctx: click.Context, year: int | None, pdf: bool, force: bool, jobs: int | None, list_all: bool,
              electronic: bool) -> None:
    """Kiểm tra dữ liệu rồi tạo kế hoạch thực hiện của mọi cơ quan, báo cáo của mọi đơn vị đã gửi
    và báo cáo tổng hợp của năm vào outputs/<năm>/."""
    run_build(ctx, year=year, pdf=pdf, force=force, jobs=jobs, list_all=list_all, electronic=electronic)


def run_build(ctx: click.Context, *, year: int | None, pdf: bool, force: bool, jobs: int | None,
              kinds: list[str] | None = None, agencies: list[str] | None = None, list_all: bool = False,
              electronic: bool = False) -> None:
    """Run the pipeline with a progress bar, print warnings and the summary table."""
    from ..pipeline import build

    quiet = is_quiet(ctx)
    with _Progress(enabled=not quiet) as progress:
        result = build(project_root(ctx), year=year, force=force, pdf=pdf, kinds=kinds, agencies=agencies,
                       workers=jobs, on_start=progress.start, on_progress=progress.advance, electronic=electronic)
    echo_problems(result.warnings, quiet=quiet)
    if not quiet:
        if list_all or len(result.documents) <= LIST_MAX_DOCUMENTS:
            _summary(result, project_root(ctx))
        else:
            _grouped_summary(result, project_root(ctx))
        echo_samples(result)
    finish_pdf(ctx, result, pdf, quiet)


def echo_samples(result) -> None:
    """Say when documents were built from sample data (they carry the mark in their header)."""
    if result.samples:
        click.echo(f"Lưu ý: {result.samples} văn bản được tạo từ DỮ LIỆU MẪU (sample: true) và mang dấu "
                   "«DỮ LIỆU MẪU» ở đầu mỗi trang; không dùng làm văn bản thật.")


def finish_pdf(ctx: click.Context, result, pdf: bool, quiet: bool) -> None:
    """The PDF summary: how many converted, each failure with LibreOffice's reason; exit 1 when any failed."""
    if not pdf or not result.documents:
        return
    converted = sum(1 for b in result.documents if b.pdf is not None)
    if not quiet:
        line = f"PDF: đã chuyển {converted}/{len(result.documents)} văn bản"
        if result.pdf_retried:
            line += f" (thử lại {result.pdf_retried} văn bản)"
        click.echo(line + (f"; {len(result.pdf_failed)} văn bản không chuyển được." if result.pdf_failed else "."))
    if result.pdf_failed:
        echo_problems([Problem(f"không tạo được PDF: {f.reason}", file=shown_path(f.source, project_root(ctx)))
                       for f in result.pdf_failed])
        ctx.exit(1)


KIND_LABELS = {"ke-hoach": "Kế hoạch thực hiện của cơ quan, đơn vị", "bao-cao": "Báo cáo của cơ quan, đơn vị",
               "bao-cao-tong-hop": "Báo cáo tổng hợp"}


def _grouped_summary(result, root: Path) -> None:
    """One row per document kind (count and folder), for builds too long to list file by file."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Văn bản năm {result.year}")
    table.add_column("Loại văn bản")
    table.add_column("Số văn bản", justify="right")
    table.add_column("Thư mục")
    table.add_column("Trạng thái")
    groups: dict[str, list] = {}
    for built in result.documents:
        groups.setdefault(built.spec.kind, []).append(built)
    for kind, items in groups.items():
        folders = sorted({shown_path(b.path.parent, root) for b in items})
        replaced = sum(1 for b in items if b.replaced)
        status = f"đã thay {replaced}" if replaced else "đã tạo"
        if any(b.pdf is not None for b in items):
            status += " + PDF"
        if any(b.metadata is not None for b in items):
            status += " + JSON"
        samples = sum(1 for b in items if b.spec.sample)
        if samples:
            status += f"; {samples} từ dữ liệu mẫu"
        table.add_row(KIND_LABELS.get(kind, kind), str(len(items)), ", ".join(folders) + "/", status)
    Console(width=160, soft_wrap=False).print(table)
    click.echo(f"Đã tạo {len(result.documents)} văn bản trong {shown_path(root / 'outputs' / str(result.year), root)}/ "
               "(dùng --list để liệt kê từng tệp).")


def _summary(result, root: Path) -> None:
    """A table of every document written, then one line with the totals."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Văn bản năm {result.year}", show_lines=False)
    table.add_column("TT", justify="right")
    table.add_column("Văn bản")
    table.add_column("Tệp")
    table.add_column("Trạng thái")
    for i, built in enumerate(result.documents, 1):
        status = "đã thay" if built.replaced else "đã tạo"
        if built.pdf is not None:
            status += " + PDF"
        if built.metadata is not None:
            status += " + JSON"
        if built.spec.sample:
            status += " (dữ liệu mẫu)"
        table.add_row(str(i), built.spec.label, shown_path(built.path, root), status)
    console = Console(width=160, soft_wrap=False)
    console.print(table)
    click.echo(f"Đã tạo {len(result.documents)} văn bản trong {shown_path(root / 'outputs' / str(result.year), root)}/.")


class _Progress:
    """A rich progress bar on stderr for long runs: rendering, then PDF conversion (refreshed on each file)."""

    LABELS = {"render": "Đang tạo văn bản", "pdf": "Đang chuyển sang PDF"}

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None
        self._task = None
        self._lock = threading.Lock()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, total: int, phase: str = "render") -> None:
        if not self.enabled or total < PROGRESS_MIN_DOCUMENTS:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        if self._bar is None:
            console = Console(stderr=True)
            if not console.is_terminal:   # a log file or a pipe gets the summary only
                return
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, auto_refresh=False, transient=True)
            self._bar.start()
        if self._task is not None:
            self._bar.remove_task(self._task)
        self._task = self._bar.add_task(self.LABELS.get(phase, phase), total=total)

    def advance(self, label: str, done: int, total: int) -> None:
        """Called from the render loop, or from the PDF workers' threads."""
        if self._bar is not None:
            with self._lock:
                self._bar.update(self._task, completed=done, refresh=True)
