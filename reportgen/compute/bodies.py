"""Bodies as frames: who answers for which task in year Y, and how bodies are listed.

Routing itself belongs to `model.routing`; this module asks it once per task and keeps
the answer as a tidy frame (task × body × role), so that later steps join instead of
asking again for every body.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..model import Plan, Registry
from ..model.routing import partner_bodies, responsible_bodies
from ..vn import collation_key

LOCAL_KINDS = ("ubnd-huyen", "ubnd-xa")
LEVEL_PROVINCIAL = "tỉnh"
LEVEL_LOCAL = "địa phương"
LEAD = "chủ trì"
PARTNER = "phối hợp"


def routing_frame(plan: Plan, registry: Registry, year: int) -> pd.DataFrame:
    """One row per task × body answering for it in year Y: `role` is lead or partner."""
    tasks, bodies, roles, ranks = [], [], [], []
    for task in plan.tasks:
        for role, codes in ((LEAD, responsible_bodies(plan, registry, task, year)),
                            (PARTNER, partner_bodies(plan, registry, task, year))):
            tasks.extend([task.code] * len(codes))
            bodies.extend(codes)
            roles.extend([role] * len(codes))
            ranks.extend(range(len(codes)))
    return pd.DataFrame({"task": pd.Series(tasks, dtype="object"), "body": pd.Series(bodies, dtype="object"),
                         "role": pd.Series(roles, dtype="object"), "rank": pd.Series(ranks, dtype="int64")})


def bodies_frame(registry: Registry, codes: Iterable[str]) -> pd.DataFrame:
    """Name, level and list order of each body: provincial first, then local, each A–Z (Vietnamese)."""
    unique = list(dict.fromkeys(codes))
    rows = []
    for code in unique:
        agency = registry.agencies.get(code)
        name = agency.name if agency else code
        short = agency.display_name if agency else code
        kind = agency.kind if agency else ""
        level = LEVEL_LOCAL if kind in LOCAL_KINDS else LEVEL_PROVINCIAL
        rows.append((code, name, short, kind, level, (level == LEVEL_LOCAL, collation_key(name))))
    rows.sort(key=lambda r: r[-1])
    frame = pd.DataFrame([r[:-1] for r in rows], columns=["body", "name", "short_name", "kind", "level"],
                         dtype="object")
    frame["order"] = pd.Series(range(len(frame)), dtype="int64")
    return frame


def body_order(registry: Registry, codes: Iterable[str]) -> list[str]:
    """`codes` in list order: provincial bodies first, then local ones, each in Vietnamese A–Z."""
    return bodies_frame(registry, codes)["body"].tolist()

