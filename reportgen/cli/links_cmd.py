"""`reportgen links --year Y`: one private link per responsible body and one for the secretariat.

On the shared CLI base: Vietnamese usage and examples, the global options anywhere, the
agencies typed as codes or names (with suggestions), the `--json` envelope whose `result`
has one shape for issuing, listing and revoking, and a closing line saying where the links
are and what to do with them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from ..errors import Problem, ReportgenError, UsageError
from .base import command
from .common import guarded, project_root
from .output import finish
from .params import DAY, FILE, YEAR
from .progress import Activity
from .serve_cmd import db_option, require_serve_packages

LINK_STATES = {"active": "còn hiệu lực", "expired": "hết hạn", "revoked": "đã thu hồi"}


@command("links", examples=[
    ("reportgen links --year 2025", "mỗi cơ quan phải báo cáo năm 2025 một liên kết riêng, và một cho cơ quan tổng hợp "
     "(danh sách ở outputs/2025/lien-ket-2025.csv)"),
    ("reportgen links --year 2025 --list", "liệt kê các liên kết đã cấp và tình trạng của chúng"),
    ('reportgen links --year 2025 --agency "sở y tế" --renew', "cấp lại liên kết cho Sở Y tế (liên kết cũ bị thu hồi)"),
])
@click.option("--year", type=YEAR, help="Năm báo cáo của đợt tiếp nhận.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True, metavar="URL",
              help="Địa chỉ trang tiếp nhận mà các đơn vị mở được (ví dụ https://baocao.sldtbxh.thanhhoa.gov.vn).")
@click.option("--expires", type=DAY, help="Liên kết hết hạn sau ngày này (mặc định: 90 ngày sau hạn nộp).")
@click.option("--agency", "agencies", multiple=True, metavar="MÃ",
              help="Chỉ cấp cho cơ quan này, mã hay tên (lặp lại được); mặc định mọi cơ quan phải báo cáo "
                   "và cơ quan tổng hợp.")
@click.option("--renew", is_flag=True, help="Cấp lại: thu hồi liên kết còn hiệu lực rồi cấp liên kết mới.")
@click.option("--list", "show_list", is_flag=True, help="Liệt kê các liên kết đã cấp (không in mã bí mật).")
@click.option("--revoke", metavar="MÃ_LIÊN_KẾT", help="Thu hồi liên kết có mã này (ví dụ LK-7K3QX2).")
@click.option("--out", type=FILE, help="Tệp CSV ghi các liên kết mới; mặc định outputs/<năm>/lien-ket-<năm>.csv.")
@db_option
@click.pass_context
@guarded
def links_cmd(ctx: click.Context, year: int | None, base_url: str, expires, agencies: tuple[str, ...],
              renew: bool, show_list: bool, revoke: str | None, out: Path | None, db_url: str | None) -> None:
    """Cấp đường liên kết riêng cho từng cơ quan phải báo cáo năm NĂM và cho cơ quan tổng hợp;
    liệt kê, thu hồi liên kết.

    Mỗi liên kết mở trang nộp báo cáo của đúng một cơ quan trên «reportgen serve». Tệp CSV
    các liên kết mới chứa mã bí mật: chỉ gửi cho đúng đơn vị.
    """
    require_serve_packages()
    from ..serve.db import default_url, open_database, sessions

    root = project_root(ctx).resolve()
    if revoke:
        factory = sessions(open_database(db_url or default_url(root)))
        _revoke(ctx, factory, revoke)
    if year is None:
        raise click.UsageError("hãy ghi rõ --year (năm báo cáo của đợt tiếp nhận), ví dụ: reportgen links --year 2025")
    with Activity(ctx, "Đang đọc kế hoạch và danh mục cơ quan…"):
        project = _project(root, year)
    factory = sessions(open_database(db_url or default_url(root)))
    if show_list:
        _list(ctx, factory, year)
    _issue(ctx, project, factory, root, year, base_url, expires, agencies, renew, out)


def _project(root: Path, year: int):
    """The plan and registry, valid; the year inside the plan's period (else exit 2)."""
    from ..load import load_project

    if not (root / "inputs").is_dir():
        raise UsageError(Problem(f"không thấy thư mục inputs/ trong «{root}»; chạy lệnh trong thư mục dự án "
                                   "hoặc dùng --root", code="project.not-found"))
    project = load_project(root, submissions=False)
    fatal = [p for p in project.errors if p.file in ("inputs/plan.yaml", "inputs/agencies.yaml")]
    if fatal or project.plan is None or project.registry is None:
        raise ReportgenError(fatal or [Problem("thiếu kế hoạch hoặc danh mục cơ quan hợp lệ", code="project.incomplete")])
    project.require_year(year)
    return project


def _result(year: int | None, file: str | None = None, issued=(), kept=(), revoked=(), links=None) -> dict:
    """The `--json` result: one shape for issuing, listing and revoking (docs/json.md)."""
    return {"year": year, "file": file, "issued": list(issued), "kept": list(kept), "revoked": list(revoked),
            "links": links}


