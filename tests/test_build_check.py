"""Every document `reportgen build` writes passes the Decree 30 checker, warnings included (`--strict`)."""

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

    source = next(p for p in _documents(2024) if p.name == "KH-SYT.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'w:left="1984"', b'w:left="567"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert any(f.is_error and f.rule_id == "margins" for f in check_docx(buf.getvalue()))


BUILDS = [
    (2024, None, None),
    (2025, None, ("SNV", "SYT", "CA_TINH", "UBND_X_YEN_THO", "UBND_P_HAC_THANH")),
]


def _issue_11_signer_or_ky_hieu(f) -> bool:
    """A finding of issue 11 items 1-2, which the generator does not fix yet: a deputy signing
    without `KT.` (`TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH`) or a ký hiệu not in capitals
    (`264/BC-SNgV`, `174/BC-TTr`)."""
    return f.rule_id == "so-ky-hieu-case" or (f.rule_id == "authority-text" and "«KT. " in f.message)


def _findings(year, kinds, agencies, keep) -> list[str]:
    out = []
    for path in _documents(year, kinds, agencies):
        out.extend(f"{path.name}: {f.rule_id}: {f.message} ({f.location})" for f in check_docx(path) if keep(f))
    return out


@pytest.mark.parametrize("year, kinds, agencies", BUILDS)
def test_no_finding_even_as_warning(year, kinds, agencies):
    """`check --strict` passes: no error and no warning (bar issue 11 items 1-2, below)."""
    failures = _findings(year, kinds, agencies, lambda f: not _issue_11_signer_or_ky_hieu(f))
    assert not failures, "\n".join(failures[:20])


@pytest.mark.xfail(strict=False, reason="issue 11 items 1-2: the generator still signs TM. ỦY BAN NHÂN DÂN / "
                   "PHÓ CHỦ TỊCH without KT. CHỦ TỊCH and writes ký hiệu SNgV, TTr as issuer; fixed in the "
                   "generator with issue 11's document items (remove this mark then)")
@pytest.mark.parametrize("year, kinds, agencies", BUILDS)
def test_deputies_sign_under_kt_and_ky_hieu_are_capitals(year, kinds, agencies):
    failures = _findings(year, kinds, agencies, _issue_11_signer_or_ky_hieu)
    assert not failures, "\n".join(failures[:20])
