"""Helpers for the render, documents and build tests: one build of the bundled project per
test session, and reading a .docx back (paragraphs with their effective formatting).

The build runs once per process (`built_project`) into a temporary copy of the bundled
inputs and templates; tests only read what it wrote.
"""

from __future__ import annotations

import atexit
import functools
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Length
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def copy_project(target: Path) -> Path:
    """The bundled inputs and templates copied into `target` (outputs/ empty)."""
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, target / name)
    (target / "outputs").mkdir(exist_ok=True)
    return target


@functools.cache
def built_project(year: int, kinds: tuple[str, ...] | None = None, agencies: tuple[str, ...] | None = None) -> Path:
    """A project folder where `reportgen build` (library call) has rendered year Y once."""
    from reportgen.pipeline import build

    root = Path(tempfile.mkdtemp(prefix=f"reportgen-build-{year}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    copy_project(root)
    build(root, year=year, kinds=list(kinds) if kinds else None, agencies=list(agencies) if agencies else None)
    return root


def document(path_or_bytes: Path | bytes):
    """A python-docx Document from a path or bytes."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return Document(io.BytesIO(data))


def all_paragraphs(doc) -> list:
    """Every paragraph of the body in document order, table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(Paragraph(child, doc))
        elif child.tag == f"{W}tbl":
            for p in child.iter(f"{W}p"):
                out.append(Paragraph(p, Table(child, doc)))
    return out


def texts(doc) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def find(doc, text: str, *, start: bool = True):
    """The first paragraph whose text starts with (or, `start=False`, contains) `text`."""
    for p in all_paragraphs(doc):
        if (p.text.startswith(text) if start else text in p.text):
            return p
    raise AssertionError(f"no paragraph {'starting with' if start else 'containing'} {text!r}")


def index_of(doc, text: str) -> int:
    for i, p in enumerate(all_paragraphs(doc)):
        if p.text.startswith(text):
            return i
    raise AssertionError(f"no paragraph starting with {text!r}")


def _style_chain(p):
    style = p.style
    while style is not None:
        yield style
        style = style.base_style


def font_value(p, attr: str):
    """Effective run font attribute (`bold`, `italic`, `size`, `name`) of the paragraph's runs.

    Direct run formatting first (all runs must agree), then the paragraph style chain, then
    the document defaults. Returns None when nothing sets it.
    """
    runs = [r for r in p.runs if r.text.strip()]
    direct = {getattr(r.font, attr) for r in runs}
    if runs and None not in direct:
        assert len(direct) == 1, f"runs disagree on {attr}: {direct} in {p.text!r}"
        return direct.pop()
    for style in _style_chain(p):
        value = getattr(style.font, attr)
        if value is not None:
            return value
    return _default_font(p, attr)


def _default_font(p, attr: str):
    root = p.part.package.main_document_part.styles.element
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    if rpr is None:
        return None
    if attr == "size":
        sz = rpr.find(f"{W}sz")
        return Length(int(sz.get(f"{W}val")) * 6350) if sz is not None else None
    if attr == "name":
        fonts = rpr.find(f"{W}rFonts")
        return fonts.get(f"{W}ascii") if fonts is not None else None
    return None


def para_value(p, attr: str):
    """Effective paragraph-format attribute (`alignment`, `first_line_indent`, `space_after`, ...)."""
    value = getattr(p.paragraph_format, attr)
    if value is not None:
        return value
    for style in _style_chain(p):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    return None


def has_border(p, side: str) -> bool:
    """True when the paragraph has a single line border on `side` (top/bottom)."""
    ppr = p._p.pPr
    el = None if ppr is None else ppr.find(f"{W}pBdr/{W}{side}")
    return el is not None and el.get(f"{W}val") == "single"


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()
