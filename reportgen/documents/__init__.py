"""Document contexts: one module per document kind, each building plain dicts from a `Project`.

A kind is a function `(project, year) -> list[DocumentSpec]` in `DOCUMENT_KINDS`; the build
pipeline renders whatever the kinds return. Adding a document kind (the consolidated
report) is one module and one entry here. `TEMPLATE_CONTEXTS` tells `templates lint` which
top-level names each template's context provides.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


DocumentKind = Callable[["Project", int], list[DocumentSpec]]


def document_kinds() -> dict[str, DocumentKind]:
    """Every document kind a build produces, in the order they are rendered."""
    from . import agency_plan, agency_report

    kinds: dict[str, DocumentKind] = {
        "ke-hoach": agency_plan.plans_for_year,
        "bao-cao": agency_report.reports_for_year,
    }
    consolidated = _consolidated()
    builder = getattr(consolidated, "documents_for_year", None)
    if builder is not None:
        kinds["bao-cao-tong-hop"] = builder
    return kinds


def template_contexts() -> dict[str, frozenset[str]]:
    """Template file name → the top-level names its context provides (for `templates lint`)."""
    from . import agency_plan, agency_report

    out = {
        agency_plan.TEMPLATE: agency_plan.CONTEXT_KEYS,
        agency_report.TEMPLATE: agency_report.CONTEXT_KEYS,
    }
    consolidated = _consolidated()
    template = getattr(consolidated, "TEMPLATE", None)
    keys = getattr(consolidated, "CONTEXT_KEYS", None)
    if template and keys:
        out[template] = frozenset(keys)
    return out


def _consolidated() -> Any:
    """The consolidated report's module (`consolidated.py`), or None until it exists."""
    if importlib.util.find_spec(f"{__name__}.consolidated") is None:
        return None
    return importlib.import_module(f"{__name__}.consolidated")


__all__ = ["DocumentSpec", "DocumentKind", "document_kinds", "template_contexts"]
