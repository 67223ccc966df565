"""Helpers for the tests of the yearly cycle's documents: run the CLI, read a letter back.

Every reader works on the .docx as a person would see it: the page-1 table's columns, the
`Kính gửi` lines, the Nơi nhận and signature columns, the rows of an appendix table.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx.table import Table
from render_helpers import W, all_paragraphs, document

from reportgen.cli import cli


def run(root: Path, *args: str):
    """`reportgen --root ROOT ARGS…` in-process; the result has `exit_code` and `output`."""
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def tables(doc) -> list[Table]:
    return [Table(t, doc) for t in doc.element.body.iter(f"{W}tbl")]


def column_texts(table: Table, column: int) -> list[str]:
    """The non-empty paragraph texts of one column of a table, top to bottom, every row."""
    out = []
    for row in table.rows:
        cell = row.cells[column]
        out.extend(p.text for p in cell.paragraphs if p.text.strip())
    return out


def page_one(doc) -> tuple[list[str], list[str]]:
    """(left column lines, right column lines) of the page-1 block."""
    first = tables(doc)[0]
    return column_texts(first, 0), column_texts(first, 1)


def signature_block(doc) -> tuple[list[str], list[str]]:
    """(Nơi nhận lines, signature lines) of the table holding `Nơi nhận:`."""
    for table in tables(doc):
        left = column_texts(table, 0)
        if left and left[0] == "Nơi nhận:" and len(table.columns) == 2:
            return left, column_texts(table, 1)
    raise AssertionError("no Nơi nhận table")


def kinh_gui(doc) -> list[str]:
    """`Kính gửi` and its `- …;` lines, as printed."""
    paras = [p for p in all_paragraphs(doc) if p._p.getparent().tag == f"{W}body"]
    for i, p in enumerate(paras):
        if p.text.startswith("Kính gửi:"):
            lines = [p.text]
            for q in paras[i + 1:]:
                if not q.text.startswith("- "):
                    break
                lines.append(q.text)
            return lines
    raise AssertionError("no Kính gửi")


def body_texts(doc) -> list[str]:
    """The paragraphs outside tables, in order."""
    return [p.text for p in all_paragraphs(doc) if p._p.getparent().tag == f"{W}body" and p.text.strip()]


def table_rows(doc, header_first_cell: str = "TT") -> list[list[str]]:
    """Rows (cell texts) of every bordered table whose first heading cell is `TT`, headings left out."""
    out = []
    for table in tables(doc)[1:]:
        rows = table.rows
        if not rows or rows[0].cells[0].text.strip() != header_first_cell:
            continue
        for row in rows[1:]:
            out.append([c.text for c in row.cells])
    return out


def read(path: Path):
    return document(Path(path))
