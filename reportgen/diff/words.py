"""Word-level diff inside one changed block, with Vietnamese-aware tokens and a cleanup.

Tokens: a word with its diacritics (combining marks included, so NFD text never splits
a letter from its marks); a figure, code or date with inner `.`, `,`, `/`, `-`, `:` and
a trailing `%` (`13.787`, `95,2%`, `68/KH-UBND`, `10/12/2024`, `III.4.5`) is one token;
each run of spaces is one token; any other character is its own token.

The cleanup merges changes separated only by spaces or punctuation, or by an equal
stretch no longer than the changes around it, so a rewritten phrase reads as one
replacement instead of a scatter of single words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .sequence import opcodes
from .text import OBJECT_CHAR, compare_key

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ALNUM = rf"(?:[^\W_][{_MARKS}]*)"
_WORD = rf"{_ALNUM}+(?:[.,/\-:]{_ALNUM}+)*%?"
_TOKEN = re.compile(rf"{_WORD}|\s+|.", re.DOTALL)

SegmentOp = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    key: str
    word: bool


@dataclass(frozen=True)
class Segment:
    """One stretch of a word diff: character ranges in OLD's and NEW's text of the block."""

    op: SegmentOp
    old_start: int
    old_end: int
    new_start: int
    new_end: int

    def old_text(self, old: str) -> str:
        return old[self.old_start:self.old_end]

    def new_text(self, new: str) -> str:
        return new[self.new_start:self.new_end]


def tokenize(text: str) -> list[Token]:
    """Split text into tokens that keep words with their marks and figures whole."""
    out = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        out.append(Token(m.start(), m.end(), compare_key(s), bool(s[0].isalnum())))
    return out


def word_diff(old: str, new: str, old_objects: tuple[str, ...] = (), new_objects: tuple[str, ...] = ()) -> list[Segment]:
    """The word-level changes that turn `old` into `new`, cleaned up for reading.

    `old_objects`/`new_objects` are the signatures of the object characters (pictures,
    text boxes) in each text, so a changed object is a replaced token.
    """
    a, b = _with_objects(tokenize(old), old_objects), _with_objects(tokenize(new), new_objects)
    ops = [list(op) for op in opcodes([t.key for t in a], [t.key for t in b])]
    ops = _cleanup(ops, a, b)
    return [_to_chars(op, a, b, len(old), len(new)) for op in ops]


def _with_objects(tokens: list[Token], objects: tuple[str, ...]) -> list[Token]:
    if not objects:
        return tokens
    sigs = iter(objects)
    return [Token(t.start, t.end, t.key + next(sigs, ""), t.word) if t.key == OBJECT_CHAR else t for t in tokens]


def similarity(old: str, new: str) -> float:
    """How alike two texts are (0..1): shared words over all words (Dice on word tokens)."""
    wa = Counter(t.key.lower() for t in tokenize(old) if t.word)
    wb = Counter(t.key.lower() for t in tokenize(new) if t.word)
    total = sum(wa.values()) + sum(wb.values())
    if total == 0:
        return 1.0 if compare_key(old).strip() == compare_key(new).strip() else 0.0
    return 2 * sum((wa & wb).values()) / total


def _cleanup(ops: list[list], a: list[Token], b: list[Token]) -> list[list]:
    changed = True
    while changed:
        changed = False
        ops = _merge_adjacent(ops)
        for k in range(1, len(ops) - 1):
            tag, i1, i2, _, _ = ops[k]
            if tag != "equal" or ops[k - 1][0] == "equal" or ops[k + 1][0] == "equal":
                continue
            eq = a[i1:i2]
            eq_len = sum(t.end - t.start for t in eq)
            trivial = not any(t.word for t in eq)
            if trivial or (eq_len <= _size(ops[k - 1], a, b) and eq_len <= _size(ops[k + 1], a, b)):
                ops[k][0] = "replace"
                changed = True
        # Spaces at the edge of a change stay on the equal side: nothing to do for SequenceMatcher.
    return ops


def _merge_adjacent(ops: list[list]) -> list[list]:
    out: list[list] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and op[0] != "equal" and out[-1][0] != "equal":
            prev = out[-1]
            prev[2], prev[4] = op[2], op[4]
            prev[0] = "replace"
        elif out and op[0] == "equal" and out[-1][0] == "equal":
            out[-1][2], out[-1][4] = op[2], op[4]
        else:
            out.append(list(op))
    for op in out:
        if op[0] == "replace":
            op[0] = "delete" if op[3] == op[4] else "insert" if op[1] == op[2] else "replace"
    return out


def _size(op: list, a: list[Token], b: list[Token]) -> int:
    _, i1, i2, j1, j2 = op
    return max(sum(t.end - t.start for t in a[i1:i2]), sum(t.end - t.start for t in b[j1:j2]))


def _to_chars(op: list, a: list[Token], b: list[Token], len_a: int, len_b: int) -> Segment:
    tag, i1, i2, j1, j2 = op

    def pos(tokens: list[Token], i: int, total: int) -> int:
        return tokens[i].start if i < len(tokens) else total

    return Segment(tag, pos(a, i1, len_a), pos(a, i2, len_a), pos(b, j1, len_b), pos(b, j2, len_b))
