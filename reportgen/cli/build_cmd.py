"""`reportgen build`: validate, then render every plan and report of year Y into `outputs/Y/`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem
from .base import command
from .common import guarded, project_root
from .options import path_for_user
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import COUNT, YEAR
from .progress import Activity

LIST_MAX_DOCUMENTS = 30   # above this the summary groups documents by kind

KIND_LABELS = {"ke-hoach": "Kế hoạch thực hiện của cơ quan, đơn vị", "bao-cao": "Báo cáo của cơ quan, đơn vị",
               "bao-cao-tong-hop": "Báo cáo tổng hợp"}
FORCE_HELP = ("Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
ELECTRONIC_HELP = ("Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản cấp; kèm PDF và tệp "
                   "thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
PHASES = {"load": "Đang đọc dữ liệu…", "prepare": "Đang chuẩn bị nội dung văn bản…",
          "render": "Đang tạo văn bản", "pdf": "Đang chuyển sang PDF"}


@command("build", examples=[
    ("reportgen build", "mọi văn bản của năm mới nhất có báo cáo"),
    ("reportgen build --year 2024 --force", "làm lại mọi văn bản năm 2024, ghi đè bản cũ"),
    ("reportgen build --list --force", "liệt kê từng tệp trong bảng tổng kết"),
])
@click.option("--year", type=YEAR, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo của các đơn vị).")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF bằng LibreOffice.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("-j", "--jobs", type=COUNT, help="Số tiến trình dùng để tạo văn bản (mặc định: số lõi CPU).")
@click.option("--list", "list_all", is_flag=True, help="Liệt kê từng văn bản trong bảng tổng kết.")
@click.option("--electronic", is_flag=True, help=ELECTRONIC_HELP)
@click.pass_context
@guarded
def build_cmd(ctx: click.Context, year: int | None, pdf: bool, force: bool, jobs: int | None, list_all: bool,
              electronic: bool) -> None:
    """Kiểm tra dữ liệu rồi tạo kế hoạch thực hiện của mọi cơ quan, báo cáo của mọi đơn vị đã gửi
    và báo cáo tổng hợp của năm vào outputs/<năm>/."""
    run_build(ctx, year=year, pdf=pdf, force=force, jobs=jobs, list_all=list_all, electronic=electronic)


def run_build(ctx: click.Context, *, year: int | None, pdf: bool, force: bool, jobs: int | None,
              kinds: list[str] | None = None, agencies: list[str] | None = None, list_all: bool = False,
              closing=None, electronic: bool = False) -> None:
    """Run the pipeline with a status line, then warnings (grouped), the summary table and the closing line."""
    from ..pipeline import build

    root = project_root(ctx)
    with Activity(ctx, PHASES["load"]) as activity:
        result = build(root, year=year, force=force, pdf=pdf, kinds=kinds, agencies=agencies, workers=jobs,
                       on_phase=lambda phase: activity.say(PHASES.get(phase, phase)),
                       on_start=lambda total, phase="render": activity.say(PHASES.get(phase, phase), total=total),
                       on_progress=lambda label, done, total: activity.advance(done, total), electronic=electronic)
    many = not list_all and len(result.documents) > LIST_MAX_DOCUMENTS
    lines = [(closing or build_closing)(result, root, many), *after_build_lines(result, pdf or electronic)]
    finish(ctx, problems=[*result.warnings, *pdf_problems(result, root)], result=build_result(result, root),
           exit_code=EXIT_FINDINGS if result.pdf_failed else EXIT_DONE,
           human=lambda: (_grouped_summary if many else _summary)(result, root),
           closing="\n".join(line for line in lines if line))


def after_build_lines(result, pdf: bool) -> list[str]:
    """The PDF count and the sample-data notice that follow the closing line of build, plan and report."""
    lines = []
    if pdf and result.documents:
        converted = sum(1 for b in result.documents if b.pdf is not None)
        line = f"PDF: đã chuyển {converted}/{len(result.documents)} văn bản"
        if result.pdf_retried:
            line += f" (thử lại {result.pdf_retried} văn bản)"
        lines.append(line + (f"; {len(result.pdf_failed)} văn bản không chuyển được." if result.pdf_failed else "."))
    if result.samples:
        lines.append(f"Lưu ý: {result.samples} văn bản được tạo từ DỮ LIỆU MẪU (sample: true) và mang dấu "
                     "«DỮ LIỆU MẪU» ở đầu mỗi trang; không dùng làm văn bản thật.")
    return lines


def pdf_problems(result, root: Path) -> list[Problem]:
    """Each document LibreOffice could not convert, with its reason (the build then exits 1)."""
    return [Problem(f"không tạo được PDF: {f.reason}", file=_rel(f.source, root), code="pdf.failed")
            for f in result.pdf_failed]


def build_result(result, root: Path) -> dict:
    """The `result` of build, plan and report in the JSON envelope."""
    counts: dict[str, int] = {}
    for built in result.documents:
        counts[built.spec.kind] = counts.get(built.spec.kind, 0) + 1
    return {
        "year": result.year,
        "output_dir": _rel(root / "outputs" / str(result.year), root),
        "counts": counts,
        "documents": [{"kind": b.spec.kind, "agency": b.spec.agency, "label": b.spec.label, "path": _rel(b.path, root),
                       "status": "replaced" if b.replaced else "created",
                       "pdf": _rel(b.pdf, root) if b.pdf is not None else None,
                       "metadata": _rel(b.metadata, root) if getattr(b, "metadata", None) is not None else None,
                       "sample": bool(b.spec.sample)} for b in result.documents],
    }


def build_closing(result, root: Path, grouped: bool) -> str:
    folder = path_for_user(root / "outputs" / str(result.year), root)
    line = f"Đã tạo {len(result.documents)} văn bản trong {folder}/"
    if grouped:
        line += " (dùng --list để liệt kê từng tệp)"
    report = next((b for b in result.documents if b.spec.kind == "bao-cao-tong-hop"), None)
    if report is not None:
        shown = path_for_user(report.path, root)
        line += f". Báo cáo tổng hợp: {shown}; kiểm tra thể thức: reportgen check {shown}"
    return line + "."


def _grouped_summary(result, root: Path) -> None:
    """One row per document kind (count and folder), for builds too long to list file by file."""
    from .tables import console, table

    out = table(f"Văn bản năm {result.year}", [("Loại văn bản", {"ratio": 3}), ("Số", {"justify": "right", "no_wrap": True}),
                                               ("Thư mục", {"ratio": 2}), ("Trạng thái", {"ratio": 1})])
    groups: dict[str, list] = {}
    for built in result.documents:
        groups.setdefault(built.spec.kind, []).append(built)
    for kind, items in groups.items():
        folders = sorted({path_for_user(b.path.parent, root) for b in items})
        out.add_row(KIND_LABELS.get(kind, kind), str(len(items)), ", ".join(f + "/" for f in folders), _status(items))
    console().print(out)


def _summary(result, root: Path) -> None:
    """A table of every document written."""
    from .tables import console, table

    out = table(f"Văn bản năm {result.year}", [("TT", {"justify": "right", "no_wrap": True}), ("Văn bản", {"ratio": 2}),
                                               ("Tệp", {"ratio": 2}), ("Trạng thái", {"ratio": 1})])
    for i, built in enumerate(result.documents, 1):
        out.add_row(str(i), built.spec.label, path_for_user(built.path, root), _status([built]))
    console().print(out)


def _status(items: list) -> str:
    replaced = sum(1 for b in items if b.replaced)
    if len(items) == 1:
        status = "đã thay" if replaced else "đã tạo"
    else:
        status = f"đã thay {replaced}" if replaced else "đã tạo"
    if any(b.pdf is not None for b in items):
        status += " + PDF"
    if any(getattr(b, "metadata", None) is not None for b in items):
        status += " + JSON"
    samples = sum(1 for b in items if b.spec.sample)
    if samples:
        status += " (dữ liệu mẫu)" if len(items) == 1 else f"; {samples} từ dữ liệu mẫu"
    return status


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