def _issue(ctx: click.Context, project, factory, root: Path, year: int, base_url: str, expires,
           agencies: tuple[str, ...], renew: bool, out: Path | None) -> None:
    from ..model.routing import expected_reporters
    from ..ooxml import write_atomic
    from ..pipeline import resolve_agencies
    from ..serve.clock import end_of_local_day, show
    from ..serve.links import default_expiry, issue_links

    plan, registry = project.plan, project.registry
    expected = expected_reporters(plan, registry, year)
    codes = resolve_agencies(project, agencies, year, kinds=None) if agencies else []
    not_reporting = [c for c in codes if c not in expected]
    if not_reporting:
        raise UsageError([Problem(f"{registry[c].display_name} ({c}) không phải cơ quan phải báo cáo năm {year}",
                                    code="usage.agency.not-reporting") for c in not_reporting])
    expires_at = end_of_local_day(expires) if expires else default_expiry(plan.reporting.deadline(year))
    chosen = codes or expected
    with Activity(ctx, f"Đang cấp liên kết cho {len(chosen)} cơ quan…"):
        issued = issue_links(factory, year, [(c, registry[c].display_name) for c in chosen], expires_at=expires_at,
                             secretariat=not codes, renew=renew)
    target = out or root / "outputs" / str(year) / f"lien-ket-{year}.csv"
    if issued.issued:
        write_atomic(target, _csv(issued.issued, base_url), force=True)
        target.chmod(0o600)
    shown = _shown(target, root)
    result = _result(year, shown if issued.issued else None,
                     issued=[{"code": i.code, "role": i.role, "agency": i.agency, "name": i.name,
                              "url": i.url(base_url), "expires": i.expires_at.isoformat()} for i in issued.issued],
                     kept=[{"code": k.code, "agency": k.agency} for k in issued.kept],
                     revoked=[r.code for r in issued.revoked])
    lines = []
    secretariat = [i for i in issued.issued if i.agency is None]
    if secretariat:
        lines.append(f"Liên kết của cơ quan tổng hợp ({secretariat[0].code}): {secretariat[0].url(base_url)}")
    if issued.revoked:
        lines.append(f"Đã thu hồi {len(issued.revoked)} liên kết cũ.")
    if issued.kept:
        lines.append(f"{len(issued.kept)} cơ quan đã có liên kết còn hiệu lực nên không cấp lại "
                     "(dùng --renew để cấp lại).")
    if issued.issued:
        lines.append(f"Đã cấp {len(issued.issued)} liên kết năm {year}, hiệu lực đến {show(expires_at)}; "
                     f"danh sách ở {shown}. Tệp này chứa mã bí mật: chỉ gửi cho đúng đơn vị, không công bố. "
                     "Tiếp theo: chạy reportgen serve để các đơn vị nộp báo cáo.")
    finish(ctx, problems=_expiry_warnings(expires_at, issued.issued), result=result, closing="\n".join(lines) or None)


def _expiry_warnings(expires_at, issued) -> list[Problem]:
    """A link that is already out of date when issued opens only «Không tìm thấy trang»: say so."""
    from ..serve.clock import show, utcnow

    if not issued or expires_at > utcnow():
        return []
    return [Problem(f"các liên kết vừa cấp đã hết hạn từ {show(expires_at)} (mặc định: 90 ngày sau hạn nộp), nên "
                    "mở ra chỉ thấy «Không tìm thấy trang»; cấp lại với --renew --expires NGÀY (một ngày sau hôm "
                    "nay) nếu còn cần nhận báo cáo năm này", severity="warning", code="links.expired-on-issue")]


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def _csv(issued, base_url: str) -> bytes:
    from ..serve.clock import show

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Mã liên kết", "Mã cơ quan", "Cơ quan, đơn vị", "Đường liên kết", "Hiệu lực đến"])
    for i in issued:
        writer.writerow([i.code, i.agency or "", i.name, i.url(base_url), show(i.expires_at)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")      # the BOM makes Excel read UTF-8


def _list(ctx: click.Context, factory, year: int) -> None:
    from ..serve.clock import show, utcnow
    from ..serve.links import is_active, list_links

    links = list_links(factory, year)
    now = utcnow()

    def state(link) -> str:
        if link.revoked_at is not None:
            return "revoked"
        return "active" if is_active(link, now) else "expired"

    rows = [{"code": k.code, "role": k.role, "agency": k.agency, "state": state(k), "label": LINK_STATES[state(k)],
             "expires": k.expires_at.isoformat()} for k in links]

    def table() -> None:
        from .tables import console
        from .tables import table as make_table

        out = make_table(f"Liên kết năm {year}", [("Mã liên kết", {"no_wrap": True}), ("Cơ quan", {"ratio": 2}),
                                                  ("Tình trạng", {"ratio": 1}), ("Hiệu lực đến", {"no_wrap": True})])
        for k, row in zip(links, rows, strict=True):
            out.add_row(k.code, k.agency or "cơ quan tổng hợp", row["label"], show(k.expires_at))
        console().print(out)

    active = sum(1 for r in rows if r["state"] == "active")
    closing = (f"{len(rows)} liên kết năm {year}, {active} còn hiệu lực." if rows else
               f"Chưa cấp liên kết nào cho năm {year}; cấp bằng: reportgen links --year {year}")
    finish(ctx, result=_result(year, links=rows), human=table if rows else None, closing=closing)


def _revoke(ctx: click.Context, factory, code: str) -> None:
    from ..serve.links import revoke

    link = revoke(factory, code)
    finish(ctx, result=_result(link.year, revoked=[link.code]),
           closing=f"Đã thu hồi liên kết {link.code} ({link.agency or 'cơ quan tổng hợp'}, năm {link.year}). "
                   "Người mở liên kết đó từ nay chỉ thấy trang «không tìm thấy».")
