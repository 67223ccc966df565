"""A docxtpl template prepared once and rendered many times.

docxtpl's `DocxTemplate.render()` reopens the package with python-docx, re-runs its regular
expression preprocessing (`patch_xml`) over every part and compiles the resulting Jinja
source again, on every call; then `save()` re-serialises the whole package through
python-docx. For a batch of 166 commune plans that repeated work is most of the time.

`CompiledTemplate` is a narrow subclass that keeps docxtpl's own template language and
post-processing (`patch_xml`, `resolve_listing`, `fix_tables`, `fix_docpr_ids`) but:

* runs `patch_xml` and the Jinja compilation once per part, in `__init__`;
* puts the rendered body between the document's own start and end tags as text and parses
  the whole once: moving a parsed body into another lxml document re-walks every node to
  reconcile namespaces, which took seconds for a body of tens of thousands of table rows;
* renders into the raw package parts (bytes) without python-docx: unchanged parts are
  copied as they are, rendered parts are re-serialised with lxml;
* parses the rendered XML strictly before docxtpl's `fix_tables` (which parses with
  `recover=True` and would silently drop whatever follows a stray `&` or `<`): broken XML is
  an error naming the template, never a shortened document.

Errors (missing variable, a filter refusing a value, a syntax error, a division by zero, a
loop past the environment's step budget, output past its size limit) become a
`TemplateError` in Vietnamese naming the template file and the paragraph the failing tag is in.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, Template, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateRuntimeError, UndefinedError
from lxml import etree

from ..errors import Problem, ReportgenError, TemplateError, UnreadableFileError
from ..ooxml import NS, DocxPackage, parse_xml, qn, serialize_xml
from . import environment as limits
from .environment import LimitedEnvironment, RenderLimitError, ValueNotPrintable

DOCUMENT_PART = "word/document.xml"
_HEADER_FOOTER_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
)
_TAGS = re.compile(r"<[^>]+>")
# After docxtpl's preprocessing: a statement right before or after a table cell (a `{%tc %}`
# tag), or a computed grid span (`colspan`, `hm`).
_CELL_TAGS = re.compile(r"\{%[^%]*%\}\s*<w:tc[ >]|</w:tc>\s*\{%|w:gridSpan w:val=\"\{\{")
_TEXT_WITH_BREAKS = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*[\n\t][^<]*)(</w:t>)")
_FEED_CHARS = 1 << 20       # characters of rendered XML given to the parser at a time
_BREAKS = {"\n": '</w:t><w:br/><w:t xml:space="preserve">', "\t": '</w:t><w:tab/><w:t xml:space="preserve">'}


def _split_text(m: re.Match[str]) -> str:
    text = re.sub(r"[\n\t]", lambda b: _BREAKS[b.group()], m.group(2))
    return f"{m.group(1)}{text}{m.group(3)}"


@dataclass
class CompiledPart:
    """One rendered part: its Jinja source (one paragraph per line) and the compiled template."""

    part: str
    source: str
    template: Template

    def paragraph_text(self, lineno: int | None) -> str:
        """The visible text of the source line `lineno` (1-based), tags stripped."""
        if lineno is None:
            return ""
        lines = self.source.splitlines()
        if not 1 <= lineno <= len(lines):
            return ""
        return " ".join(_TAGS.sub("", lines[lineno - 1]).split())


class CompiledTemplate(DocxTemplate):
    """A .docx template whose parts are preprocessed and compiled once (see module docstring)."""

    def __init__(self, path: str | Path, env: Environment):
        super().__init__(str(path))
        self.path = Path(path)
        self.name = self.path.name
        package = DocxPackage.open(self.path)
        self.parts: dict[str, bytes] = dict(package.parts)
        root = package.xml(DOCUMENT_PART)
        body = root.find(qn("w:body"))
        if body is None:
            raise TemplateError(Problem("mẫu không có phần thân văn bản (w:body)", file=self.name))
        if body.find(f".//{qn('w:p')}") is None and body.find(f".//{qn('w:tbl')}") is None:
            raise TemplateError(Problem("phần thân văn bản của mẫu trống (không có đoạn văn hay bảng nào)",
                                        file=self.name))
        self._body_index = root.index(body)
        root.remove(body)
        self._shell = root
        self._head, self._tail = _around_body(root, self._body_index)
        body_xml, self._namespaces = _inherit_namespaces(self.xml_to_string(body), root)
        self.body = self._compile(env, body_xml, DOCUMENT_PART)
        # docxtpl's `fix_tables` only matters when rendering can change how many cells a row
        # has (`{%tc %}` loops, `colspan`, `hm`); skip its second parse of the body otherwise.
        self._reshapes_tables = bool(_CELL_TAGS.search(self.body.source))
        self.others = [self._compile(env, self.xml_to_string(package.xml(part)), part)
                       for part in _rendered_parts(package)]

    # --- rendering ---------------------------------------------------------------------

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """All package parts with the template parts rendered for `context`."""
        parts = dict(self.parts)
        body_xml = self._run(self.body, context)
        if self._reshapes_tables:          # docxtpl's `fix_tables` reads the body alone: give it its namespaces
            body_xml = body_xml.replace("<w:body", f"<w:body{self._namespaces}", 1)
            self._check_xml(body_xml, self.body)
            tree = self.fix_tables(body_xml)
            self.docx_ids_index = 1000
            self.fix_docpr_ids(tree)
            document = copy.deepcopy(self._shell)
            document.insert(self._body_index, tree)
        else:
            document = self._parse_document(body_xml)
            del body_xml
            self.docx_ids_index = 1000
            self.fix_docpr_ids(document)
        parts[DOCUMENT_PART] = serialize_xml(document)
        for compiled in self.others:
            xml = self._run(compiled, context)
            parts[compiled.part] = serialize_xml(self._check_xml(xml, compiled))
        return parts

    def _run(self, compiled: CompiledPart, context: Mapping[str, Any]) -> str:
        try:
            xml = _render_bounded(compiled.template, context)
        except ReportgenError:
            raise
        except Exception as exc:   # a template is arbitrary code: whatever it raises is its error
            raise self._error(compiled, exc) from None
        # The post-render steps of docxtpl's `render_xml_part`.
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self._resolve_breaks(xml)

    def _resolve_breaks(self, xml: str) -> str:
        """Line breaks and tabs in text as `<w:br/>` and `<w:tab/>`, like docxtpl's `resolve_listing`.

        docxtpl re-runs nested regular expressions over every paragraph and run of the
        document for this; one pass over the text nodes that hold a newline or a tab gives
        the same XML. `\\a` (new paragraph) and `\\f` (page break), which only a template can
        hold (user text has them removed), still go through docxtpl's own code.
        """
        if "\a" in xml or "\f" in xml:
            return self.resolve_listing(xml)
        if "\n" not in xml and "\t" not in xml:
            return xml
        return _TEXT_WITH_BREAKS.sub(_split_text, xml)

    def _parse_document(self, body_xml: str) -> etree._Element:
        """The document parsed from its start tag, the rendered body and its end tag, fed in pieces.

        Feeding avoids a second copy of a body that can be tens of megabytes. The parser has
        the settings of `ooxml.parse_xml` (no entities, no network, no DTD, size limits); a
        DOCTYPE cannot appear inside a body.
        """
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                 huge_tree=False, remove_blank_text=False)
        try:
            parser.feed(self._head)
            for start in range(0, len(body_xml), _FEED_CHARS):
                parser.feed(body_xml[start:start + _FEED_CHARS])
            parser.feed(self._tail)
            return parser.close()
        except etree.XMLSyntaxError as exc:
            raise TemplateError(Problem(
                f"kết quả điền mẫu không phải XML hợp lệ ({exc.msg}); kiểm tra các thẻ {{% %}} trong mẫu có cắt "
                "ngang bảng hoặc đoạn văn không", file=self.name, place=self.body.part)) from None

    def _check_xml(self, xml: str, compiled: CompiledPart) -> etree._Element:
        try:
            return parse_xml(xml.encode("utf-8"), f"{self.name}:{compiled.part}", bounded=False)
        except UnreadableFileError as exc:
            raise TemplateError(Problem(
                f"kết quả điền mẫu không phải XML hợp lệ ({exc.problems[0].message}); "
                "kiểm tra các thẻ {% %} trong mẫu có cắt ngang bảng hoặc đoạn văn không",
                file=self.name, place=compiled.part)) from None

    # --- preparation -------------------------------------------------------------------

    def _compile(self, env: Environment, xml: str, part: str) -> CompiledPart:
        source = self.patch_xml(xml)
        # As docxtpl's `render_xml_part`: one paragraph per line, so that a Jinja line
        # number points at a paragraph.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            code = env.compile(source, name=self.name, filename=_filename(self.name, part))
        except TemplateSyntaxError as exc:
            probe = CompiledPart(part, source, None)  # type: ignore[arg-type]
            raise TemplateError(Problem(
                f"lỗi cú pháp mẫu: {exc.message}", file=self.name,
                place=_place(part, probe.paragraph_text(exc.lineno)))) from None
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        return CompiledPart(part, source, template)

    def _error(self, compiled: CompiledPart, exc: BaseException) -> TemplateError:
        lineno = _template_lineno(exc, _filename(self.name, compiled.part))
        text = compiled.paragraph_text(lineno)
        return TemplateError(Problem(template_error_text(exc), file=self.name, place=_place(compiled.part, text)))


def _render_bounded(template: Template, context: Mapping[str, Any]) -> str:
    """Render with a fresh step budget, stopping as soon as the output passes `limits.MAX_OUTPUT_CHARS`."""
    env = template.environment
    if isinstance(env, LimitedEnvironment):
        env.start()
    chunks, size = [], 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > limits.MAX_OUTPUT_CHARS:
            raise RenderLimitError(f"kết quả điền mẫu quá lớn (hơn {limits.MAX_OUTPUT_CHARS:,} ký tự)".replace(",", "."))
        chunks.append(chunk)
    return "".join(chunks)


def template_error_text(exc: BaseException) -> str:
    """A Vietnamese sentence for whatever a template raised (Jinja's and Python's messages are English)."""
    if isinstance(exc, (RenderLimitError, ValueNotPrintable)):
        return str(exc)
    if isinstance(exc, UndefinedError):
        return exc.message or "biến không có trong dữ liệu của văn bản"
    if isinstance(exc, SecurityError):
        return "mẫu dùng thao tác không được phép trong mẫu (truy cập thuộc tính nội bộ hoặc hàm không an toàn)"
    if isinstance(exc, ZeroDivisionError):
        return "phép chia cho 0 trong mẫu"
    if isinstance(exc, RecursionError):
        return "macro trong mẫu gọi lại chính nó không dừng (đệ quy quá sâu)"
    if isinstance(exc, OverflowError):
        if "range" in str(exc).lower():
            return "range() trong mẫu quá lớn (tối đa 100.000 phần tử)"
        return "phép tính trong mẫu cho kết quả quá lớn"
    if isinstance(exc, MemoryError):
        return "mẫu cần quá nhiều bộ nhớ"
    if isinstance(exc, TemplateRuntimeError):
        return f"lỗi khi điền mẫu ({exc.message or type(exc).__name__})"
    if isinstance(exc, (ValueError, TypeError)) and _is_vietnamese(str(exc)):
        return str(exc)   # our own filters explain themselves in Vietnamese
    if isinstance(exc, TypeError):
        return "biểu thức trong mẫu dùng sai kiểu dữ liệu (ví dụ cộng chữ với số, gọi một giá trị không phải hàm)"
    if isinstance(exc, (KeyError, IndexError)):
        return "biểu thức trong mẫu lấy một phần tử không có"
    if isinstance(exc, ValueError):
        return "biểu thức trong mẫu có giá trị không hợp lệ"
    return f"biểu thức trong mẫu bị lỗi khi tính ({type(exc).__name__})"


def _is_vietnamese(text: str) -> bool:
    return any(c in text for c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def _around_body(root: etree._Element, index: int) -> tuple[str, str]:
    """The document's XML before and after its body, as text (the body goes in between)."""
    shell = copy.deepcopy(root)
    shell.insert(index, etree.Element(qn("w:body")))
    text = etree.tostring(shell, encoding="unicode")
    head, marker, tail = text.partition("<w:body/>")
    if not marker:
        raise TemplateError(Problem("mẫu không có phần thân văn bản (w:body)"))
    return head, tail


