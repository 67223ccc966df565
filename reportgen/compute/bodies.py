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
from .listing import LEVEL_LOCAL, LEVEL_PROVINCIAL, LOCAL_KINDS, listed_bodies

__all__ = ["LEAD", "LEVEL_LOCAL", "LEVEL_PROVINCIAL", "LOCAL_KINDS", "PARTNER", "bodies_frame", "routing_frame"]

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
    rows = listed_bodies(registry, codes)
    frame = pd.DataFrame([(b.body, b.name, b.short_name, b.kind, b.level) for b in rows],
                         columns=["body", "name", "short_name", "kind", "level"], dtype="object")
    frame["order"] = pd.Series(range(len(frame)), dtype="int64")
    return frame
