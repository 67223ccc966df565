"""The order bodies are listed in: provincial bodies first, then local ones, each A–Z.

Plain Python (no pandas): `reportgen status` lists bodies without loading the frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Registry
from ..vn import collation_key

LOCAL_KINDS = ("ubnd-huyen", "ubnd-xa")
LEVEL_PROVINCIAL = "tỉnh"
LEVEL_LOCAL = "địa phương"


@dataclass(frozen=True)
class ListedBody:
    """A body as a list shows it."""

    body: str
    name: str
    short_name: str
    kind: str
    level: str  # LEVEL_PROVINCIAL or LEVEL_LOCAL


def listed_bodies(registry: Registry, codes: Iterable[str]) -> list[ListedBody]:
    """Each body once, in list order: provincial first, then local, each in Vietnamese A–Z."""
    rows = []
    for code in dict.fromkeys(codes):
        agency = registry.agencies.get(code)
        name = agency.name if agency else code
        kind = agency.kind if agency else ""
        level = LEVEL_LOCAL if kind in LOCAL_KINDS else LEVEL_PROVINCIAL
        rows.append(ListedBody(code, name, agency.display_name if agency else code, kind, level))
    return sorted(rows, key=lambda b: (b.level == LEVEL_LOCAL, collation_key(b.name)))
