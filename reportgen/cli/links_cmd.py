"""`reportgen links --year Y`: one private link per responsible body and one for the secretariat."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from .common import echo_json, guarded, is_quiet, project_root
from .serve_cmd import db_option, require_serve_packages


@click.command("links")
@click.option("--year", type=int, help="Năm báo cáo của đợt tiếp nhận.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True, metavar="URL",
              help="Địa chỉ trang tiếp nhận mà các đơn vị mở được (ví dụ https://baocao.sldtbxh.thanhhoa.gov.vn).")
@click.option("--expires", metavar="NGÀY", help="Liên kết hết hạn sau ngày này (mặc định: 90 ngày sau hạn nộp).")
@click.option("--agency", "agencies", multiple=True, metavar="MÃ",
              help="Chỉ cấp cho cơ quan này (lặp lại được); mặc định mọi cơ quan phải báo cáo và cơ quan tổng hợp.")
@click.option("--renew", is_flag=True, help="Cấp lại: thu hồi liên kết còn hiệu lực rồi cấp liên kết mới.")
@click.option("--list", "show_list", is_flag=True, help="Liệt kê các liên kết đã cấp (không in mã bí mật).")
@click.option("--revoke", metavar="MÃ", help="Thu hồi liên kết có mã này (ví dụ LK-7K3QX2).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp CSV ghi các liên kết mới; mặc định outputs/<năm>/lien-ket-<năm>.csv.")
@db_option
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
@guarded
def links_cmd(ctx: click.Context, year: int | None, base_url: str, expires: str | None, agencies: tuple[str, ...],
              renew: bool, show_list: bool, revoke: str | None, out: Path | None, db_url: str | None,
              as_json: bool) -> None:
    """Cấp đường liên kết riêng cho từng cơ quan phải báo cáo năm Y và cho cơ quan tổng hợp; thu hồi liên kết."""
    require_serve_packages()
    from ..serve.db import default_url, open_database, sessions

    root = project_root(ctx).resolve()
    factory = sessions(open_database(db_url or default_url(root)))
    quiet = is_quiet(ctx)
    if revoke:
        _revoke(factory, revoke, as_json, quiet)
        return
    if year is None:
        raise click.UsageError("hãy ghi rõ --year (năm báo cáo của đợt tiếp nhận)")
    if show_list:
        _list(factory, root, year, as_json)
        return
    _issue(factory, root, year, base_url, expires, agencies, renew, out, as_json, quiet)


def _issue(factory, root: Path, year: int, base_url: str, expires: str | None, agencies: tuple[str, ...],
           renew: bool, out: Path | None, as_json: bool, quiet: bool) -> None:
    from ..errors import Problem, ReportgenError
    from ..load import load_project
    from ..model.routing import expected_reporters
    from ..ooxml import write_atomic
    from ..serve.clock import end_of_local_day, show
    from ..serve.links import default_expiry, issue_links

    project = load_project(root, year=0)
    fatal = [p for p in project.errors if p.file in ("inputs/plan.yaml", "inputs/agencies.yaml")]
    if fatal or project.plan is None or project.registry is None:
        raise ReportgenError(fatal or [Problem("thiếu kế hoạch hoặc danh mục cơ quan hợp lệ")])
    plan, registry = project.plan, project.registry
    if not plan.reporting.first_year <= year <= plan.reporting.last_year:
        raise click.BadParameter(f"năm {year} nằm ngoài thời gian của kế hoạch "
                                 f"({plan.reporting.first_year}–{plan.reporting.last_year})", param_hint="--year")
    expected = expected_reporters(plan, registry, year)
    for code in agencies:
        if code not in expected:
            raise click.BadParameter(f"«{code}» không phải cơ quan phải báo cáo năm {year}", param_hint="--agency")
    if expires:
        from ..vn import parse_date

        try:
            expires_at = end_of_local_day(parse_date(expires))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--expires") from None
    else:
        expires_at = default_expiry(plan.reporting.deadline(year))
    chosen = list(agencies) or expected
    result = issue_links(factory, year, [(c, registry[c].display_name) for c in chosen], expires_at=expires_at,
                         secretariat=not agencies, renew=renew)
    target = out or root / "outputs" / str(year) / f"lien-ket-{year}.csv"
    if result.issued:
        write_atomic(target, _csv(result.issued, base_url), force=True)
        target.chmod(0o600)
    if as_json:
        echo_json({"year": year, "file": str(target) if result.issued else None,
                   "issued": [{"code": i.code, "role": i.role, "agency": i.agency, "name": i.name,
                               "url": i.url(base_url), "expires": i.expires_at.isoformat()} for i in result.issued],
                   "kept": [{"code": k.code, "agency": k.agency} for k in result.kept],
                   "revoked": [r.code for r in result.revoked]})
        return
    if quiet:
        return
    secretariat = [i for i in result.issued if i.agency is None]
    if secretariat:
        click.echo(f"Liên kết của cơ quan tổng hợp ({secretariat[0].code}): {secretariat[0].url(base_url)}")
    if result.issued:
        click.echo(f"Đã cấp {len(result.issued)} liên kết năm {year}, hiệu lực đến {show(expires_at)}; "
                   f"danh sách để gửi cho các đơn vị: {target}")
        click.echo("Tệp này chứa mã bí mật: chỉ gửi cho đúng đơn vị, không công bố.")
    if result.revoked:
        click.echo(f"Đã thu hồi {len(result.revoked)} liên kết cũ.")
    if result.kept:
        click.echo(f"{len(result.kept)} cơ quan đã có liên kết còn hiệu lực nên không cấp lại "
                   "(dùng --renew để cấp lại).")


def _csv(issued, base_url: str) -> bytes:
    from ..serve.clock import show

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Mã liên kết", "Mã cơ quan", "Cơ quan, đơn vị", "Đường liên kết", "Hiệu lực đến"])
    for i in issued:
        writer.writerow([i.code, i.agency or "", i.name, i.url(base_url), show(i.expires_at)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")      # the BOM makes Excel read UTF-8


def _list(factory, root: Path, year: int, as_json: bool) -> None:
    from ..serve.clock import show, utcnow
    from ..serve.links import is_active, list_links

    links = list_links(factory, year)
    now = utcnow()

    def state(link) -> str:
        if link.revoked_at is not None:
            return "đã thu hồi"
        return "còn hiệu lực" if is_active(link, now) else "hết hạn"

    if as_json:
        echo_json({"year": year, "links": [{"code": k.code, "role": k.role, "agency": k.agency, "state": state(k),
                                            "expires": k.expires_at.isoformat()} for k in links]})
        return
    if not links:
        click.echo(f"Chưa cấp liên kết nào cho năm {year}.")
        return
    for k in links:
        who = k.agency or "cơ quan tổng hợp"
        click.echo(f"{k.code}  {who:<24}  {state(k):<13}  đến {show(k.expires_at)}")


def _revoke(factory, code: str, as_json: bool, quiet: bool) -> None:
    from ..serve.links import revoke

    link = revoke(factory, code)
    if as_json:
        echo_json({"revoked": link.code, "agency": link.agency, "year": link.year})
    elif not quiet:
        click.echo(f"Đã thu hồi liên kết {link.code} ({link.agency or 'cơ quan tổng hợp'}, năm {link.year}).")
