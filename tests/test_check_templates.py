"""Every Word template, rendered from the bundled inputs, passes `check` with no error.

One document per template (the first one the build would write for 2024), so that a
template change that breaks the decree's format fails here with the finding's message.
The full "every generated document passes" test belongs to the build tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check import check_docx
from reportgen.check.report import format_report

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(p.name for p in (REPO / "templates").glob("*.docx"))
YEAR = 2024


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[str, bytes]]:
    """Template name → (output file name, rendered bytes) of its first document."""
    from reportgen.documents import document_kinds
    from reportgen.load.project import load_project
    from reportgen.render import Renderer

    project = load_project(REPO)
    renderer = Renderer([REPO / "templates"])
    out: dict[str, tuple[str, bytes]] = {}
    for build in document_kinds().values():
        for spec in build(project, YEAR):
            if spec.template not in out:
                out[spec.template] = (spec.filename, renderer.render(spec.template, spec.context, spec.properties))
    for spec in _cycle_documents(project):   # the cycle's letters and reports have their own commands
        data = renderer.render(spec.template, spec.context, spec.properties)
        out.setdefault(spec.template, (spec.filename, spec.finish(data) if hasattr(spec, "finish") else data))
    return out


def _cycle_documents(project) -> list:
    from datetime import date

    from reportgen.documents.province_report import province_document
    from reportgen.documents.reminder import reminder_document
    from reportgen.documents.request import request_document
    from reportgen.documents.review import review_document

    return [request_document(project, YEAR), reminder_document(project, YEAR, date(YEAR, 12, 11)),
            province_document(project, YEAR), review_document(project, YEAR, YEAR + 1)]


def test_there_are_templates():
    assert TEMPLATES, "templates/*.docx is empty"


@pytest.mark.parametrize("template", TEMPLATES)
def test_rendered_template_passes_check(template, rendered):
    assert template in rendered, f"no document kind renders {template}"
    name, data = rendered[template]
    findings = check_docx(data)
    assert not [f for f in findings if f.is_error], format_report(name, findings)
