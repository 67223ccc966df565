"""Document contexts: one module per document kind, each building plain dicts from a `Project`.

A kind is a function `(project, year) -> list[DocumentSpec]` in `DOCUMENT_KINDS`; the build
pipeline renders whatever the kinds return. Adding a document kind (the consolidated
report) is one module and one entry here. `TEMPLATE_CONTEXTS` tells `templates lint` which
top-level names each template's context provides.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..render import CoreProperties

if TYPE_CHECKING:
    from ..load.project import Project


@dataclass(frozen=True)
class DocumentSpec:
    """One document to produce: its template, context, properties and place under `outputs/<Y>/`."""

    kind: str                  # "ke-hoach", "bao-cao", "bao-cao-tong-hop"
    agency: str                # the issuing body's code
    template: str              # file name in templates/
    context: dict[str, Any]
    properties: CoreProperties
    filename: str              # relative to outputs/<Y>/: "ke-hoach/KH-SYT-2025.docx"
    label: str                 # what the summary table calls it: "Kế hoạch — Sở Y tế"
    warnings: tuple[Problem, ...] = ()   # found while building the context (conflicting figures...)
    sample: bool = False       # built from an input marked `sample: true`: every page header says so


# (project, year, the bodies asked for or None for all) -> the documents of that kind
DocumentKind = Callable[["Project", int, "Collection[str] | None"], list[DocumentSpec]]


# Every document kind a build produces, in the order they are rendered: module and function.
# Modules are imported only when their kind is built (the consolidated report needs pandas
# and matplotlib; an agency's plan does not).
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "ke-hoach": ("agency_plan", "plans_for_year"),
    "bao-cao": ("agency_report", "reports_for_year"),
    "bao-cao-tong-hop": ("consolidated", "documents_for_year"),
}


def document_kind(key: str) -> DocumentKind:
    """The builder of one document kind (imports its module)."""
    module, function = DOCUMENT_KINDS[key]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def document_kinds() -> dict[str, DocumentKind]:
    """Every document kind's builder (imports them all)."""
    return {key: document_kind(key) for key in DOCUMENT_KINDS}


def template_contexts() -> dict[str, frozenset[str]]:
    """Template file name → the top-level names its context provides (for `templates lint`)."""
    from . import (
        agency_plan,
        agency_report,
        consolidated,
        province_report,
        reminder,
        request,
        review,
    )

    return {
        agency_plan.TEMPLATE: agency_plan.CONTEXT_KEYS,
        agency_report.TEMPLATE: agency_report.CONTEXT_KEYS,
        consolidated.TEMPLATE: frozenset(consolidated.CONTEXT_KEYS),
        request.TEMPLATE: request.CONTEXT_KEYS,
        reminder.TEMPLATE: reminder.CONTEXT_KEYS,
        review.TEMPLATE: review.CONTEXT_KEYS,
        province_report.TEMPLATE: province_report.CONTEXT_KEYS,
    }


__all__ = ["DOCUMENT_KINDS", "DocumentSpec", "DocumentKind", "document_kind", "document_kinds", "template_contexts"]
