"""Rebuilds respect people's edits: reportgen replaces only what it wrote and nobody changed.

`outputs/.reportgen-manifest.json` records path → SHA-256 of every file written under
outputs/. The tests edit, replace and add files the way people do (a fix in Word, a signed
scan saved as the PDF) and check what a rebuild does with each.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.errors import OutputExistsError
from reportgen.manifest import MANIFEST_NAME, Manifest


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def _manifest(root: Path) -> dict[str, str]:
    return json.loads((root / "outputs" / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]


def test_every_written_file_is_recorded_with_its_hash(project_dir: Path):
    done = run(project_dir, "plan", "SYT", "SNV", "--year", "2024")
    assert done.exit_code == 0, done.output
    files = _manifest(project_dir)
    assert set(files) == {"outputs/2024/ke-hoach/KH-SYT-2024.docx", "outputs/2024/ke-hoach/KH-SNV-2024.docx"}
    for key, digest in files.items():
        assert hashlib.sha256((project_dir / key).read_bytes()).hexdigest() == digest


def test_untouched_edited_and_foreign_files(tmp_path: Path):
    root = tmp_path
    (root / "outputs").mkdir()
    own, edited, foreign = (root / "outputs" / n for n in ("a.docx", "b.docx", "c.docx"))
    manifest = Manifest(root)
    manifest.check([own, edited], force=False)           # nothing there yet
    assert manifest.write(own, b"one") is False
    manifest.write(edited, b"two")
    manifest.save()
    edited.write_bytes(b"two, corrected by hand")
    foreign.write_bytes(b"someone else's")

    again = Manifest(root)
    assert again.refusal(own) is None
    assert "đã được sửa" in again.refusal(edited).message
    assert "không do reportgen tạo ra" in again.refusal(foreign).message
    with pytest.raises(OutputExistsError) as refused:
        again.check([own, edited, foreign], force=False)
    assert [p.file for p in refused.value.problems] == ["outputs/b.docx", "outputs/c.docx"]
    again.check([own, edited, foreign], force=True)       # --force: allowed
    assert again.write(own, b"one, rebuilt") is True
    again.save()
    assert Manifest(root).refusal(own) is None            # recorded with its new hash


def test_a_folder_in_the_way_is_refused_even_with_force(tmp_path: Path):
    (tmp_path / "outputs" / "x.docx").mkdir(parents=True)
    with pytest.raises(OutputExistsError) as refused:
        Manifest(tmp_path).check([tmp_path / "outputs" / "x.docx"], force=True)
    assert "thư mục" in refused.value.problems[0].message


def test_a_damaged_manifest_protects_every_file(tmp_path: Path):
    (tmp_path / "outputs").mkdir()
    target = tmp_path / "outputs" / "a.docx"
    manifest = Manifest(tmp_path)
    manifest.write(target, b"x")
    manifest.save()
    (tmp_path / "outputs" / MANIFEST_NAME).write_text("{ not json", encoding="utf-8")
    assert "không do reportgen tạo ra" in Manifest(tmp_path).refusal(target).message


def test_files_outside_outputs_are_never_taken_for_reportgen_s_own(tmp_path: Path):
    (tmp_path / "outputs").mkdir()
    elsewhere = tmp_path / "gui-di" / "SYT-2024.xlsx"
    manifest = Manifest(tmp_path)
    manifest.write(elsewhere, b"x")
    manifest.save()
    assert manifest.key(elsewhere) is None
    assert "đã tồn tại" in Manifest(tmp_path).refusal(elsewhere).message


def test_the_manifest_merges_with_another_run(tmp_path: Path):
    (tmp_path / "outputs").mkdir()
    first, second = Manifest(tmp_path), Manifest(tmp_path)
    first.write(tmp_path / "outputs" / "a", b"a")
    second.write(tmp_path / "outputs" / "b", b"b")
    first.save()
    second.save()
    assert set(_manifest(tmp_path)) == {"outputs/a", "outputs/b"}


def test_a_plan_rebuild_after_plan_all_needs_no_force(project_dir: Path):
    """The README's order: `plan --all`, then `build` of the same year replaces the plans it wrote."""
    assert run(project_dir, "plan", "--all", "--year", "2024").exit_code == 0
    done = run(project_dir, "build", "--year", "2024")
    assert done.exit_code == 0, done.output
    assert "đã thay" in done.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed (make test installs it)")
def test_a_signed_pdf_is_never_replaced_without_force(project_dir: Path):
    """A scanned signed copy saved as the PDF: `--pdf` refuses it by name and writes nothing."""
    assert run(project_dir, "plan", "SYT", "--year", "2024", "--pdf").exit_code == 0
    pdf = project_dir / "outputs" / "2024" / "ke-hoach" / "KH-SYT-2024.pdf"
    docx = pdf.with_suffix(".docx")
    assert pdf.read_bytes().startswith(b"%PDF-")
    again = run(project_dir, "plan", "SYT", "--year", "2024", "--pdf")     # its own PDF: replaced
    assert again.exit_code == 0, again.output
    assert "PDF: đã chuyển 1/1 văn bản." in again.output

    scan = b"%PDF-1.4 scanned and signed\n%%EOF\n"
    pdf.write_bytes(scan)
    before = docx.read_bytes()
    refused = run(project_dir, "plan", "SYT", "--year", "2024", "--pdf")
    assert refused.exit_code == 1
    assert "outputs/2024/ke-hoach/KH-SYT-2024.pdf" in refused.output and "đã được sửa" in refused.output
    assert pdf.read_bytes() == scan and docx.read_bytes() == before
    # without --pdf the .docx is rebuilt and the scan is left alone
    assert run(project_dir, "plan", "SYT", "--year", "2024").exit_code == 0
    assert pdf.read_bytes() == scan
    forced = run(project_dir, "plan", "SYT", "--year", "2024", "--pdf", "--force")
    assert forced.exit_code == 0 and pdf.read_bytes() != scan
