"""Document contexts: one module per document kind, each building plain dicts from a `Project`.

A kind is a function `(project, year) -> list[DocumentSpec]` in `DOCUMENT_KINDS`; the build
pipeline renders whatever the kinds return. Adding a document kind (the consolidated
report) is one module and one entry here. `TEMPLATE_CONTEXTS` tells `templates lint` which
top-level names each template's context provides.
"""

from __future__ import annotations

from collections.abc import Callable
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
    filename: str              # relative to outputs/<Y>/: "ke-hoach/KH-SYT.docx"
    label: str                 # what the summary table calls it: "Kế hoạch — Sở Y tế"
    warnings: tuple[Problem, ...] = ()   # found while building the context (conflicting figures...)
    sample: bool = False       # built from an input marked `sample: true`: every page header says so


DocumentKind = Callable[["Project", int], list[DocumentSpec]]


def document_kinds() -> dict[str, DocumentKind]:
    """Every document kind a build produces, in the order they are rendered."""
    from . import agency_plan, agency_report, consolidated

    return {
        "ke-hoach": agency_plan.plans_for_year,
        "bao-cao": agency_report.reports_for_year,
        "bao-cao-tong-hop": consolidated.documents_for_year,
    }


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


__all__ = ["DocumentSpec", "DocumentKind", "document_kinds", "template_contexts"]
