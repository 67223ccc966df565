"""Small text predicates the rules share: folding for matching, case, typed lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .document import Run


def flat(text: str) -> str:
    """`text` as NFC on one line with single spaces (what the rules read and compare)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def fold(text: str) -> str:
    """Upper case without diacritics (`Nơi nhận` → `NOI NHAN`): for recognising, never for judging."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return flat(bare.upper())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def looks_upper(text: str, runs: Iterable[Run] = ()) -> bool:
    """True when every letter shows in capitals (typed so, or with the `caps` property)."""
    runs = [r for r in runs if r.text.strip()]
    if runs and all(r.fmt.caps or r.text == r.text.upper() for r in runs):
        return has_letters(text)
    return has_letters(text) and text == text.upper()


def is_typed_line(text: str, characters: str, min_length: int) -> bool:
    """A line drawn with typed characters: `________`, `-------` (or two of them side by side,
    one under each column of a page-1 block typed with tabs)."""
    s = text.strip()
    if not s or s[0] not in characters or s[-1] not in characters:
        return False  # most lines are text: rejected at their first or last character
    chunks = s.split()
    return max(len(c) for c in chunks) >= min_length and all(ch in characters for c in chunks for ch in c)
