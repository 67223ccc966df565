"""Run every rule over one document: the library entry point of `reportgen check`."""

from __future__ import annotations

import os

from ..ooxml import DocxPackage
from .document import read_document
from .facts import load_facts
from .findings import Finding
from .rules import RULE_MODULES
from .rules.common import Context
from .structure import recognise


def check_docx(source: str | os.PathLike | bytes) -> list[Finding]:
    """Every way the .docx at `source` (a path or its bytes) departs from Decree 30/2020.

    Raises `UnreadableFileError` (exit 2) for a file that is not a readable .docx.
    """
    return check_package(DocxPackage.open(source))


def check_package(pkg: DocxPackage) -> list[Finding]:
    """`check_docx` for a package already read into memory."""
    facts = load_facts()
    doc = read_document(pkg)
    layout = recognise(doc, facts)
    ctx = Context(doc, layout, facts)
    findings: list[Finding] = []
    for module in RULE_MODULES:
        findings.extend(module.check(ctx))
    return findings
