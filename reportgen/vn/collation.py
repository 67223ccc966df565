"""Vietnamese alphabetical order without ICU.

Order of letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (foreign
f j w z sit where Latin puts them). Comparison runs in levels, like a collator:
1. the base letters of the whole string (tone and case ignored);
2. the tones, in order ngang < huyền < hỏi < ngã < sắc < nặng;
3. case (lower before upper);
4. the NFC text itself, so that the order is total and stable.
Spaces and punctuation sort before digits, digits before letters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

__all__ = ["collation_key", "vn_sorted", "VN_ALPHABET"]

T = TypeVar("T")

VN_ALPHABET: tuple[str, ...] = tuple("a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split())

# Tone marks (NFD) by rank: ngang (none) 0, huyền 1, hỏi 2, ngã 3, sắc 4, nặng 5.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Letters in order, foreign letters slotted where Latin order puts them.
_LETTERS = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i for i, letter in enumerate(_LETTERS)}

_PUNCT_BASE = 0
_DIGIT_BASE = 1_000_000
_LETTER_BASE = 2_000_000
_OTHER_BASE = 3_000_000


def collation_key(s: str) -> tuple[Any, ...]:
    """Sort key for Vietnamese alphabetical order: `sorted(names, key=collation_key)`."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for ch in unicodedata.normalize("NFC", s):
        base, tone = _letter_and_tone(ch)
        lower = base.lower()
        if lower in _LETTER_RANK:
            primary.append(_LETTER_BASE + _LETTER_RANK[lower])
            tones.append(tone)
            cases.append(0 if base == lower else 1)
        elif ch.isdigit():
            primary.append(_DIGIT_BASE + (unicodedata.digit(ch, 0)))
        elif ch.isspace() or unicodedata.category(ch)[0] in "PSZ":
            primary.append(_PUNCT_BASE + (32 if ch.isspace() else ord(ch)))
        else:
            primary.append(_OTHER_BASE + ord(ch.lower()))
            cases.append(0 if ch == ch.lower() else 1)
    return (tuple(primary), tuple(tones), tuple(cases), unicodedata.normalize("NFC", s))


def vn_sorted(iterable: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """`sorted` in Vietnamese alphabetical order; `key` picks the text of each item."""
    if key is None:
        return sorted(iterable, key=collation_key)  # type: ignore[arg-type]
    return sorted(iterable, key=lambda item: collation_key(key(item)))


def _letter_and_tone(ch: str) -> tuple[str, int]:
    """`ấ` → (`â`, 4): the letter with its vowel marks, and the tone rank."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for c in decomposed:
        if c in _TONE_RANK:
            tone = _TONE_RANK[c]
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone
