"""The diff as one self-contained HTML page: no network, inline CSS, Vietnamese interface.

A change list at the side links to each change (`#c1`, `#c2`...); every change shows OLD
and NEW side by side, or inline (deleted and inserted words in one text). The layout
switches with two radio buttons and CSS alone; `n`/`p` (or `j`/`k`) jump through changes.
A formatting change shows each reformatted stretch as it looked in each draft (bold,
italic, underline, size, font, colour) and says what changed: `in đậm → thường`.
"""

from __future__ import annotations

import re
from html import escape as _escape

from . import DocxDiff
from .changes import Change
from .formatting import TextFormat
from .render_text import _shown, format_lines, stat_lines

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Times New Roman","Liberation Serif",serif;color:#1a1a1a;background:#f6f6f3}
header{padding:12px 20px;background:#23395d;color:#fff}
header h1{margin:0;font-size:19px}
header p{margin:4px 0 0;font-size:13px;opacity:.9}
.wrap{display:flex;align-items:flex-start}
nav{position:sticky;top:0;width:300px;max-height:100vh;overflow:auto;padding:10px 12px;background:#fff;border-right:1px solid #ddd;font-size:13px}
nav ol{padding-left:22px;margin:6px 0}
nav a{color:#23395d;text-decoration:none}
nav a:hover{text-decoration:underline}
main{flex:1;padding:12px 20px;min-width:0}
.layout{margin:0 0 10px;font-size:14px}
.card{background:#fff;border:1px solid #ddd;border-left:5px solid #999;border-radius:4px;margin:0 0 12px;padding:8px 12px;scroll-margin-top:8px}
.k-insert{border-left-color:#2e7d32}.k-delete{border-left-color:#c62828}
.k-change{border-left-color:#f9a825}.k-move{border-left-color:#0277bd}.k-format{border-left-color:#6a1b9a}
.card h2{margin:0 0 6px;font-size:15px}
.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;margin-right:6px}
.k-insert .badge{background:#2e7d32}.k-delete .badge{background:#c62828}.k-change .badge{background:#b26a00}.k-move .badge{background:#0277bd}.k-format .badge{background:#6a1b9a}
.section{color:#666;font-weight:normal;font-size:13px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.cols>div,.inline{white-space:pre-wrap;padding:6px 8px;background:#fafafa;border:1px solid #eee;border-radius:3px}
.cols .label,.inline .label{display:block;color:#777;font-size:12px;white-space:normal}
del{background:#fdd;color:#8b0000;text-decoration:line-through}
ins{background:#dfd;color:#0b5d1e;text-decoration:none}
mark.fmt{background:#f1e4f7;border-bottom:2px solid #6a1b9a}
ul.fmts{margin:6px 0 0;padding-left:20px;font-size:14px}
#inline:checked~.wrap .cols{display:none}
#side:checked~.wrap .inline{display:none}
.equal{padding:20px;font-size:17px}
"""

_SCRIPT = """
document.addEventListener('keydown',function(e){
 if(e.target.tagName==='INPUT')return;
 var k=e.key, cards=[].slice.call(document.querySelectorAll('.card'));
 if(!cards.length||'njpk'.indexOf(k)<0)return;
 var cur=cards.findIndex(function(c){return c.getBoundingClientRect().top>10});
 if(cur<0)cur=cards.length;
 var go=(k==='n'||k==='j')?Math.min(cur,cards.length-1):Math.max(cur-2,0);
 location.hash='#'+cards[go].id;
});
"""


def render_html(diff: DocxDiff, *, layout: str = "side") -> str:
    """A complete HTML page for the diff; `layout` is the view shown first (`side` or `inline`)."""
    title = f"So sánh dự thảo: {diff.old_name} → {diff.new_name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f'<input type="radio" name="layout" id="side" hidden{" checked" if layout != "inline" else ""}>',
        f'<input type="radio" name="layout" id="inline" hidden{" checked" if layout == "inline" else ""}>',
        f"<header><h1>{escape(title)}</h1><p>{escape(' · '.join(stat_lines(diff)))}</p></header>",
        '<div class="wrap">',
        _nav(diff),
        "<main>",
        '<p class="layout">Cách xem: <label for="side"><u>hai cột</u></label> · '
        '<label for="inline"><u>gộp một cột</u></label> · phím n / p: thay đổi kế tiếp / trước</p>',
    ]
    for note in diff.notes:
        parts.append(f'<p class="section">Ghi chú: {escape(note)}</p>')
    if diff.equal:
        parts.append('<p class="equal">Hai bản giống nhau: không có thay đổi.</p>')
    for n, change in enumerate(diff.changes, 1):
        parts.append(_card(n, change))
    parts += ["</main></div>", f"<script>{_SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts)


def _nav(diff: DocxDiff) -> str:
    items = "".join(
        f'<li><a href="#c{n}">{escape(c.label)}: {escape(c.where())}</a></li>'
        for n, c in enumerate(diff.changes, 1)
    )
    return f'<nav><strong>Danh sách thay đổi ({len(diff.changes)})</strong><ol>{items}</ol></nav>'


def _card(n: int, c: Change) -> str:
    section = f' <span class="section">mục: {escape(c.section)}</span>' if c.section else ""
    old_html, new_html, inline_html = _formatted(c) if c.kind == "format" else _bodies(c)
    fmts = "".join(f"<li>Định dạng {escape(quote)}: {escape(what)}</li>" for quote, what in format_lines(c))
    if c.objects_line():
        fmts += f"<li>Hình/khung: {escape(c.objects_line())}</li>"
    return (
        f'<section class="card k-{c.kind}" id="c{n}">'
        f'<h2><span class="badge">{escape(c.label)}</span>{n}. {escape(c.where())}{section}</h2>'
        f'<div class="cols"><div><span class="label">Bản cũ</span>{old_html}</div>'
        f'<div><span class="label">Bản mới</span>{new_html}</div></div>'
        f'<div class="inline"><span class="label">Thay đổi</span>{inline_html}</div>'
        + (f'<ul class="fmts">{fmts}</ul>' if fmts else "")
        + "</section>"
    )


def escape(s: str) -> str:
    """HTML-escaped text, pictures and text boxes shown by a label."""
    return _escape(_shown(s))


def _formatted(c: Change) -> tuple[str, str, str]:
    """OLD and NEW with each reformatted stretch drawn in its own draft's format."""
    def side(text: str, cuts: list[tuple[int, int, TextFormat, str]]) -> str:
        out, pos = [], 0
        for start, end, fmt, what in cuts:
            out.append(escape(text[pos:start]))
            out.append(f'<mark class="fmt" title="{escape(what)}" style="{_css(fmt)}">{escape(text[start:end])}</mark>')
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)

    old = side(c.old_text, [(f.old_start, f.old_end, f.old, f.description()) for f in c.formats])
    new = side(c.new_text, [(f.new_start, f.new_end, f.new, f.description()) for f in c.formats])
    return old, new, new


def _css(fmt: TextFormat) -> str:
    """Inline CSS for a run format; font names and colours are filtered so no URL can get in."""
    rules = [f"font-weight:{'bold' if fmt.bold else 'normal'}", f"font-style:{'italic' if fmt.italic else 'normal'}",
             f"text-decoration:{'underline' if fmt.underline else 'none'}"]
    if fmt.underline == "double":
        rules.append("text-decoration-style:double")
    if fmt.size:
        rules.append(f"font-size:{fmt.size / 2:g}pt")
    if fmt.font:
        family = re.sub(r"[^\w \-]", "", fmt.font.split(" / ")[0])
        if family:
            rules.append(f"font-family:'{family}'")
    if fmt.color and re.fullmatch(r"[0-9A-F]{6}", fmt.color):
        rules.append(f"color:#{fmt.color}")
    return ";".join(rules)


def _bodies(c: Change) -> tuple[str, str, str]:
    if c.kind == "insert":
        ins = f"<ins>{escape(c.new_text)}</ins>"
        return "", ins, ins
    if c.kind == "delete":
        dele = f"<del>{escape(c.old_text)}</del>"
        return dele, "", dele
    if c.kind == "move":
        return escape(c.old_text), escape(c.new_text), escape(c.new_text)
    old, new, inline = [], [], []
    for seg in c.segments:
        o, w = escape(seg.old_text(c.old_text)), escape(seg.new_text(c.new_text))
        if seg.op == "equal":
            old.append(o)
            new.append(w)
            inline.append(w)
            continue
        if o:
            old.append(f"<del>{o}</del>")
            inline.append(f"<del>{o}</del>")
        if w:
            new.append(f"<ins>{w}</ins>")
            inline.append(f"<ins>{w}</ins>")
    return "".join(old), "".join(new), "".join(inline)
