"""Time for the intake: stored as naive UTC, shown and dated in Vietnam time (UTC+7, no DST).

A report's `received` date is the day it arrived in Vietnam, whatever the server's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone

VN = timezone(timedelta(hours=7), "ICT")
Clock = Callable[[], datetime]       # returns naive UTC


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def local(moment: datetime) -> datetime:
    """A stored (naive UTC) time in Vietnam time."""
    return moment.replace(tzinfo=UTC).astimezone(VN)


def local_day(moment: datetime) -> date:
    return local(moment).date()


def end_of_local_day(day: date) -> datetime:
    """23:59:59 of `day` in Vietnam, as naive UTC (a link valid "until 31/3" is valid all that day)."""
    moment = datetime.combine(day, time(23, 59, 59), tzinfo=VN)
    return moment.astimezone(UTC).replace(tzinfo=None)


def show(moment: datetime | None) -> str:
    """`08:45 ngày 03/12/2026` in Vietnam time."""
    if moment is None:
        return "—"
    t = local(moment)
    return f"{t:%H:%M} ngày {t:%d/%m/%Y}"
