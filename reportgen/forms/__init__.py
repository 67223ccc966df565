"""Fill-in Excel forms, one per body and year, listing exactly that body's tasks and figures.

`generate_forms` gives the bytes of each form; `reportgen.load.xlsx` reads a filled form
back into the same data a YAML submission holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Plan, Registry, Submission
from ..model.form_schema import form_filename
from .content import FormContent, bodies_with_forms, form_content
from .writer import build_form

__all__ = ["FormContent", "bodies_with_forms", "build_form", "form_content", "form_filename", "generate_forms"]


def generate_forms(plan: Plan, registry: Registry, year: int, codes: Iterable[str] | None = None,
                   last_year: Iterable[Submission] = (),
                   on_done: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """File name → .xlsx bytes for each body (default: every body expected to report in year Y).

    `on_done(done, total)` is called after each form (a progress line).
    """
    previous = list(last_year)
    chosen = list(codes) if codes else bodies_with_forms(plan, registry, year)
    forms: dict[str, bytes] = {}
    for code in chosen:
        forms[form_filename(code, year)] = build_form(form_content(plan, registry, code, year, previous))
        if on_done is not None:
            on_done(len(forms), len(chosen))
    return forms
