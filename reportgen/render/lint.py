"""Lint a Word template before a build uses it: where a secretariat's edit broke it.

A template with no body (or an empty one) is refused first: the renderer cannot use it.
Then three kinds of problem, each named with the paragraph it is in:

* a tag docxtpl cannot put back together: opened in one paragraph and closed in another,
  or split across runs with a tab, line break, field or picture between the pieces (docxtpl
  joins split runs by deleting everything between them, so that content would vanish), or
  left inside text deleted with Track Changes;
* a Jinja syntax error (an unclosed `{% if %}`, an unknown filter), found by compiling the
  template exactly as the renderer does (after docxtpl's own preprocessing);
* a variable the template uses that the document's context does not provide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, meta
from lxml import etree

from ..errors import Problem
from ..ooxml import NS, DocxPackage
from ..ooxml.blocks import block_elements
from ..ooxml.text import paragraph_text
from .environment import make_environment
from .template import DOCUMENT_PART, _rendered_parts

_W = f"{{{NS['w']}}}"
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
# Run content that docxtpl's joining of a split tag would delete.
_LOST_IN_JOIN = {f"{_W}tab": "một dấu tab", f"{_W}br": "một dấu xuống dòng", f"{_W}drawing": "một hình",
                 f"{_W}pict": "một hình", f"{_W}fldChar": "một trường (field)", f"{_W}instrText": "một trường (field)",
                 f"{_W}sym": "một ký hiệu", f"{_W}object": "một đối tượng nhúng"}
_TAGS = re.compile(r"<[^>]+>")


def lint_template(path: str | Path, provided: Iterable[str] | None) -> list[Problem]:
    """Every problem found in the template at `path`; `provided` = the context's top-level names (None: unknown)."""
    path = Path(path)
    package = DocxPackage.open(path)
    problems: list[Problem] = []
    parts = [DOCUMENT_PART, *_rendered_parts(package)]
    used: set[str] = set()
    env = make_environment()
    problems.extend(_body_problems(package.xml(DOCUMENT_PART), path.name))
    if problems:
        return problems   # nothing to render: the renderer refuses such a template outright
    helper = DocxTemplate(str(path))   # only for docxtpl's own preprocessing (`patch_xml`)
    for part in parts:
        root = package.xml(part)
        problems.extend(_split_tags(root, path.name, part))
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", helper.patch_xml(etree.tostring(root, encoding="unicode")))
        try:
            used |= meta.find_undeclared_variables(env.parse(source))
            env.compile(source)       # filters and tests are checked here, not by parse()
        except TemplateSyntaxError as exc:
            problems.append(Problem(f"lỗi cú pháp: {exc.message}", file=path.name,
                                    place=_place(part, _line_text(source, exc.lineno)), code="template.syntax"))
    if provided is None:
        problems.append(Problem("không biết mẫu này dùng cho loại văn bản nào nên không kiểm tra được tên biến",
                                file=path.name, severity="warning", code="template.unknown-kind"))
    else:
        for name in sorted(used - set(provided)):
            problems.append(Problem(f"biến «{name}» không có trong dữ liệu của loại văn bản này", file=path.name,
                                    place=_place_of_variable(package, parts, name), code="template.unknown-variable"))
    return problems


def _body_problems(root: etree._Element, name: str) -> list[Problem]:
    """A template whose document has no body, or a body with no paragraph or table, renders nothing."""
    body = root.find(f"{_W}body")
    if body is None:
        return [Problem("mẫu không có phần thân văn bản (w:body); mở mẫu gốc trong Word và lưu lại", file=name)]
    if next(block_elements(body), None) is None:
        return [Problem("phần thân văn bản của mẫu trống (không có đoạn văn hay bảng nào)", file=name)]
    return []


def _split_tags(root: etree._Element, name: str, part: str) -> list[Problem]:
    problems = []
    for p in root.iter(f"{_W}p"):
        text = paragraph_text(p)
        for deleted in p.iter(f"{_W}delText"):
            if _OPEN.search(deleted.text or ""):
                problems.append(Problem("thẻ nằm trong phần chữ đã xóa khi theo dõi thay đổi (Track Changes); "
                                        "hãy chấp nhận hoặc từ chối thay đổi rồi lưu lại", file=name,
                                        place=_place(part, text), code="template.deleted-tag"))
        unclosed = _unclosed(text)
        if unclosed:
            problems.append(Problem(f"thẻ «{unclosed}» mở mà không đóng trong cùng đoạn (docxtpl không nối được thẻ "
                                    "qua nhiều đoạn); viết cả thẻ trên một dòng", file=name, place=_place(part, text), code="template.unclosed-tag"))
            continue
        lost = _content_inside_tags(p)
        if lost:
            problems.append(Problem(f"thẻ bị cắt bởi {lost} nằm giữa thẻ; khi điền mẫu phần đó sẽ mất — "
                                    "xóa rồi gõ lại cả thẻ", file=name, place=_place(part, text), code="template.split-tag"))
    return problems


def _unclosed(text: str) -> str | None:
    """The first tag opener in `text` that is not closed before the paragraph ends."""
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            return None
        end = text.find(_CLOSE[m.group()], m.end())
        if end < 0:
            return m.group()
        pos = end + 2


def _content_inside_tags(p: etree._Element) -> str | None:
    """What docxtpl would delete while joining a tag split across runs (None when nothing)."""
    inside: str | None = None
    for el in p.iter():
        if el.tag == f"{_W}t":
            inside = _scan(el.text or "", inside)
        elif inside is not None and el.tag in _LOST_IN_JOIN:
            return _LOST_IN_JOIN[el.tag]
    return None


def _scan(text: str, inside: str | None) -> str | None:
    """The open tag's closer still awaited after `text` (None when no tag is open)."""
    pos = 0
    while True:
        if inside is not None:
            end = text.find(inside, pos)
            if end < 0:
                return inside
            pos, inside = end + 2, None
        m = _OPEN.search(text, pos)
        if m is None:
            return None
        inside, pos = _CLOSE[m.group()], m.end()


def _line_text(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return ""
    return " ".join(_TAGS.sub("", lines[lineno - 1]).split())


def _place_of_variable(package: DocxPackage, parts: list[str], name: str) -> str:
    pattern = re.compile(rf"[{{%][^}}%]*\b{re.escape(name)}\b")
    for part in parts:
        for p in package.xml(part).iter(f"{_W}p"):
            text = paragraph_text(p)
            if pattern.search(text):
                return _place(part, text)
    return _place(parts[0], "")


def _place(part: str, paragraph: str) -> str:
    where = {DOCUMENT_PART: "thân văn bản"}.get(part, part)
    paragraph = " ".join(paragraph.split())
    if paragraph:
        short = paragraph if len(paragraph) <= 80 else paragraph[:77] + "…"
        return f"{where}, đoạn «{short}»"
    return where
