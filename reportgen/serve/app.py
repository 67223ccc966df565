"""The web application (Starlette, Jinja2 templates): the body's page and the secretariat's page.

Every page lives under `/l/<token>`; an unknown, expired or revoked token gets the same 404
page as any address that does not exist. The body's page: deadline and status, its form,
the upload and the result of the last check, its versions. The secretariat's page: the
season's status with filters, each body's versions and the differences between two of
them, any version's file, the consolidated report on demand, the reminder (when `remind`
exists) and the audit log. Nothing here reads a file path from a request.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..compute.bodies import LEVEL_LOCAL, LEVEL_PROVINCIAL
from ..compute.tracking import LATE, MISSING, NOT_DUE, ON_TIME
from ..vn import format_number, short_date
from . import reminders
from .checking import ACCEPTED_SUFFIXES
from .clock import local_day, show
from .intake import STATUS_WORDS, Intake, IntakeUnavailable, problems_of
from .models import ROLE_BODY, ROLE_SECRETARIAT, Link
from .security import GuardMiddleware, RateLimiter, TooLarge, csrf_ok, csrf_token, same_origin
from .settings import Settings

log = logging.getLogger("reportgen.serve")
HERE = Path(__file__).parent
STATUS_FILTERS = {"dung-han": ON_TIME, "muon": LATE, "chua-nop": MISSING, "chua-den-han": NOT_DUE, "loi": "loi"}
LEVEL_FILTERS = {"tinh": LEVEL_PROVINCIAL, "dia-phuong": LEVEL_LOCAL}
ERRORS = {
    400: ("Yêu cầu không hợp lệ", "Trình duyệt gửi dữ liệu không đúng dạng. Hãy tải lại trang rồi thử lại."),
    403: ("Không được phép", "Biểu mẫu đã cũ hoặc không gửi từ trang này. Hãy tải lại trang rồi thử lại."),
    404: ("Không tìm thấy trang", "Đường liên kết không đúng, đã hết hạn hoặc đã bị thu hồi. "
                                  "Hãy dùng đúng đường liên kết cơ quan tổng hợp gửi cho đơn vị."),
    405: ("Không hỗ trợ thao tác này", "Hãy quay lại trang trước và dùng các nút trên trang."),
    413: ("Tệp quá lớn", "Tệp gửi lên vượt giới hạn dung lượng. Biểu mẫu báo cáo chỉ vài chục KB; "
                         "hãy kiểm tra lại đúng tệp cần nộp."),
    429: ("Thao tác quá nhanh", "Đường liên kết này vừa gửi quá nhiều yêu cầu. Hãy đợi một phút rồi thử lại."),
    500: ("Lỗi hệ thống", "Máy chủ gặp lỗi ngoài dự kiến và đã ghi lại. Hãy thử lại sau ít phút; "
                          "nếu vẫn lỗi, hãy báo cơ quan tổng hợp."),
    503: ("Tạm ngừng tiếp nhận", "Dữ liệu kế hoạch của cơ quan tổng hợp đang có lỗi nên chưa tiếp nhận được báo cáo. "
                                 "Hãy báo cơ quan tổng hợp."),
}


def create_app(settings: Settings, engine: Engine | None = None) -> Starlette:
    """The application for one project folder and one database (migrated when `engine` is None)."""
    from .db import open_database

    intake = Intake(settings, engine if engine is not None else open_database(settings.db_url))
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters.update(when=show, day=lambda d: short_date(d) if d else "—", number=format_number,
                       size=_size, status_word=lambda s: STATUS_WORDS.get(s, s or "—"))
    requests_limit = RateLimiter(settings.rate_requests, settings.rate_window)
    uploads_limit = RateLimiter(settings.rate_uploads, settings.rate_window)

    def render(request: Request, name: str, status_code: int = 200, **context) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def error_page(request: Request, code: int, detail: list[str] | None = None) -> Response:
        title, text = ERRORS.get(code, ERRORS[500])
        headers = {"Retry-After": str(int(settings.rate_window))} if code == 429 else None
        response = render(request, "error.html", code, title=title, text=text, detail=detail or [])
        if headers:
            response.headers.update(headers)
        return response

    def client(request: Request) -> str | None:
        if settings.trust_proxy and request.headers.get("x-forwarded-for"):
            return request.headers["x-forwarded-for"].split(",")[0].strip()[:64]
        return request.client.host if request.client else None

    async def link_of(request: Request, role: str | None = None) -> Link:
        """The active link in the path (404 otherwise), within its rate limit (429)."""
        link = await run_in_threadpool(intake.resolve, request.path_params["token"])
        if link is None or (role is not None and link.role != role):
            raise HTTPException(404)
        if not requests_limit.allow(link.id):
            raise HTTPException(429)
        return link

    async def checked_form(request: Request, link: Link, **limits):
        """The posted form, after the origin and CSRF checks (403)."""
        if not same_origin(request.headers, request.headers.get("host")):
            raise HTTPException(403)
        form = await request.form(**limits)
        if not csrf_ok(intake.secret, link.token_hash, form.get("csrf")):
            raise HTTPException(403)
        return form

    def base_url(request: Request) -> str:
        return f"/l/{request.path_params['token']}"

    # --- pages ----------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        return render(request, "home.html")

    async def page(request: Request) -> Response:
        link = await link_of(request)
        if link.role == ROLE_BODY:
            return await body_page(request, link)
        return await secretariat_page(request, link)

    async def body_page(request: Request, link: Link, status_code: int = 200, notice: list[str] | None = None) -> Response:
        def gather():
            from ..forms.content import plan_reference

            base = intake.base()
            return (intake.body_status(link.year, link.agency), intake.versions(link.year, link.agency),
                    plan_reference(base.plan, base.registry), base.registry[link.agency])
        status, versions, plan_ref, agency = await run_in_threadpool(gather)
        latest = versions[0] if versions else None
        return render(request, "body.html", status_code, link=link, base=base_url(request), agency=agency, plan_ref=plan_ref,
                      status=status, versions=versions, latest=latest,
                      problems=problems_of(latest) if latest else [], csrf=csrf_token(intake.secret, link.token_hash),
                      accept=ACCEPTED_SUFFIXES, max_size=settings.max_upload, notice=notice or [])

    async def secretariat_page(request: Request, link: Link) -> Response:
        q = request.query_params
        status_key, level_key = q.get("trang-thai", ""), q.get("cap", "")
        query = q.get("tim", "").strip()[:100]
        view = await run_in_threadpool(lambda: intake.season(link.year, status=STATUS_FILTERS.get(status_key),
                                                             level=LEVEL_FILTERS.get(level_key), query=query or None))
        report = await run_in_threadpool(intake.report, link.year)
        return render(request, "season.html", link=link, base=base_url(request), view=view, status_key=status_key,
                      level_key=level_key, query=query, report=report[0] if report else None,
                      csrf=csrf_token(intake.secret, link.token_hash),
                      remind=reminders.remind_available())

    async def form_download(request: Request) -> Response:
        link = await link_of(request, ROLE_BODY)
        name, data = await run_in_threadpool(intake.form, link)
        await run_in_threadpool(intake.audit, link, "tai-bieu-mau", f"tải biểu mẫu {name}", client(request))
        return _download(data, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    async def upload(request: Request) -> Response:
        link = await link_of(request, ROLE_BODY)
        form = await checked_form(request, link, max_files=1, max_fields=5)
        file = form.get("tep")
        if not isinstance(file, UploadFile) or not file.filename:
            return await body_page(request, link, 400, ["Chưa chọn tệp: hãy bấm «Chọn tệp», chọn biểu mẫu đã điền "
                                                        "rồi bấm «Nộp báo cáo»."])
        if not uploads_limit.allow(link.id):
            raise HTTPException(429)
        data = await file.read(settings.max_upload + 1)
        if len(data) > settings.max_upload:
            await run_in_threadpool(intake.audit, link, "nop", f"từ chối tệp quá lớn (hơn {settings.max_upload} byte)",
                                    client(request), False)
            return await body_page(request, link, 413, [f"Tệp quá lớn: giới hạn là {_size(settings.max_upload)}. "
                                                        "Tệp không được lưu."])
        version = await run_in_threadpool(intake.upload, link, file.filename, data, client(request))
        return RedirectResponse(f"{base_url(request)}?phien-ban={version.number}#ket-qua", status_code=303)

    async def version_download(request: Request) -> Response:
        link = await link_of(request)
        version = await run_in_threadpool(intake.version, link, request.path_params["version"])
        if version is None:
            raise HTTPException(404)
        await run_in_threadpool(intake.audit, link, "tai-phien-ban",
                                f"tải phiên bản {version.number} của {version.agency}", client(request))
        suffix = {"xlsx": "xlsx", "yaml": "yaml", "json": "json"}.get(version.kind, "bin")
        media = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "json": "application/json"}.get(version.kind, "application/octet-stream")
        return _download(version.content, f"{version.agency}-{version.year}-phien-ban-{version.number}.{suffix}", media)

    async def agency_page(request: Request) -> Response:
        link = await link_of(request, ROLE_SECRETARIAT)
        code = request.path_params["code"]

        def gather():
            base = intake.base()
            if code not in base.registry:
                return None
            versions = intake.versions(link.year, code)
            diff = None
            a, b = request.query_params.get("cu"), request.query_params.get("moi")
            if a and b and a.isdigit() and b.isdigit():
                try:
                    diff = intake.diff(link.year, code, int(a), int(b))
                except LookupError:
                    diff = None
            return base.registry[code], versions, intake.body_status(link.year, code), diff
        found = await run_in_threadpool(gather)
        if found is None:
            raise HTTPException(404)
        agency, versions, status, diff = found
        return render(request, "agency.html", link=link, base=base_url(request), agency=agency, versions=versions,
                      status=status, diff=diff, problems={v.id: problems_of(v) for v in versions})

    async def report_build(request: Request) -> Response:
        link = await link_of(request, ROLE_SECRETARIAT)
        form = await checked_form(request, link, max_files=0, max_fields=5)
        outcome = await run_in_threadpool(lambda: intake.build_report(link, force=form.get("ghi-de") == "1",
                                                                      client=client(request)))
        return render(request, "report.html", 200 if outcome.ok else 422, link=link, base=base_url(request),
                      outcome=outcome)

    async def report_download(request: Request) -> Response:
        link = await link_of(request, ROLE_SECRETARIAT)
        found = await run_in_threadpool(intake.report, link.year)
        if found is None:
            raise HTTPException(404)
        row, data = found
        await run_in_threadpool(intake.audit, link, "tai-bao-cao", f"tải {row.path}", client(request))
        return _download(data, Path(row.path).name,
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    async def remind(request: Request) -> Response:
        link = await link_of(request, ROLE_SECRETARIAT)
        await checked_form(request, link, max_files=0, max_fields=5)
        if not reminders.remind_available():
            raise HTTPException(404)
        outcome = await run_in_threadpool(reminders.send_reminder, settings.root, link.year, local_day(settings.clock()))
        await run_in_threadpool(intake.audit, link, "nhac-nop", "; ".join(outcome.lines)[:2000], client(request),
                                outcome.ok)
        return render(request, "remind.html", link=link, base=base_url(request), outcome=outcome)

    async def audit_page(request: Request) -> Response:
        link = await link_of(request, ROLE_SECRETARIAT)
        events = await run_in_threadpool(intake.audit_log)
        names = {}
        for e in events:
            if e.agency and e.agency not in names:
                names[e.agency] = await run_in_threadpool(intake.body_name, e.agency)
        return render(request, "audit.html", link=link, base=base_url(request), events=events, names=names)

    # --- errors ---------------------------------------------------------------------------

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_page(request, exc.status_code if exc.status_code in ERRORS else 400)

    async def too_large(request: Request, exc: Exception) -> Response:
        return error_page(request, 413)

    async def unavailable(request: Request, exc: IntakeUnavailable) -> Response:
        log.error("intake unavailable: %s", exc)
        return error_page(request, 503)

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path.split("/l/")[0] or "/")
        return error_page(request, 500)

    async def too_large_asgi(scope, receive, send) -> None:
        await error_page(Request(scope, receive), 413)(scope, receive, send)

    routes = [
        Route("/", home),
        Route("/l/{token}", page),
        Route("/l/{token}/bieu-mau", form_download),
        Route("/l/{token}/nop", upload, methods=["POST"]),
        Route("/l/{token}/phien-ban/{version:int}", version_download),
        Route("/l/{token}/co-quan/{code}", agency_page),
        Route("/l/{token}/bao-cao-tong-hop", report_build, methods=["POST"]),
        Route("/l/{token}/bao-cao-tong-hop.docx", report_download),
        Route("/l/{token}/nhac-nop", remind, methods=["POST"]),
        Route("/l/{token}/nhat-ky", audit_page),
        Mount("/tinh", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        HTTPException: http_error, TooLarge: too_large, IntakeUnavailable: unavailable, Exception: internal})
    app.state.intake = intake
    app.add_middleware(GuardMiddleware, max_body=settings.max_request, too_large=too_large_asgi)
    return app


def _download(data: bytes, filename: str, media_type: str) -> Response:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"})


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{format_number(round(n / 1024 / 1024, 1))} MB"
    if n >= 1024:
        return f"{format_number(round(n / 1024, 1))} KB"
    return f"{n} byte"
