"""Align two sequences of keys (blocks, words) in near-linear time, whatever they repeat.

`difflib.SequenceMatcher` (with `autojunk=False`, which the diff needs to stay exact) scans,
for each item of OLD, every place its key occurs in NEW: a draft with 8,000 equal
paragraphs costs 64 million steps per pass, and a few passes are minutes. It is kept for
what it does well, inputs where keys rarely repeat, and used only when the number of
(OLD, NEW) position pairs with equal keys is small. Around it:

1. the common prefix and suffix are equal and taken off first (a long run of equal
   paragraphs at either end costs one comparison each);
2. when many keys repeat, the keys that occur in both sides least often are anchors
   (once each: patience diff; the k-th occurrence paired with the k-th when every key
   repeats): the longest increasing run of anchor pairs splits the rest into gaps, which
   are aligned the same way, from step 1;
3. a gap small enough, or with few repeated keys, goes to `SequenceMatcher`.

Every step costs time linear in the size of the part it works on (step 2 adds a log factor
for the increasing run); `Meter` counts that work, and a budget of `WORK_PER_ITEM` units
per item caps it: past the budget, what is left is compared position by position. The
opcodes have `SequenceMatcher.get_opcodes()`'s form: `(tag, i1, i2, j1, j2)` with tag
`equal`, `replace`, `delete` or `insert`, covering both sequences in order.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]

# At most this many equal-key position pairs go to SequenceMatcher in one piece. Text
# where keys rarely repeat stays far below it (a pair per item), so small and ordinary
# inputs are aligned exactly as `SequenceMatcher` aligns them.
PAIR_LIMIT = 20_000
WORK_PER_ITEM = 200


@dataclass
class Meter:
    """Units of work spent by `opcodes` (one per item looked at, one per pair handed to difflib)."""

    work: int = 0


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], meter: Meter | None = None) -> list[Opcode]:
    """Opcodes turning `a` into `b` (see the module docstring)."""
    meter = meter if meter is not None else Meter()
    budget = meter.work + WORK_PER_ITEM * (len(a) + len(b) + 1)
    raw: list[Opcode] = []
    # Work items, depth first and left to right so opcodes come out in order: an opcode
    # (5-tuple, tag first) is emitted as it is; a piece (4-tuple of bounds) is aligned.
    stack: list[tuple] = [(0, len(a), 0, len(b))]
    while stack:
        item = stack.pop()
        if isinstance(item[0], str):
            raw.append(item)
            continue
        stack.extend(reversed(_piece(a, b, *item, meter=meter, over_budget=meter.work > budget)))
    return _merge(raw)


def _piece(a: Sequence, b: Sequence, i1: int, i2: int, j1: int, j2: int, *, meter: Meter,
           over_budget: bool) -> list[tuple]:
    """One piece as opcodes and smaller pieces, in order (see `opcodes`)."""
    if over_budget:
        return _by_position(a, b, i1, i2, j1, j2, meter)
    small = _small(a, b, i1, i2, j1, j2, meter)
    if small is not None:
        return small
    start_i, start_j, end_i, end_j = i1, j1, i2, j2
    while i1 < i2 and j1 < j2 and a[i1] == b[j1]:
        i1 += 1
        j1 += 1
    while i2 > i1 and j2 > j1 and a[i2 - 1] == b[j2 - 1]:
        i2 -= 1
        j2 -= 1
    meter.work += (i1 - start_i) + (end_i - i2)
    head = [("equal", start_i, i1, start_j, j1)] if i1 > start_i else []
    tail = [("equal", i2, end_i, j2, end_j)] if end_i > i2 else []
    middle = _small(a, b, i1, i2, j1, j2, meter)
    if middle is not None:
        return head + middle + tail
    out: list[tuple] = list(head)
    pi, pj = i1, j1
    for ai, bj in _anchors(a, b, i1, i2, j1, j2, meter):
        if pi < ai or pj < bj:
            out.append((pi, ai, pj, bj))
        out.append(("equal", ai, ai + 1, bj, bj + 1))
        pi, pj = ai + 1, bj + 1
    if pi < i2 or pj < j2:
        out.append((pi, i2, pj, j2))
    return out + tail


def _small(a: Sequence, b: Sequence, i1: int, i2: int, j1: int, j2: int, meter: Meter) -> list[Opcode] | None:
    """`SequenceMatcher`'s opcodes for a piece with few equal-key pairs, else None."""
    n, m = i2 - i1, j2 - j1
    meter.work += n + m + 1
    if n == 0 or m == 0:
        return [("delete" if n else "insert", i1, i2, j1, j2)] if n or m else []
    if n * m > PAIR_LIMIT:
        count_b = Counter(b[j1:j2])
        pairs = 0
        for k in a[i1:i2]:
            pairs += count_b.get(k, 0)
            if pairs > PAIR_LIMIT:
                return None
        meter.work += n + m
    else:
        pairs = n * m
    meter.work += pairs
    matcher = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [(tag, x1 + i1, x2 + i1, y1 + j1, y2 + j1) for tag, x1, x2, y1, y2 in matcher.get_opcodes()]


