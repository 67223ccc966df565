"""The real-document corpus of `check` (tests/fixtures/real): sources, expected findings, comparison.

Each document's expected findings were decided by reading it against Decree 30 (see
`fixtures/real/expected/README.md`); `compare` matches the checker's findings to them by
rule and place (the location without its excerpt), counting repeats.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
EXPECTED = REAL / "expected"


@dataclass(frozen=True)
class Source:
    """One corpus document: where it came from and the bytes it must have."""

    name: str
    repository: str
    commit: str
    path: str
    sha256: str

    @property
    def file(self) -> Path:
        return REAL / f"{self.name}.docx"

    def present(self) -> bool:
        """The document is on disk with the recorded content."""
        return self.file.is_file() and hashlib.sha256(self.file.read_bytes()).hexdigest() == self.sha256


@dataclass(frozen=True)
class Expected:
    """A finding a reader expects: rule, severity and place (e.g. `Bảng 2, hàng 1, cột 1`)."""

    rule: str
    severity: str
    where: str


@dataclass
class Comparison:
    """The checker's findings on one document against the expected ones."""

    name: str
    found: int = 0
    false_positives: list[tuple[str, str]] = field(default_factory=list)  # (rule, location)
    misses: list[Expected] = field(default_factory=list)
    wrong_severity: list[tuple[str, str, str]] = field(default_factory=list)


def sources() -> list[Source]:
    data = yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))
    keys = ("name", "repository", "commit", "path", "sha256")
    return [Source(**{k: str(d[k]) for k in keys}) for d in data["documents"]]


def expected_findings(name: str) -> list[Expected]:
    data = yaml.safe_load((EXPECTED / f"{name}.yaml").read_text(encoding="utf-8"))
    return [Expected(e["rule"], e["severity"], e["where"]) for e in data.get("findings") or []]


def place_of(location: str) -> str:
    """`Đoạn 12: «Sở Y tế…»` → `Đoạn 12`."""
    return location.split(": «", 1)[0]


def compare(name: str, findings: list, expected: list[Expected]) -> Comparison:
    """False positives (found, not expected) and misses (expected, not found), counting repeats."""
    result = Comparison(name, found=len(findings))
    wanted = Counter((e.rule, e.where) for e in expected)
    severity = {(e.rule, e.where): e.severity for e in expected}
    for f in findings:
        key = (f.rule_id, place_of(f.location))
        if wanted[key] > 0:
            wanted[key] -= 1
            if severity[key] != f.severity:
                result.wrong_severity.append((f.rule_id, f.location, f.severity))
        else:
            result.false_positives.append((f.rule_id, f.location))
    for e in expected:
        key = (e.rule, e.where)
        if wanted[key] > 0:
            wanted[key] -= 1
            result.misses.append(e)
    return result


def table(results: list[Comparison]) -> str:
    """A plain report: one line per document, then the false positives and misses."""
    lines = [f"{'document':45} {'found':>5} {'FP':>4} {'miss':>4}"]
    for r in results:
        lines.append(f"{r.name:45} {r.found:5} {len(r.false_positives):4} {len(r.misses):4}")
    for r in results:
        for rule, location in r.false_positives:
            lines.append(f"  FP   {r.name}: {rule} at {location}")
        for e in r.misses:
            lines.append(f"  MISS {r.name}: {e.rule} at {e.where}")
    return "\n".join(lines)
