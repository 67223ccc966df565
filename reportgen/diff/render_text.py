"""The diff in a terminal: each changed block with its location and word-level highlights.

With colours (a terminal), deleted words are red and struck through, inserted words green.
Without (a pipe, a file, a test), the same text carries `[-deleted-]` and `{+inserted+}`
markers as `git diff --word-diff=plain` does, so nothing depends on colour alone.
A formatting change is one line per changed stretch: `«13.787 hộ»: in đậm → thường`.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from . import DocxDiff
from .changes import KIND_LABELS, OPTIONAL_KINDS, Change
from .text import OBJECT_CHAR

OBJECT_LABEL = "[hình/khung]"  # how a picture or text box shows in text output

CONTEXT = 60  # characters of unchanged text kept on each side of a change
MAX_BLOCK = 400  # characters of a whole inserted or deleted block shown
MAX_QUOTE = 60  # characters of a reformatted stretch quoted

_STYLES = {"insert": "green", "delete": "red", "change": "yellow", "move": "cyan", "format": "magenta"}
_UNITS = {"paragraph": "đoạn", "cell": "ô bảng", "row": "hàng", "table": "bảng", "story": "phần"}


def print_changes(diff: DocxDiff, console: Console) -> None:
    """Every change, one block each, then a one-line total."""
    if diff.equal:
        console.print("Hai bản giống nhau: không có thay đổi.")
        return
    plain = console.no_color or not console.is_terminal
    for n, change in enumerate(diff.changes, 1):
        head = Text()
        head.append(f"{n}. {change.label}", style=f"bold {_STYLES[change.kind]}")
        head.append(f" — {change.where()}", style="bold")
        if change.section:
            head.append(f"  (mục: {change.section})", style="dim")
        console.print(head)
        console.print(change_text(change, plain=plain), soft_wrap=True)
    console.print(total_line(diff))


def print_stat(diff: DocxDiff, console: Console) -> None:
    """One line per kind of change, with what kind of blocks it touched."""
    for line in stat_lines(diff):
        console.print(line)


def stat_lines(diff: DocxDiff) -> list[str]:
    lines = []
    for kind, label in KIND_LABELS.items():
        units: dict[str, int] = {}
        for c in diff.changes:
            if c.kind == kind:
                unit = unit_of(c)
                units[unit] = units.get(unit, 0) + 1
        total = sum(units.values())
        if not total and kind in OPTIONAL_KINDS:
            continue
        detail = ", ".join(f"{n} {u}" for u, n in units.items())
        lines.append(f"{label}: {total}" + (f" ({detail})" if detail else ""))
    return lines


def total_line(diff: DocxDiff) -> str:
    s = diff.summary()
    formats = f", {s['format']} định dạng" if s.get("format") else ""
    return (f"Tổng cộng {len(diff.changes)} thay đổi: {s['insert']} thêm, {s['delete']} xóa, "
            f"{s['change']} sửa, {s['move']} di chuyển{formats}.")


def unit_of(change: Change) -> str:
    if change.what == "paragraph" and any(k == "c" for k, _ in change.location.steps):
        return _UNITS["cell"]
    return _UNITS[change.what]


def change_text(change: Change, *, plain: bool) -> Text:
    """The text of one change with its deleted and inserted words marked."""
    text = Text("   ")
    if change.kind == "change":
        segs = change.segments
        for i, seg in enumerate(segs):
            if seg.op == "equal":
                text.append(_context(_shown(seg.new_text(change.new_text)), first=i == 0, last=i == len(segs) - 1))
                continue
            old, new = _shown(seg.old_text(change.old_text)), _shown(seg.new_text(change.new_text))
            if old:
                text.append(old if not plain else f"[-{old}-]", style="red strike")
            if new:
                text.append(new if not plain else f"{{+{new}+}}", style="green")
    elif change.kind == "insert":
        body = _clip(change.new_text)
        text.append(body if not plain else f"{{+{body}+}}", style="green")
    elif change.kind == "delete":
        body = _clip(change.old_text)
        text.append(body if not plain else f"[-{body}-]", style="red strike")
    elif change.kind == "move":
        text.append(_clip(change.new_text), style="cyan")
    for n, (quote, what) in enumerate(format_lines(change)):
        if n or change.kind != "format":
            text.append("\n   ")
        text.append("Định dạng " if change.kind != "format" else "", style="magenta")
        text.append(quote, style="bold")
        text.append(f": {what}")
    objects = change.objects_line()
    if objects:
        text.append("\n   ")
        text.append("Hình/khung: ", style="magenta")
        text.append(objects)
    return text


def format_lines(change: Change) -> list[tuple[str, str]]:
    """What a change reformatted: the paragraph itself (`đoạn văn`), then each reformatted
    stretch (`«quote»`, clipped), with what changed."""
    out = []
    if change.paragraph is not None:
        out.append(("đoạn văn", change.paragraph.description()))
    for edit in change.formats:
        quote = _shown(change.new_text[edit.new_start:edit.new_end])
        if len(quote) > MAX_QUOTE:
            quote = quote[:MAX_QUOTE] + "…"
        out.append((f"«{quote}»", edit.description()))
    return out


def _context(s: str, *, first: bool, last: bool) -> str:
    if len(s) <= 2 * CONTEXT:
        return s
    if first:
        return "…" + s[-CONTEXT:]
    if last:
        return s[:CONTEXT] + "…"
    return s[:CONTEXT] + " … " + s[-CONTEXT:]


def _shown(s: str) -> str:
    return s.replace(OBJECT_CHAR, OBJECT_LABEL)


def _clip(s: str) -> str:
    s = _shown(s)
    return s if len(s) <= MAX_BLOCK else s[:MAX_BLOCK] + "…"
