"""Match the blocks of two drafts, then the words inside each matched pair.

Two levels, never one flat word diff over the whole document (which takes minutes):
1. blocks (paragraphs and tables of a story, rows of a table, stories of a kind) are
   matched on their NFC text (`sequence.opcodes`: `SequenceMatcher(autojunk=False)` where
   keys rarely repeat, anchors and equal runs taken in linear time where they do, so
   thousands of equal paragraphs cost no more than thousands of different ones); a block that left
   one place and appears unchanged elsewhere is a move; what is left in each gap is
   paired by similarity (best monotonic pairing, similarity ≥ 0.5) as a change;
2. inside a changed paragraph, words are diffed; inside a changed table, rows are
   matched the same way and cells compared as cells; inside a cell, its paragraphs.

Paragraphs whose text is equal (and the equal stretches of a changed paragraph) are also
compared on run formatting (`formatting.format_edits`); a table or story whose text is
equal but holds a formatting change becomes a change of its rows or blocks, so the change
list and the redline reach the paragraph. Headers and footers are paired by the section and
type (default, first page, even pages) that use them.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .formatting import FormatEdit, ParaEdit, format_edits
from .model import DraftDocument, Item, Para, Row, Story, Table
from .sequence import opcodes
from .words import Segment, tokenize, word_diff

OpKind = Literal["equal", "change", "insert", "delete"]

PARA_THRESHOLD = 0.5
TABLE_THRESHOLD = 0.3
_DP_LIMIT = 40_000  # old × new blocks in one gap above which pairing is greedy


@dataclass(eq=False)
class Op:
    """One step of an alignment: a pair of blocks (equal or changed), or a block on one side only."""

    kind: OpKind
    old: object | None = None
    new: object | None = None
    moved: bool = False
    partner: Op | None = None  # the other half of a move
    words: list[Segment] | None = None  # changed paragraph
    rows: list[Op] | None = None  # changed table
    cells: list[list[Op]] | None = None  # changed row: one item alignment per cell
    items: list[Op] | None = None  # changed story
    formats: list[FormatEdit] | None = None  # equal or changed paragraph: run formatting that changed
    para: ParaEdit | None = None  # equal or changed paragraph: its own properties changed (style, alignment...)


@dataclass
class Alignment:
    """The two drafts and how their stories line up."""

    old: DraftDocument
    new: DraftDocument
    stories: list[Op] = field(default_factory=list)


def align_documents(old: DraftDocument, new: DraftDocument) -> Alignment:
    """Align every story of the two drafts: body, headers, footers, footnotes, endnotes."""
    result = Alignment(old, new)
    for kind in ("body", "header", "footer", "footnote", "endnote"):
        a, b = old.story_group(kind), new.story_group(kind)
        if kind == "body":
            ops = _by_order(a, b)
        elif kind in ("header", "footer"):
            ops = _by_slot(a, b)
        else:
            ops = _align(a, b, lambda s: s.key, _story_similarity)
        for op in ops:
            if op.kind in ("equal", "change") and op.old.key != op.new.key:
                op.kind = "change"
            if op.kind == "change":
                op.items = align_items(op.old.items, op.new.items)
            elif op.kind == "equal":
                items = _equal_items(op.old.items, op.new.items)
                if _touched(items):
                    op.kind, op.items = "change", items
            result.stories.append(op)
    return result


def align_items(old: Sequence[Para | Table], new: Sequence[Para | Table]) -> list[Op]:
    """Align the paragraphs and tables of one container, with details for each changed pair."""
    ops = _align(old, new, lambda i: ("p" if isinstance(i, Para) else "t", i.key), _item_similarity)
    for op in ops:
        if op.kind == "equal":
            _check_formats(op)
        elif op.kind != "change":
            continue
        elif isinstance(op.old, Para):
            op.words = word_diff(op.old.text, op.new.text, op.old.objects, op.new.objects)
            op.formats = _para_formats(op.old, op.new, op.words)
            op.para = _para_edit(op.old, op.new)
        else:
            op.rows = align_rows(op.old.rows, op.new.rows)
    return ops


def align_rows(old: Sequence[Row], new: Sequence[Row]) -> list[Op]:
    """Align table rows; a changed row compares cell by cell."""
    ops = _align(old, new, lambda r: r.key, _row_similarity)
    for op in ops:
        if op.kind == "change":
            op.cells = [align_items(a.items, b.items) for a, b in zip(op.old.cells, op.new.cells, strict=True)]
    return ops


# --- formatting of blocks with equal text ----------------------------------------------


def _check_formats(op: Op) -> None:
    """Record the formatting changes of an equal block; a table holding some becomes a change."""
    if isinstance(op.old, Para):
        op.formats = _para_formats(op.old, op.new)
        op.para = _para_edit(op.old, op.new)
        return
    old, new = op.old, op.new
    if len(old.rows) != len(new.rows) or any(len(a.cells) != len(b.cells) for a, b in zip(old.rows, new.rows, strict=True)):
        return
    rows = [Op("equal", a, b) for a, b in zip(old.rows, new.rows, strict=True)]
    for row in rows:
        cells = [_equal_items(a.items, b.items) for a, b in zip(row.old.cells, row.new.cells, strict=True)]
        if any(_touched(c) for c in cells):
            row.kind, row.cells = "change", cells
    if any(row.kind == "change" for row in rows):
        op.kind, op.rows = "change", rows


def _equal_items(old: Sequence[Item], new: Sequence[Item]) -> list[Op]:
    """The blocks of two containers with the same text, paired in order, formatting compared."""
    if len(old) != len(new) or any(type(a) is not type(b) for a, b in zip(old, new, strict=True)):
        return align_items(old, new)
    ops = [Op("equal", a, b) for a, b in zip(old, new, strict=True)]
    for op in ops:
        _check_formats(op)
    return ops


def _touched(ops: list[Op]) -> bool:
    return any(op.kind != "equal" or op.formats or op.para for op in ops)


def _para_edit(old: Para, new: Para) -> ParaEdit | None:
    """The change of a paragraph pair's own properties, if any."""
    if old.look is None or new.look is None or old.look == new.look:
        return None
    return ParaEdit(old.look, new.look)


