"""What reaches the terminal: input text made safe to print, and output that never crashes on its encoding.

Moved here from `common` so that `output` (problems, envelopes) can use it without a cycle.
"""

from __future__ import annotations

import codecs
import functools
import re
import sys
import unicodedata

# Control characters (a NUL, an escape sequence that would drive the terminal, a newline
# that would split one problem over two lines) and bidi controls from input data are shown
# as escapes, never sent to the terminal as they are.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def printable(text: str) -> str:
    """`text` with control and bidi characters written as `\\xNN` / `\\uNNNN` escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def setup_output_encoding() -> None:
    """Make stdout and stderr print whatever their encoding, instead of crashing.

    Redirected output on a Vietnamese Windows machine is often `cp1258`, which has no
    precomposed `ệ` or `ữ`; `PYTHONIOENCODING` can name any code page. When a stream cannot
    encode Vietnamese, characters it lacks are written the way that code page writes
    Vietnamese (a base letter and combining tone marks), else without their marks, else
    as a close ASCII sign (`→` as `->`), else `?`: the text stays readable.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        if _encodes("Lỗi: Ủy ban nhân dân đã ghi", encoding):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # The handler must know the stream's encoding: a charmap codec reports itself as "charmap".
        handler = f"reportgen-fallback-{encoding.lower()}"
        codecs.register_error(handler, functools.partial(_fallback, encoding=encoding))
        try:
            reconfigure(errors=handler)
        except (ValueError, OSError):
            pass


_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ASCII = {"→": "->", "←": "<-", "…": "...", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "≥": ">=", "≤": "<=",
          "–": "-", "—": "-", "−": "-", "«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "•": "*",
          "×": "x", "÷": ":", "≠": "!=", "━": "-", "─": "-", "│": "|", "┃": "|", "┏": "+", "┓": "+", "┗": "+",
          "┛": "+", "┡": "+", "┩": "+", "╇": "+", "┳": "+", "┻": "+", "╋": "+", "┼": "+", "├": "+", "┤": "+",
          "┌": "+", "┐": "+", "└": "+", "┘": "+", "┬": "+", "┴": "+", "═": "=", "║": "|"}


def _fallback(exc: UnicodeError, *, encoding: str) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_closest(ch, encoding) for ch in exc.object[exc.start:exc.end]), exc.end


def _closest(ch: str, encoding: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    tones = "".join(c for c in decomposed if c in _TONES)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for candidate in (base + tones, unicodedata.normalize("NFD", ch), base, bare.replace("đ", "d").replace("Đ", "D"),
                      _ASCII.get(ch, "")):
        if candidate and candidate != ch and _encodes(candidate, encoding):
            return candidate
    return "?"


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False
