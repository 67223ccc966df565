"""The intake itself, without HTTP: uploads, versions, the accepted file, the season's status.

    intake = Intake(settings, engine)
    version = intake.upload(link, "Báo cáo SYT.xlsx", data, client="203.0.113.5")

An upload is checked first (no lock held: reading a form is the slow part), then, under a
lock per body, stored as the next version and, when clean, written into
`inputs/submissions/<year>/<CODE>.yaml` and recorded as accepted, all in one transaction:
if the database refuses the commit, the file that was there before is put back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from ..compute.tracking import LATE, MISSING, NOT_DUE, ON_TIME, status_label
from ..errors import Problem, ReportgenError
from ..load.project import SUBMISSION_SUFFIXES
from ..ooxml import write_atomic
from .checking import (
    ACCEPTED_SUFFIXES,
    Checked,
    check_upload,
    display_name,
    plain_data,
    recheck_yaml,
    submission_yaml,
    upload_kind,
)
from .clock import local_day, show
from .db import sessions, transaction
from .links import resolve
from .models import (
    ROLE_BODY,
    STATUS_ACCEPTED,
    STATUS_CONFLICT,
    STATUS_REJECTED,
    Accepted,
    AuditEvent,
    Link,
    Report,
    Setting,
    Version,
)
from .projects import Base, ProjectCache
from .settings import Settings

log = logging.getLogger("reportgen.serve")
CONSOLIDATED_KIND = "bao-cao-tong-hop"     # the document kind `reportgen report` builds
STATUS_WORDS = {STATUS_ACCEPTED: "đã nhận", STATUS_REJECTED: "có lỗi", STATUS_CONFLICT: "chờ cơ quan tổng hợp"}


@dataclass
class BodyStatus:
    """Where one body stands in the season, from the database."""

    status: str                 # ON_TIME, LATE, MISSING, NOT_DUE (compute.tracking)
    label: str
    deadline: date
    days_left: int              # days until the deadline (negative: past it)
    accepted: Accepted | None
    accepted_number: int | None


@dataclass
class SeasonRow:
    body: str
    name: str
    level: str
    status: str
    label: str
    received: date | None
    versions: int
    last_upload: Any
    last_status: str | None


@dataclass
class SeasonView:
    year: int
    as_of: date
    deadline: date
    counts: dict[str, int]
    rows: list[SeasonRow]
    problems: list[Problem]
    mismatches: list[str]
    total: int = 0


@dataclass
class ReportOutcome:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    path: str | None = None


class IntakeUnavailable(ReportgenError):
    """The project itself is broken (plan or registry invalid): nobody can submit until it is fixed."""


class Intake:
    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.root = Path(settings.root)
        self.engine = engine
        self.factory = sessions(engine)
        self.projects = ProjectCache(self.root)
        self._guard = threading.Lock()
        self._body_locks: dict[tuple[int, str], threading.Lock] = defaultdict(threading.Lock)
        self._report_lock = threading.Lock()
        self.secret = self._secret()

    # --- time, links, access -------------------------------------------------------------

    def now(self):
        return self.settings.clock()

    def resolve(self, token: str) -> Link | None:
        return resolve(self.factory, token, self.now())

    def base(self) -> Base:
        try:
            return self.projects.base()
        except ReportgenError as exc:
            raise IntakeUnavailable(exc.problems) from None

    def body_name(self, code: str | None) -> str:
        if code is None:
            return "Cơ quan tổng hợp"
        registry = self.base().registry
        return registry[code].display_name if code in registry else code

    def _secret(self) -> str:
        """The key CSRF tokens are signed with: made once, kept in the database."""
        with transaction(self.factory) as s:
            row = s.get(Setting, "csrf_key")
            if row is not None:
                return row.value
        value = secrets.token_hex(32)
        try:
            with transaction(self.factory) as s:
                s.add(Setting(key="csrf_key", value=value))
        except IntegrityError:                      # another process made it first
            with transaction(self.factory) as s:
                return s.get(Setting, "csrf_key").value
        return value

    # --- the body's side -----------------------------------------------------------------

    def form(self, link: Link) -> tuple[str, bytes]:
        """The body's fill-in form for the season, last year's figures pre-filled (as `reportgen forms`)."""
        from ..forms import generate_forms

        base = self.base()
        previous = self.projects.season(link.year - 1).submissions_for(link.year - 1)
        forms = generate_forms(base.plan, base.registry, link.year, [link.agency], previous)
        return next(iter(forms.items()))

    def upload(self, link: Link, filename: str, content: bytes, client: str | None) -> Version:
        """Check and store one upload as the body's next version; accept it when it is clean."""
        now = self.now()
        display = display_name(filename)
        kind = upload_kind(filename)
        base = self.base()
        if kind is None:
            checked = Checked([Problem(f"chỉ nhận tệp {ACCEPTED_SUFFIXES} (biểu mẫu Excel đã điền hoặc tệp dữ liệu); "
                                       "tệp này không thuộc các loại đó", file=display)], None)
        else:
            checked = check_upload(base, link.year, link.agency, kind, content, display, local_day(now))
        body = None
        if not checked.errors and checked.data is not None:
            body = submission_yaml(checked.data, [])
            internal = recheck_yaml(base, body, link.year)
            if internal:
                log.error("accepted data does not re-validate as YAML: %s", "; ".join(map(str, internal)))
                checked.problems.append(Problem("lỗi nội bộ khi chuyển báo cáo sang dữ liệu; cơ quan tổng hợp đã được "
                                                "ghi nhận lỗi này, đề nghị liên hệ cơ quan tổng hợp", file=display))
                body = None
        for attempt in range(5):
            try:
                with self._body_lock(link.year, link.agency):
                    return self._store(link, now, display, kind or "khac", content, checked, body, client)
            except IntegrityError:                  # another process took the same version number
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _body_lock(self, year: int, agency: str) -> threading.Lock:
        with self._guard:
            return self._body_locks[(year, agency)]

    def _store(self, link: Link, now, display: str, kind: str, content: bytes, checked: Checked,
               body: bytes | None, client: str | None) -> Version:
        year, agency = link.year, link.agency
        folder = self.root / "inputs" / "submissions" / str(year)
        target = folder / f"{agency}.yaml"
        sha = hashlib.sha256(content).hexdigest()
        problems = list(checked.problems)
        written: tuple[Path, bytes | None] | None = None
        try:
            with transaction(self.factory) as s:
                _lock_body(s, year, agency)
                number = (s.scalar(select(func.max(Version.number)).where(
                    Version.year == year, Version.agency == agency)) or 0) + 1
                accepted = s.get(Accepted, (year, agency))
                status = STATUS_ACCEPTED if body is not None else STATUS_REJECTED
                if status == STATUS_ACCEPTED:
                    foreign = _foreign_files(folder, agency, year, accepted)
                    if foreign:
                        status = STATUS_CONFLICT
                        problems.append(Problem(
                            f"báo cáo hợp lệ và đã được lưu (phiên bản {number}), nhưng hồ sơ của cơ quan tổng hợp đã "
                            f"có báo cáo năm {year} của đơn vị nhận theo đường khác (tệp {', '.join(foreign)}); "
                            "cơ quan tổng hợp sẽ xử lý, đơn vị không cần nộp lại", severity="warning"))
                version = Version(year=year, agency=agency, number=number, link_id=link.id, uploaded_at=now,
                                  filename=display, kind=kind, size=len(content), sha256=sha, content=content,
                                  status=status, errors=sum(p.severity == "error" for p in problems),
                                  warnings=sum(p.severity == "warning" for p in problems),
                                  problems=json.dumps([p.to_json() for p in problems], ensure_ascii=False))
                s.add(version)
                s.flush()
                if status == STATUS_ACCEPTED:
                    data = _header(self.body_name(agency), year, number, display, len(content), sha, now) + body
                    previous = target.read_bytes() if target.exists() else None
                    write_atomic(target, data, force=True)
                    written = (target, previous)
                    if accepted is None:
                        s.add(Accepted(year=year, agency=agency, version_id=version.id, filename=target.name,
                                       file_sha256=hashlib.sha256(data).hexdigest(), received_at=now))
                    else:
                        accepted.version_id = version.id
                        accepted.filename = target.name
                        accepted.file_sha256 = hashlib.sha256(data).hexdigest()
                        accepted.received_at = now
                s.add(AuditEvent(at=now, link_code=link.code, agency=agency, action="nop",
                                 detail=f"phiên bản {number}: «{display}», {len(content)} byte, SHA-256 {sha}, "
                                        f"{STATUS_WORDS[status]}" + (f", {version.errors} lỗi" if version.errors else ""),
                                 client=client, ok=status != STATUS_REJECTED))
        except BaseException:
            if written is not None:
                path, previous = written
                if previous is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomic(path, previous, force=True)
            raise
        return version

    def body_status(self, year: int, agency: str) -> BodyStatus:
        base = self.base()
        deadline = base.plan.reporting.deadline(year)
        today = local_day(self.now())
        with self.factory() as s:
            accepted = s.get(Accepted, (year, agency))
            number = s.get(Version, accepted.version_id).number if accepted else None
        if accepted is not None:
            late = (local_day(accepted.received_at) - deadline).days
            status = ON_TIME if late <= 0 else LATE
            label = status_label(status, late)
        else:
            status = NOT_DUE if today < deadline else MISSING
            label = status_label(status, 0)
        return BodyStatus(status, label, deadline, (deadline - today).days, accepted, number)

    def versions(self, year: int, agency: str) -> list[Version]:
        """A body's versions, newest first, without their contents."""
        with self.factory() as s:
            return list(s.scalars(select(Version).where(Version.year == year, Version.agency == agency)
                                  .order_by(Version.number.desc())))

    def version(self, link: Link, version_id: int) -> Version | None:
        """A version with its content, if `link` may see it (its own body's, or any of the season's for the secretariat)."""
        with self.factory() as s:
            v = s.scalar(select(Version).options(undefer(Version.content)).where(Version.id == version_id))
        if v is None or v.year != link.year or (link.role == ROLE_BODY and v.agency != link.agency):
            return None
        return v

    # --- the secretariat's side ----------------------------------------------------------

    def season(self, year: int, *, status: str | None = None, level: str | None = None,
               query: str | None = None) -> SeasonView:
        """Every expected body's status (reusing `compute.tracking` on `inputs/`) and its uploads."""
        from ..compute.tracking import tracking_counts, tracking_rows

        self.base()
        project = self.projects.season(year)
        today = local_day(self.now())
        tracked = tracking_rows(project.plan, project.registry, project.submissions_for(year), year, today)
        with self.factory() as s:
            stats = {agency: (n, last) for agency, n, last in s.execute(
                select(Version.agency, func.count(Version.id), func.max(Version.id))
                .where(Version.year == year).group_by(Version.agency))}
            last_ids = [last for _, last in stats.values()]
            last_rows = {v.id: v for v in s.scalars(select(Version).where(Version.id.in_(last_ids)))} if last_ids else {}
        rows = []
        for r in tracked:
            n, last_id = stats.get(r.body, (0, None))
            last = last_rows.get(last_id)
            rows.append(SeasonRow(r.body, r.name, r.level, r.status, r.label, r.received, n,
                                  last.uploaded_at if last else None, last.status if last else None))
        total = len(rows)
        if status == "loi":
            rows = [r for r in rows if r.last_status == STATUS_REJECTED and r.status in (MISSING, NOT_DUE)]
        elif status:
            rows = [r for r in rows if r.status == status]
        if level:
            rows = [r for r in rows if r.level == level]
        if query:
            key = search_key(query)
            rows = [r for r in rows if key in search_key(r.name) or key in search_key(r.body)]
        deadline = project.plan.reporting.deadline(year)
        return SeasonView(year, today, deadline, tracking_counts(r.status for r in tracked), rows, project.errors,
                          self.mismatches(year), total)

    def diff(self, year: int, agency: str, old_id: int, new_id: int) -> tuple[Version, Version, list | None]:
        """Two versions of one body and their structured differences (None when one cannot be read)."""
        from ..diff.structured import compare_submissions

        with self.factory() as s:
            pair = [s.scalar(select(Version).options(undefer(Version.content)).where(Version.id == i))
                    for i in (old_id, new_id)]
        if any(v is None or v.year != year or v.agency != agency for v in pair):
            raise LookupError("no such versions")
        base = self.base()
        datas = [plain_data(base, v.kind, v.content) if v.kind in ("xlsx", "yaml", "json") else None for v in pair]
        if any(d is None for d in datas):
            return pair[0], pair[1], None
        return pair[0], pair[1], compare_submissions(datas[0], datas[1])

    def mismatches(self, year: int) -> list[str]:
        """Where `inputs/` and the database disagree about an accepted report (empty when they agree)."""
        folder = self.root / "inputs" / "submissions" / str(year)
        out = []
        with self.factory() as s:
            for row in s.scalars(select(Accepted).where(Accepted.year == year).order_by(Accepted.agency)):
                path = folder / row.filename
                if not path.is_file():
                    out.append(f"{row.agency}: thiếu tệp {row.filename} đã nhận qua trang nộp báo cáo")
                elif hashlib.sha256(path.read_bytes()).hexdigest() != row.file_sha256:
                    out.append(f"{row.agency}: tệp {row.filename} đã bị sửa ngoài trang nộp báo cáo")
        return out

    def build_report(self, link: Link, *, force: bool, client: str | None) -> ReportOutcome:
        """The consolidated report of the season, through the same pipeline as `reportgen report`."""
        from ..pipeline import build

        with self._report_lock:
            try:
                result = build(self.root, year=link.year, kinds=[CONSOLIDATED_KIND], force=force)
            except ReportgenError as exc:
                self.audit(link, "bao-cao-tong-hop", f"không tạo được báo cáo tổng hợp: {len(exc.problems)} lỗi",
                           client, ok=False)
                return ReportOutcome(False, exc.problems)
            except Exception:  # a bug in a document builder: say so on the page, keep the trace in the log
                log.exception("consolidated report of %s failed", link.year)
                self.audit(link, "bao-cao-tong-hop", "lỗi hệ thống khi tạo báo cáo tổng hợp", client, ok=False)
                return ReportOutcome(False, [Problem(
                    "lỗi hệ thống khi tạo báo cáo tổng hợp (chi tiết đã ghi vào nhật ký của máy chủ); "
                    f"thử lệnh «reportgen report --year {link.year}» để xem, hoặc báo lỗi cho người quản trị")])
            built = result.documents[0]
            rel = built.path.resolve().relative_to(self.root.resolve()).as_posix()
            data = built.path.read_bytes()
            with transaction(self.factory) as s:
                row = s.get(Report, link.year)
                sha = hashlib.sha256(data).hexdigest()
                if row is None:
                    s.add(Report(year=link.year, path=rel, sha256=sha, built_at=self.now()))
                else:
                    row.path, row.sha256, row.built_at = rel, sha, self.now()
            self.audit(link, "bao-cao-tong-hop", f"tạo {rel} ({len(data)} byte)", client)
            return ReportOutcome(True, warnings=result.warnings, path=rel)

    def report(self, year: int) -> tuple[Report, bytes] | None:
        """The last consolidated report built from the page, if its file is still there."""
        with self.factory() as s:
            row = s.get(Report, year)
        if row is None:
            return None
        path = (self.root / row.path).resolve()
        outputs = (self.root / "outputs").resolve()
        if not path.is_relative_to(outputs) or not path.is_file():
            return None
        return row, path.read_bytes()

    def audit(self, link: Link | None, action: str, detail: str, client: str | None, ok: bool = True) -> None:
        with transaction(self.factory) as s:
            s.add(AuditEvent(at=self.now(), link_code=link.code if link else None, agency=link.agency if link else None,
                             action=action, detail=detail, client=client, ok=ok))

    def audit_log(self, limit: int = 500) -> list[AuditEvent]:
        with self.factory() as s:
            return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))


