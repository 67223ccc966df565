"""The decree's numeric facts and the rule catalogue, read from `data/nd30_rules.yaml`.

Rules take every range, size and fixed string from here rather than from literals, so
that a reader can check them against the decree in one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .findings import Finding, Severity

MM_PER_TWIP = 25.4 / 1440


@dataclass(frozen=True)
class RuleInfo:
    """A rule of the catalogue: its severity, decree reference and short title."""

    rule_id: str
    severity: Severity
    reference: str
    title: str

    def finding(self, message: str, location: str) -> Finding:
        return Finding(self.rule_id, self.severity, message, self.reference, location)


@dataclass(frozen=True)
class Facts:
    """`nd30_rules.yaml` as read-only values, with helpers for ranges and rules."""

    raw: MappingProxyType
    rules: MappingProxyType  # rule id -> RuleInfo

    def size(self, element: str) -> tuple[float, float]:
        """The allowed font size range in pt of a document element (`body`, `title`...)."""
        lo, hi = self.raw["sizes_pt"][element]
        return float(lo), float(hi)

    def text(self, name: str) -> Any:
        return self.raw["texts"][name]

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def rule(self, rule_id: str) -> RuleInfo:
        return self.rules[rule_id]


@functools.lru_cache(maxsize=1)
def load_facts() -> Facts:
    """Read the bundled `nd30_rules.yaml` once per process (it is read-only data)."""
    text = resources.files("reportgen").joinpath("data/nd30_rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    rules = {
        rid: RuleInfo(rid, spec["severity"], spec["reference"], spec["title"])
        for rid, spec in data["rules"].items()
    }
    for info in rules.values():
        if info.severity not in ("lỗi", "cảnh báo"):
            raise ValueError(f"nd30_rules.yaml: mức độ không hợp lệ cho {info.rule_id}: {info.severity}")
    return Facts(MappingProxyType(data), MappingProxyType(rules))
