"""The words of the submissions, merged: documents issued, and assessment sentences without repeats.

Two bodies writing the same sentence (up to case, spacing, tone placement and the final
full stop) give one item that names both, so the consolidated report says it once and
still shows where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..vn import normalized_key


def merged_texts(texts: pd.DataFrame, kind: str, year: int, body_rank: dict[str, int],
                 own: Sequence[str] = ()) -> pd.DataFrame:
    """One row per distinct sentence of `kind` in year Y: `text`, `bodies` (tuple, list order), `own`.

    The secretariat's own sentences (`own`) come first, then the bodies' in list order;
    a body's sentence equal to one already kept only adds the body to that item.
    """
    rows = texts[(texts["kind"] == kind) & (texts["year"] == year)]
    rows = rows.assign(_rank=rows["body"].map(body_rank).fillna(len(body_rank)).astype("int64"),
                       key=rows["text"].map(normalized_key))
    rows = rows.sort_values(["_rank", "position"], kind="stable")
    own_items = pd.DataFrame({"text": list(own), "key": [normalized_key(t) for t in own]})
    own_items = own_items.drop_duplicates("key")
    theirs = rows[~rows["key"].isin(set(own_items["key"]))]
    bodies_of = rows.groupby("key", sort=False)["body"].agg(lambda s: tuple(dict.fromkeys(s)))
    firsts = theirs.drop_duplicates("key", keep="first")[["text", "key"]]
    out = pd.concat([own_items.assign(own=True), firsts.assign(own=False)], ignore_index=True)
    out["bodies"] = pd.Series([b if isinstance(b, tuple) else () for b in out["key"].map(bodies_of)],
                              index=out.index, dtype="object")
    return out[["text", "bodies", "own"]]


def issued_documents(documents: pd.DataFrame, year: int, body_rank: dict[str, int]) -> pd.DataFrame:
    """The documents bodies issued for the plan in year Y, once each, by body (list order) then date."""
    rows = documents[documents["year"] == year]
    rows = rows.assign(_rank=rows["body"].map(body_rank).fillna(len(body_rank)).astype("int64"),
                       _key=rows["number"].map(normalized_key))
    rows = rows.drop_duplicates(["body", "_key"], keep="first")
    return rows.sort_values(["_rank", "date", "_key"], kind="stable")[["body", "task", "number", "date", "title"]] \
        .reset_index(drop=True)