def search_key(text: str) -> str:
    """Text for searching as people type on a phone: no tone marks, `đ` as `d`, lower case (`y te` finds `Y tế`)."""
    import unicodedata

    from ..vn import normalized_key

    folded = unicodedata.normalize("NFD", normalized_key(text).replace("đ", "d"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("_", " ")


def problems_of(version: Version) -> list[Problem]:
    return [Problem(**p) for p in json.loads(version.problems or "[]")]


def _lock_body(session, year: int, agency: str) -> None:
    """Serialise one body's uploads across server processes for the rest of the transaction.

    SQLite needs nothing: every transaction begins IMMEDIATE, one writer at a time. PostgreSQL
    takes a transaction-level advisory lock keyed by the body and year, so that the version
    number, the file in inputs/ and the accepted row change together, in one order.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        key = int.from_bytes(hashlib.sha256(f"reportgen:{year}:{agency}".encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _header(name: str, year: int, number: int, display: str, size: int, sha: str, now) -> bytes:
    lines = [f"Báo cáo năm {year} của {name}, nhận qua trang nộp báo cáo (reportgen serve) lúc {show(now)}.",
             f"Phiên bản {number}: tệp «{display}», {size} byte, SHA-256 {sha}.",
             "Tệp do reportgen ghi; muốn sửa, đơn vị nộp lại bản mới qua đường liên kết của mình."]
    return "".join(f"# {line}\n" for line in lines).encode("utf-8")


def _foreign_files(folder: Path, agency: str, year: int, accepted: Accepted | None) -> list[str]:
    """Files in the season's folder holding this body's report that the intake did not write (or that were edited)."""
    from ..forms import form_filename

    if not folder.is_dir():
        return []
    stems = {agency.lower(), f"{agency}-{year}".lower(), Path(form_filename(agency, year)).stem.lower()}
    out = []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() not in SUBMISSION_SUFFIXES or p.stem.lower() not in stems:
            continue
        if (accepted is not None and p.name == accepted.filename
                and hashlib.sha256(p.read_bytes()).hexdigest() == accepted.file_sha256):
            continue
        out.append(p.name)
    return out
