"""Every document `reportgen build` writes passes the Decree 30 checker with no error-level finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import built_project

from reportgen.check.engine import check_docx


def _documents(year: int, kinds=None, agencies=None) -> list[Path]:
    root = built_project(year, kinds, agencies)
    return sorted((root / "outputs" / str(year)).rglob("*.docx"))


def test_the_2024_build_has_documents_of_every_kind():
    names = {p.parent.name for p in _documents(2024)}
    assert {"ke-hoach", "bao-cao"} <= names


def test_the_checker_does_find_errors_in_a_broken_copy(tmp_path: Path):
    """The guard below can fail: a plan whose margins are changed is an error."""
    import io
    import zipfile

    source = next(p for p in _documents(2024) if p.name == "KH-SYT-2024.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'w:left="1984"', b'w:left="567"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert any(f.is_error and f.rule_id == "margins" for f in check_docx(buf.getvalue()))


@pytest.mark.parametrize("year", [2024, 2025])
def test_check_strict_passes_every_generated_document(year):
    """`reportgen check --strict`: no finding at all, warnings included, on every document of the build."""
    failures = []
    documents = _documents(year)
    assert len(documents) > (40 if year == 2024 else 300)
    for path in documents:
        failures.extend(f"{path.name}: {f.rule_id}: {f.message} ({f.location})" for f in check_docx(path))
    assert not failures, "\n".join(failures[:20])
