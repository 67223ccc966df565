"""`reportgen agencies [--year Y] [WORDS]`: the bodies of the registry and their codes, searchable.

The codes are what every other command takes (`reportgen plan SYT`); a person looking
for one types part of a name, with or without accents (`reportgen agencies nga son`).
"""

from __future__ import annotations

import click

from ..errors import Problem, UsageError
from .base import command
from .common import guarded, project_root
from .output import finish
from .params import YEAR
from .progress import Activity

KIND_LABELS = {
    "ubnd-tinh": "UBND tỉnh", "so": "Sở, ngành", "nganh": "Ngành", "trung-uong": "Cơ quan Trung ương",
    "hdnd": "HĐND", "mttq": "Mặt trận Tổ quốc", "doan-the": "Đoàn thể", "ubnd-huyen": "UBND cấp huyện",
    "ubnd-xa": "UBND cấp xã",
}


@command("agencies", examples=[
    ("reportgen agencies", "mọi cơ quan, đơn vị trong danh mục, kèm thời gian hoạt động"),
    ("reportgen agencies y tế", "tìm theo tên, có dấu hay không dấu đều được"),
    ("reportgen agencies --year 2025 nga son", "chỉ các đơn vị còn hoạt động năm 2025"),
])
@click.argument("words", nargs=-1, metavar="[TỪ_KHÓA]...")
@click.option("--year", type=YEAR, help="Chỉ liệt kê cơ quan, đơn vị hoạt động trong năm này.")
@click.pass_context
@guarded
def agencies_cmd(ctx: click.Context, words: tuple[str, ...], year: int | None) -> None:
    """Liệt kê và tìm cơ quan, đơn vị trong danh mục (inputs/agencies.yaml) cùng mã của họ.

    TỪ_KHÓA: một phần mã hoặc tên (không phân biệt hoa thường, có dấu hay không dấu);
    bỏ trống thì liệt kê tất cả.
    """
    from ..load import load_project
    from ..model.lookup import search_agencies
    from ..model.routing import reference_day

    with Activity(ctx, "Đang đọc danh mục cơ quan…"):
        project = load_project(project_root(ctx), submissions=False)
    project.require_valid()
    plan, registry = project.plan, project.registry
    day = None
    if year is not None:
        first, last = plan.reporting.first_year, plan.reporting.last_year
        if not first <= year <= last:
            raise UsageError(Problem(f"năm {year} nằm ngoài thời gian thực hiện của kế hoạch ({first}–{last})",
                                       code="usage.year.out-of-plan"))
        day = reference_day(plan, year)
    found = search_agencies(registry, words, day)
    rows = [_row(registry, a) for a in found]
    closing = (f"{len(found)} cơ quan, đơn vị" + (f" hoạt động năm {year}" if year else "")
               + (f" khớp «{' '.join(words)}»" if words else "")
               + ". Dùng mã ở cột «Mã» trong các lệnh khác, ví dụ: reportgen plan " + _example(found) + ".")
    if not found:
        closing = ("Không tìm thấy cơ quan, đơn vị nào" + (f" khớp «{' '.join(words)}»" if words else "")
                   + (f" hoạt động năm {year}" if year else "") + ". Thử ít từ hơn, hoặc bỏ --year.")
    finish(ctx, result={"year": year, "words": list(words), "agencies": rows},
           human=(lambda: _print_table(rows, year)) if found else None, closing=closing)


def _example(found: list) -> str:
    """A code to show in the closing line's example: a department's, which always has tasks, if one was found."""
    return next((a.code for a in found if a.kind == "so"), found[0].code if found else "SYT")


def _row(registry, agency) -> dict:
    return {
        "code": agency.code, "name": agency.name, "short_name": agency.display_name, "kind": agency.kind,
        "kind_label": KIND_LABELS.get(agency.kind, agency.kind),
        "valid_from": agency.valid_from.isoformat() if agency.valid_from else None,
        "valid_to": agency.valid_to.isoformat() if agency.valid_to else None,
        "successors": [{"code": r.body, "name": registry[r.body].display_name if r.body in registry else r.body,
                        "date": r.date.isoformat()} for r in agency.successors],
    }


def _print_table(rows: list[dict], year: int | None) -> None:
    from ..vn import short_date
    from .tables import console, table

    columns = [("Mã", {"no_wrap": True, "overflow": "fold"}), ("Tên", {"ratio": 3}), ("Loại", {"ratio": 1})]
    if year is None:
        columns.append(("Hoạt động", {"ratio": 2}))
    out = table(f"Danh mục cơ quan, đơn vị{f' năm {year}' if year else ''}", columns)
    from datetime import date

    for r in rows:
        cells = [r["code"], r["name"], r["kind_label"]]
        if year is None:
            cells.append(_period(r, short_date, date))
        out.add_row(*cells)
    console().print(out)


def _period(row: dict, short_date, date) -> str:
    start = f"từ {short_date(date.fromisoformat(row['valid_from']))}" if row["valid_from"] else ""
    if not row["valid_to"]:
        return start or "đang hoạt động"
    end = f"đến {short_date(date.fromisoformat(row['valid_to']))}"
    after = ", ".join(s["code"] for s in row["successors"])
    return " ".join(p for p in (start, end) if p) + (f"; kế nhiệm: {after}" if after else "")
