"""What `check` reports: one `Finding` per departure from the decree, with its place."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["lỗi", "cảnh báo"]
ERROR: Severity = "lỗi"
WARNING: Severity = "cảnh báo"


@dataclass(frozen=True)
class Finding:
    """One way a document departs from Decree 30/2020, where, and which rule it breaks."""

    rule_id: str
    severity: Severity
    message: str
    reference: str
    location: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self) -> dict:
        return asdict(self)


def count(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings) in `findings`."""
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def group(findings: list[Finding]) -> list[tuple[Finding, list[str]]]:
    """Findings with the same rule and message, in first-seen order: (first, all locations).

    The human report prints one line per group so that a rule broken in 300 paragraphs
    reads as one finding with its first places and a count of the rest.
    """
    groups: dict[tuple[str, str], tuple[Finding, list[str]]] = {}
    for f in findings:
        key = (f.rule_id, f.message)
        if key not in groups:
            groups[key] = (f, [])
        groups[key][1].append(f.location)
    return list(groups.values())
