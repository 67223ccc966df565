"""Vietnamese text as official documents store it: NFC, new-style tone placement.

Input arrives as NFD (macOS), with old tone placement (`Thanh Hoá`, `thuý`, `khoẻ`,
`Uỷ ban`), or with zero-width or bidi control characters pasted from the web.
`normalize_text` gives the one form documents use; `normalized_key` is the form names are
compared on.

Tone placement rule implemented (the style of the seed plan and of current official
text): in the open syllables `oa`, `oe`, `uy` (no final consonant or vowel after them)
the tone goes on the first vowel: `hoá` → `hóa`, `khoẻ` → `khỏe`, `thuý` → `thúy`,
`uỷ` → `ủy`. With anything after the pair it stays on the second vowel (`hoàng`,
`toán`, `ngoài`, `khuỷu`), and `qu` + `y` is not the `uy` pair (`quý` stays).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "normalized_key", "vn_upper", "strip_bidi_controls", "BIDI_CONTROLS", "TONE_MARKS"]

# Combining marks of the five tones (NFD): huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Zero-width space / (non-)joiners / word joiner / BOM. The soft hyphen U+00AD is left
# alone here: in TCVN3 mojibake it is the letter `ư`, so dropping it would destroy text
# that `legacy.fix_legacy_text` could still repair. `normalized_key` drops it.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
# (U+2066–U+2069), the left-to-right / right-to-left marks (U+200E, U+200F) and the Arabic
# letter mark (U+061C). Vietnamese text never needs them; pasted into a document, an
# override (U+202E) shows the rest of the line reversed. Removed on the way in.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"\s+")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")

# Open oa / oe / uy syllables with the tone on the second vowel (old style).
# `(?<!\w)` / `(?!\w)` keep it to whole syllables; the initial is consonants only, and
# `q` is left out of the `uy` case because in `quý` the `u` belongs to the initial.
_INITIAL = "bcdđghklmnpqrstvx"
_OLD_TONE = re.compile(
    rf"(?<!\w)(?P<init>[{_INITIAL}]*)(?P<v1>o)(?P<v2>[àáảãạèéẻẽẹ])(?!\w)"
    rf"|(?<!\w)(?P<init2>[{_INITIAL.replace('q', '')}]*)(?P<u>u)(?P<y>[ỳýỷỹỵ])(?!\w)",
    re.IGNORECASE,
)


def normalize_text(s: str, *, collapse_spaces: bool = False) -> str:
    """NFC text with new-style tone placement and no zero-width or bidi control characters.

    With `collapse_spaces`, runs of whitespace (also NBSP) become one space and the
    ends are stripped.
    """
    text = unicodedata.normalize("NFC", s)
    text = _ZERO_WIDTH.sub("", text)
    text = BIDI_CONTROLS.sub("", text)
    text = _OLD_TONE.sub(_move_tone, text)
    if collapse_spaces:
        text = _SPACES.sub(" ", text).strip()
    return text


def strip_bidi_controls(s: str) -> tuple[str, int]:
    """`s` without bidirectional control characters, and how many were removed."""
    text, count = BIDI_CONTROLS.subn("", s)
    return text, count


def normalized_key(s: str) -> str:
    """Key for matching names across files: same text → same key, whatever its form."""
    text = normalize_text(s.replace(_SOFT_HYPHEN, ""), collapse_spaces=True)
    text = _DASHES.sub("-", text)
    text = unicodedata.normalize("NFC", text.casefold())
    return _strip_end_punctuation(text)


def vn_upper(s: str) -> str:
    """Upper case with Vietnamese letters intact, as NFC (`ủy ban` → `ỦY BAN`)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", s).upper())


def _move_tone(m: re.Match[str]) -> str:
    if m["v1"] is not None:
        init, first, second = m["init"], m["v1"], m["v2"]
    else:
        init, first, second = m["init2"], m["u"], m["y"]
    base, tone = _split_tone(second)
    return init + unicodedata.normalize("NFC", first + tone) + base


def _split_tone(ch: str) -> tuple[str, str]:
    """`á` → (`a`, U+0301): the letter without its tone, and the tone mark."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in TONE_MARKS)
    rest = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tone


def _strip_end_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_punct_or_space(text[start]):
        start += 1
    while end > start and _is_punct_or_space(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_punct_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"
