"""Private links: one per responsible body and one for the secretariat, per reporting season.

A link is `<base>/l/<token>`: the token is 32 random bytes, shown once when issued and
stored only as its SHA-256 (a high-entropy token needs no slow hash). Each link also has a
short public code (`LK-7K3QX2`) for revoking it and for the audit log; the code gives no
access. A link expires at the end of a day (Vietnam time) and can be revoked at any time.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import Problem, UsageError
from .clock import Clock, end_of_local_day, utcnow
from .db import transaction
from .models import ROLE_BODY, ROLE_SECRETARIAT, AuditEvent, Link

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: read aloud over the phone
DEFAULT_DAYS_AFTER_DEADLINE = 90


class UnknownLinkError(UsageError):
    """`links --revoke CODE` with a code that was never issued: a usage error."""

    code = "usage.link.unknown"


@dataclass(frozen=True)
class IssuedLink:
    """A link just issued: the only moment its token is known."""

    code: str
    role: str
    agency: str | None
    name: str
    token: str
    expires_at: datetime

    def url(self, base: str) -> str:
        return f"{base.rstrip('/')}/l/{self.token}"


@dataclass(frozen=True)
class Issued:
    """What `issue_links` did: links made, and bodies skipped because they already have one."""

    issued: list[IssuedLink]
    kept: list[Link]
    revoked: list[Link]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return "LK-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def default_expiry(deadline: date) -> datetime:
    """End of the 90th day after the deadline: late reports can still come in."""
    return end_of_local_day(deadline + timedelta(days=DEFAULT_DAYS_AFTER_DEADLINE))


def is_active(link: Link, now: datetime) -> bool:
    return link.revoked_at is None and now <= link.expires_at


def issue_links(factory: sessionmaker[Session], year: int, bodies: Iterable[tuple[str, str]], *,
                expires_at: datetime, secretariat: bool = True, renew: bool = False,
                clock: Clock = utcnow) -> Issued:
    """A link for the secretariat and for each `(code, name)` body that has no active link yet.

    With `renew`, active links of those bodies (and of the secretariat) are revoked and new
    ones issued.
    """
    now = clock()
    wanted: list[tuple[str, str | None, str]] = []
    if secretariat:
        wanted.append((ROLE_SECRETARIAT, None, "Cơ quan tổng hợp (bộ phận thư ký)"))
    wanted.extend((ROLE_BODY, code, name) for code, name in bodies)
    issued: list[IssuedLink] = []
    kept: list[Link] = []
    revoked: list[Link] = []
    with transaction(factory) as s:
        active = {(link.role, link.agency): link for link in
                  s.scalars(select(Link).where(Link.year == year, Link.revoked_at.is_(None)))
                  if is_active(link, now)}
        taken = set(s.scalars(select(Link.code)))
        for role, agency, name in wanted:
            old = active.get((role, agency))
            if old is not None and not renew:
                kept.append(old)
                continue
            if old is not None:
                old.revoked_at = now
                revoked.append(old)
                s.add(_audit(now, old.code, agency, "thu-hoi", "thu hồi khi cấp liên kết mới (--renew)"))
            code = new_code()
            while code in taken:
                code = new_code()
            taken.add(code)
            token = new_token()
            s.add(Link(code=code, token_hash=hash_token(token), year=year, role=role, agency=agency,
                       created_at=now, expires_at=expires_at))
            s.add(_audit(now, code, agency, "cap-lien-ket", f"cấp liên kết năm {year} cho {name}"))
            issued.append(IssuedLink(code, role, agency, name, token, expires_at))
    return Issued(issued, kept, revoked)


def revoke(factory: sessionmaker[Session], code: str, *, clock: Clock = utcnow) -> Link:
    """Revoke the link named `code` (case-insensitive); revoking twice is harmless."""
    now = clock()
    with transaction(factory) as s:
        link = s.scalar(select(Link).where(Link.code == code.strip().upper()))
        if link is None:
            raise UnknownLinkError(Problem(f"không có liên kết mã «{code}»; xem danh sách bằng «reportgen links "
                                           "--year <năm> --list»", code="usage.link.unknown"))
        if link.revoked_at is None:
            link.revoked_at = now
            s.add(_audit(now, link.code, link.agency, "thu-hoi", "thu hồi liên kết (links --revoke)"))
        return link


def resolve(factory: sessionmaker[Session], token: str, now: datetime) -> Link | None:
    """The active link with this token, or None (unknown, revoked or expired: the caller says 404)."""
    if not token or len(token) > 200:
        return None
    with factory() as s:
        link = s.scalar(select(Link).where(Link.token_hash == hash_token(token)))
    if link is None or not is_active(link, now):
        return None
    return link


def list_links(factory: sessionmaker[Session], year: int | None = None) -> list[Link]:
    with factory() as s:
        query = select(Link).order_by(Link.year, Link.role.desc(), Link.agency, Link.id)
        if year is not None:
            query = query.where(Link.year == year)
        return list(s.scalars(query))


def _audit(now: datetime, code: str, agency: str | None, action: str, detail: str) -> AuditEvent:
    return AuditEvent(at=now, link_code=code, agency=agency, action=action, detail=detail, client="dòng lệnh", ok=True)
