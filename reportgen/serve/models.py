"""The intake's tables: private links, every uploaded version, the accepted one, the audit log.

Times are stored as naive UTC (`utcnow()`); pages show them in Vietnam time. Upload
contents live in the database, so the versions and their bytes move together (SQLite file
or PostgreSQL) and nothing outside it can be overwritten.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLE_BODY = "body"
ROLE_SECRETARIAT = "secretariat"

# A version's outcome: checked with errors, clean and written into inputs/, clean but not
# written because a file the server did not write holds this body's report.
STATUS_REJECTED = "rejected"
STATUS_ACCEPTED = "accepted"
STATUS_CONFLICT = "conflict"


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Server-wide values kept across restarts and shared by processes (the CSRF key)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Link(Base):
    """One private link: a body's (or the secretariat's) access to one reporting season."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)          # public name, for --revoke and the log
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)    # sha256 of the secret token, hex
    year: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    agency: Mapped[str | None] = mapped_column(String(64))              # None for the secretariat
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_links_year_agency", "year", "agency"),)


class Version(Base):
    """One uploaded file, kept whatever its outcome; never changed after it is written."""

    __tablename__ = "versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)                        # 1, 2, ... per body and year
    link_id: Mapped[int] = mapped_column(ForeignKey("links.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    filename: Mapped[str] = mapped_column(String(255))                  # as the sender named it; shown, never used as a path
    kind: Mapped[str] = mapped_column(String(8))                        # xlsx | yaml | json
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    status: Mapped[str] = mapped_column(String(16))
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    problems: Mapped[str] = mapped_column(Text)                         # JSON list of Problem.to_json()

    __table_args__ = (UniqueConstraint("year", "agency", "number", name="uq_versions_body_number"),)


class Accepted(Base):
    """The version of each body's report that is in `inputs/submissions/<year>/`, and that file's hash."""

    __tablename__ = "accepted"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    filename: Mapped[str] = mapped_column(String(255))                  # name inside inputs/submissions/<year>/
    file_sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class Report(Base):
    """The last consolidated report built from the secretariat's page."""

    __tablename__ = "reports"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(500))                      # relative to the project folder
    sha256: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who did what and when: every upload, download, report build, link change."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    link_code: Mapped[str | None] = mapped_column(String(40))
    agency: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    client: Mapped[str | None] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_audit_at", "at"),)