def _para_formats(old: Para, new: Para, words: list[Segment] | None = None) -> list[FormatEdit] | None:
    """Formatting changes of a paragraph pair: over the whole text, or the word diff's equal stretches."""
    if words is None:
        if old.formats == new.formats and old.text == new.text:
            return None
        regions = [(0, len(old.text), 0, len(new.text))]
    else:
        regions = [(s.old_start, s.old_end, s.new_start, s.new_end) for s in words if s.op == "equal"]
    return format_edits(old.text, old.formats, new.text, new.formats, regions) or None


# --- the generic two-step matcher ------------------------------------------------------


def _align(old: Sequence, new: Sequence, key: Callable, similar: Callable) -> list[Op]:
    ka, kb = [key(x) for x in old], [key(x) for x in new]
    gaps: list[tuple[int, int, int, int]] = []
    plan: list[tuple[str, int, int, int, int]] = opcodes(ka, kb)
    for tag, i1, i2, j1, j2 in plan:
        if tag != "equal":
            gaps.append((i1, i2, j1, j2))
    moved_old, moved_new = _moves(ka, kb, gaps)
    move_ops: dict[tuple[str, int], Op] = {}
    for i, j in zip(moved_old, moved_new, strict=True):
        d = Op("delete", old=old[i], moved=True)
        n = Op("insert", new=new[j], moved=True)
        d.partner, n.partner = n, d
        move_ops[("o", i)] = d
        move_ops[("n", j)] = n
    out: list[Op] = []
    for tag, i1, i2, j1, j2 in plan:
        if tag == "equal":
            out.extend(Op("equal", old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        olds = [i for i in range(i1, i2) if ("o", i) not in move_ops]
        news = [j for j in range(j1, j2) if ("n", j) not in move_ops]
        if len(olds) == 1 and len(news) == 1 and similar(old[olds[0]], new[news[0]], loose=True) > 0:
            pairs = [(olds[0], news[0])]  # one block replaced in place: a change, however large
        else:
            pairs = _pair(olds, news, old, new, similar)
        pi = iter(pairs)
        next_pair = next(pi, None)
        i, j = i1, j1
        while i < i2 or j < j2:
            if next_pair is not None and i == next_pair[0] and j == next_pair[1]:
                out.append(Op("change", old[i], new[j]))
                i += 1
                j += 1
                next_pair = next(pi, None)
                continue
            stop_i = next_pair[0] if next_pair is not None else i2
            stop_j = next_pair[1] if next_pair is not None else j2
            while i < stop_i:
                out.append(move_ops.get(("o", i)) or Op("delete", old=old[i]))
                i += 1
            while j < stop_j:
                out.append(move_ops.get(("n", j)) or Op("insert", new=new[j]))
                j += 1
    return out


def _moves(ka: list, kb: list, gaps: list[tuple[int, int, int, int]]) -> tuple[list[int], list[int]]:
    """Blocks deleted in one gap and inserted unchanged in another: pairs of (old, new) indexes."""
    waiting: dict[str, deque[int]] = {}
    for i1, i2, _, _ in gaps:
        for i in range(i1, i2):
            if _movable(ka[i]):
                waiting.setdefault(ka[i], deque()).append(i)
    olds, news = [], []
    for _, _, j1, j2 in gaps:
        for j in range(j1, j2):
            bucket = waiting.get(kb[j])
            if bucket:
                olds.append(bucket.popleft())
                news.append(j)
    order = sorted(range(len(olds)), key=lambda k: news[k])
    return [olds[k] for k in order], [news[k] for k in order]


def _movable(key: str | tuple[str, str]) -> bool:
    """Only blocks with some text can be said to have moved (not empty paragraphs)."""
    text = key[1] if isinstance(key, tuple) else key
    return any(c.isalnum() for c in text)


def _pair(olds: list[int], news: list[int], old: Sequence, new: Sequence, similar: Callable) -> list[tuple[int, int]]:
    """Best order-keeping pairing of the blocks left in one gap, by similarity."""
    if not olds or not news:
        return []
    if len(olds) * len(news) > _DP_LIMIT:
        return _pair_greedy(olds, news, old, new, similar)
    n, m = len(olds), len(news)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            best, how = score[a + 1][b], 1
            if score[a][b + 1] > best:
                best, how = score[a][b + 1], 2
            s = similar(old[olds[a]], new[news[b]])
            if s > 0 and s + score[a + 1][b + 1] > best:
                best, how = s + score[a + 1][b + 1], 3
            score[a][b], back[a][b] = best, how
    pairs = []
    a = b = 0
    while a < n and b < m:
        how = back[a][b]
        if how == 3:
            pairs.append((olds[a], news[b]))
            a += 1
            b += 1
        elif how == 1:
            a += 1
        else:
            b += 1
    return pairs


def _pair_greedy(olds, news, old, new, similar) -> list[tuple[int, int]]:
    pairs = []
    start = 0
    for i in olds:
        for k in range(start, min(len(news), start + 50)):
            if similar(old[i], new[news[k]]) > 0:
                pairs.append((i, news[k]))
                start = k + 1
                break
    return pairs


# --- similarity ------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _bag(text: str) -> tuple[Counter, int]:
    """The words of a block's text with their counts, and how many there are (cached: pairing
    compares each block with up to 50 others, and a block may hold thousands of words)."""
    bag = Counter(t.key.lower() for t in tokenize(text) if t.word)
    return bag, sum(bag.values())


def _dice(a: str, b: str) -> float:
    (wa, na), (wb, nb) = _bag(a), _bag(b)
    total = na + nb
    if total == 0:
        return 0.0
    if len(wa) > len(wb):
        wa, wb = wb, wa
    shared = sum(min(n, wb[w]) for w, n in wa.items() if w in wb)
    return 2 * shared / total


def _item_similarity(a, b, *, loose: bool = False) -> float:
    """Similarity of two blocks; with `loose`, any positive value for blocks of the same kind."""
    if isinstance(a, Para) and isinstance(b, Para):
        if loose:
            return 1.0
        s = _dice(a.key, b.key)
        return s if s >= PARA_THRESHOLD else 0.0
    if isinstance(a, Table) and isinstance(b, Table):
        if a.grid_cols != b.grid_cols:
            return 0.0  # a new column grid: the old table goes and the new one comes
        if loose:
            return 1.0
        s = _dice(a.key, b.key)
        return s if s >= TABLE_THRESHOLD else 0.0
    return 0.0


def _row_similarity(a: Row, b: Row, *, loose: bool = False) -> float:
    if len(a.cells) != len(b.cells):
        return 0.0
    if loose:
        return 1.0
    same = sum(1 for x, y in zip(a.cells, b.cells, strict=True) if x.key == y.key) / max(1, len(a.cells))
    s = max(_dice(a.key, b.key), same)
    if a.cells and a.cells[0].key.strip() and a.cells[0].key == b.cells[0].key:
        s = max(s, 0.5 + 0.5 * same)  # same first column: the same line of the table
    return s if s >= PARA_THRESHOLD else 0.0


def _story_similarity(a: Story, b: Story, *, loose: bool = False) -> float:
    if loose:
        return 1.0
    s = _dice(a.key, b.key)
    return s if s >= PARA_THRESHOLD else 0.0


def _by_slot(a: list[Story], b: list[Story]) -> list[Op]:
    """Headers (or footers) paired by a section and type (default, first, even) both show.

    Pairing by order would compare a first-page header with a default one when one of
    them went away. A NEW header is compared with the OLD header its first slot showed,
    even when another NEW header already is (a program that writes one copy of a header
    per section, as LibreOffice does, changes nothing); what is left on one side only is a
    deletion or an insertion.
    """
    where: dict[tuple[int, str], int] = {}
    for i, story in enumerate(a):
        for slot in story.slots:
            where.setdefault(slot, i)
    pairs: dict[int, int] = {}  # new index → old index
    for j, story in enumerate(b):
        i = next((where[slot] for slot in story.slots if slot in where), None)
        if i is not None:
            pairs[j] = i
    paired_old = set(pairs.values())
    ops = [Op("equal", a[pairs[j]], y) for j, y in enumerate(b) if j in pairs]
    ops += [Op("delete", old=x) for i, x in enumerate(a) if i not in paired_old]
    ops += [Op("insert", new=y) for j, y in enumerate(b) if j not in pairs]
    return ops


def _by_order(a: list[Story], b: list[Story]) -> list[Op]:
    ops = [Op("equal", x, y) for x, y in zip(a, b, strict=False)]
    ops += [Op("delete", old=x) for x in a[len(b):]]
    ops += [Op("insert", new=y) for y in b[len(a):]]
    return ops