def _inherit_namespaces(body_xml: str, root: etree._Element) -> tuple[str, str]:
    """(the body without the namespace declarations the document element already makes, those declarations)."""
    start = body_xml.index(">")
    tag = body_xml[:start]
    removed = ""
    for prefix, uri in re.findall(r' xmlns:(\w+)="([^"]*)"', tag):
        if root.nsmap.get(prefix) == uri:
            declaration = f' xmlns:{prefix}="{uri}"'
            tag = tag.replace(declaration, "")
            removed += declaration
    return tag + body_xml[start:], removed


def _rendered_parts(package: DocxPackage) -> list[str]:
    """Headers, footers and footnotes of the main document, in a fixed order."""
    rels = package.related_parts(DOCUMENT_PART)
    found = sorted({target for rtype, target in rels.values()
                    if rtype in _HEADER_FOOTER_TYPES and target in package.parts})
    return found


def _filename(name: str, part: str) -> str:
    return f"{name}:{part}"


def _place(part: str, paragraph: str) -> str:
    where = {"word/document.xml": "thân văn bản"}.get(part, part)
    if paragraph:
        short = paragraph if len(paragraph) <= 80 else paragraph[:77] + "…"
        return f"{where}, đoạn «{short}»"
    return where


def _template_lineno(exc: BaseException, filename: str) -> int | None:
    """The template line the error happened on, from Jinja's rewritten traceback."""
    lineno = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


__all__ = ["CompiledTemplate", "CompiledPart", "DOCUMENT_PART", "NS"]