def _anchors(a: Sequence, b: Sequence, i1: int, i2: int, j1: int, j2: int, meter: Meter) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal keys, increasing in both, from the keys both sides repeat least."""
    count_a, count_b = Counter(a[i1:i2]), Counter(b[j1:j2])
    meter.work += (i2 - i1) + (j2 - j1)
    rarity = {k: max(n, count_b[k]) for k, n in count_a.items() if k in count_b}
    least = min(rarity.values())
    chosen = {k for k, r in rarity.items() if r == least}
    where_b: dict[Hashable, list[int]] = {}
    for j in range(j1, j2):
        if b[j] in chosen:
            where_b.setdefault(b[j], []).append(j)
    seen: Counter = Counter()
    candidates = []
    for i in range(i1, i2):
        key = a[i]
        if key in chosen:
            k = seen[key]
            seen[key] += 1
            places = where_b[key]
            if k < len(places):
                candidates.append((i, places[k]))
    meter.work += (i2 - i1) + (j2 - j1) + len(candidates) * max(1, len(candidates).bit_length())
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (already increasing in i) that also increases in j (patience sorting)."""
    tails: list[int] = []         # smallest j ending a run of each length
    tail_at: list[int] = []       # index into pairs of that run's end
    back: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k > 0 else -1
    out = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = back[n]
    return out[::-1]


def _by_position(a: Sequence, b: Sequence, i1: int, i2: int, j1: int, j2: int, meter: Meter) -> list[Opcode]:
    """Past the work budget: items compared at the same offset, the longer side's rest inserted or deleted."""
    n = min(i2 - i1, j2 - j1)
    meter.work += n
    out: list[Opcode] = []
    for k in range(n):
        tag = "equal" if a[i1 + k] == b[j1 + k] else "replace"
        out.append((tag, i1 + k, i1 + k + 1, j1 + k, j1 + k + 1))
    if i2 - i1 > n:
        out.append(("delete", i1 + n, i2, j1 + n, j1 + n))
    elif j2 - j1 > n:
        out.append(("insert", i1 + n, i1 + n, j1 + n, j2))
    return out


def _merge(raw: list[Opcode]) -> list[Opcode]:
    """Join neighbouring opcodes: equal with equal, and any run of changes into one change."""
    out: list[list] = []
    for tag, i1, i2, j1, j2 in raw:
        if i1 == i2 and j1 == j2:
            continue
        if out and (out[-1][0] == "equal") == (tag == "equal"):
            out[-1][2], out[-1][4] = i2, j2
            if tag != "equal":
                out[-1][0] = "change"
        else:
            out.append([tag, i1, i2, j1, j2])
    result = []
    for tag, i1, i2, j1, j2 in out:
        if tag != "equal":
            tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
        result.append((tag, i1, i2, j1, j2))
    return result
