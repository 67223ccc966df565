"""Rules over every paragraph: Times New Roman, black, NFC text, lines typed as characters.

Phụ lục I, mục I.4 (phông chữ Times New Roman, Unicode TCVN 6909:2001, màu đen). Every
place text is, is checked: body, tables, headers and footers of every section, footnotes
and endnotes, text boxes (`Document.all_paragraphs`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..findings import Finding
from ..textutil import is_typed_line
from .common import Context

# Vietnamese text is Latin: Word sets it in the ascii and hAnsi fonts. The complex-script
# (cs) and East Asian slots never show in a Vietnamese document.
_SLOTS = ("ascii", "hAnsi")


def check(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    wanted = facts["font"]["name"].casefold()
    black = {c.casefold() for c in facts["font"]["colors_black"]}
    near = facts["font"]["black_max_channel"]
    chars = facts["typed_line"]["characters"]
    min_len = facts["typed_line"]["min_length"]
    for p in ctx.doc.all_paragraphs():
        runs = p.text_runs()
        if not runs:
            continue
        slots_of: dict[str, set[str]] = {}
        unset = False
        for r in runs:
            for slot in _SLOTS:
                name = r.fmt.font(slot)
                if not name:
                    unset = True
                elif name.strip().casefold() != wanted:
                    slots_of.setdefault(name, set()).add(slot)
        if slots_of or unset:
            yield facts.rule("font").finding(_font_message(slots_of, unset), p.location)
        colors = sorted({r.fmt.color for r in runs if r.fmt.color and not _black(r.fmt.color, black, near)})
        if colors:
            yield facts.rule("font-color").finding(
                f"Chữ phải màu đen; đoạn này có chữ màu {', '.join('#' + c for c in colors)}.", p.location
            )
        if not unicodedata.is_normalized("NFC", p.text):
            yield facts.rule("text-nfc").finding(
                "Chữ tiếng Việt không ở dạng Unicode dựng sẵn (NFC): dấu được gõ tách khỏi chữ "
                "(Unicode tổ hợp); hãy chuyển sang Unicode dựng sẵn.",
                p.location,
            )
        for line in p.lines():
            if is_typed_line(line.text, chars, min_len):
                yield facts.rule("typed-line").finding(
                    f"Đường kẻ được gõ bằng ký tự «{line.text.strip()[:12]}»; nên vẽ bằng đường viền "
                    "đoạn văn (Borders) hoặc hình vẽ (Shape).",
                    p.location,
                )
                break


def _black(color: str, black: set[str], near: int) -> bool:
    """`auto`, `000000`, or a colour so dark it prints as black."""
    if color.casefold() in black:
        return True
    try:
        channels = [int(color[k:k + 2], 16) for k in (0, 2, 4)] if len(color) == 6 else None
    except ValueError:
        return False
    return channels is not None and max(channels) <= near


def _font_message(slots_of: dict[str, set[str]], unset: bool) -> str:
    """`Phông chữ phải là Times New Roman; đoạn này dùng «Arial»…`."""
    names = [f"«{name}»" for name in sorted(slots_of)]
    parts = []
    if names:
        parts.append(f"đoạn này dùng {', '.join(names)}")
    if unset:
        parts.append("có chữ chưa đặt phông (Word sẽ dùng phông mặc định)")
    return f"Phông chữ phải là Times New Roman; {'; '.join(parts)}."
