"""Samples are samples: `init` starts empty, `init --samples` adds the demo data, and every document
built from a `sample: true` input says so in the header of every page (and the build summary too).

Also: a year outside the plan's period is refused by every command, with the period named.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from reportgen.cli import cli
from reportgen.render.mark import SAMPLE_MARK, mark_headers

REPO = Path(__file__).resolve().parents[1]
BUNDLED_INPUTS = REPO / "reportgen" / "bundled" / "inputs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str, root: Path | None = None):
    return CliRunner().invoke(cli, [*(["--root", str(root)] if root else []), *args])


def _headers_of_every_section(path: Path) -> list[list[str]]:
    """Per section, the texts of the headers it shows on its pages (first page and the others)."""
    document = docx.Document(str(path))
    out = []
    for section in document.sections:
        shown = [section.header]
        if section.different_first_page_header_footer:
            shown.append(section.first_page_header)
        out.extend([p.text for p in h.paragraphs] for h in shown)
    return out


def test_init_gives_the_plan_registry_templates_and_empty_submission_folders(tmp_path: Path):
    done = run("init", str(tmp_path / "p"))
    assert done.exit_code == 0, done.output
    inputs = tmp_path / "p" / "inputs"
    assert (inputs / "plan.yaml").is_file() and (inputs / "agencies.yaml").is_file()
    assert {p.name for p in (tmp_path / "p" / "templates").glob("*.docx")} >= {"ke-hoach-don-vi.docx"}
    reporting = yaml.safe_load((inputs / "plan.yaml").read_text(encoding="utf-8"))["reporting"]
    years = [str(y) for y in range(reporting["first_year"], reporting["last_year"] + 1)]
    assert sorted(p.name for p in (inputs / "submissions").iterdir()) == years
    assert not [p for p in inputs.rglob("*.yaml") if "sample: true" in p.read_text(encoding="utf-8")]
    assert not any((inputs / "overlays").iterdir()) and not any((inputs / "secretariat").iterdir())
    # a first real report of SYT does not collide with a sample
    assert run("validate", "--year", "2025", root=tmp_path / "p").exit_code == 0


def test_init_with_samples_adds_the_demo_data_every_file_marked(tmp_path: Path):
    done = run("init", str(tmp_path / "p"), "--samples")
    assert done.exit_code == 0, done.output
    inputs = tmp_path / "p" / "inputs"
    copied = sorted(p.relative_to(inputs) for p in inputs.rglob("*.yaml")
                    if p.parent.name != "inputs")
    bundled = sorted(p.relative_to(BUNDLED_INPUTS) for p in BUNDLED_INPUTS.rglob("*.yaml")
                     if p.parent.name != "inputs")
    assert copied == bundled and copied
    for path in copied:
        data = yaml.safe_load((inputs / path).read_text(encoding="utf-8"))
        assert data.get("sample") is True, path


def test_documents_from_samples_are_marked_and_others_are_not(tmp_path: Path):
    root = tmp_path / "p"
    assert run("init", str(root), "--samples").exit_code == 0
    (root / "inputs" / "amendments" / "KH-187-2025.yaml").unlink()   # a sample amendment marks every 2025 document
    real = root / "inputs" / "submissions" / "2025" / "SNV.yaml"
    data = yaml.safe_load(real.read_text(encoding="utf-8"))
    data["sample"] = False                       # SNV sent its real report
    real.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = run("build", "--year", "2025", "--list", root=root)
    assert done.exit_code == 0, done.output
    assert "DỮ LIỆU MẪU" in done.output and "dữ liệu mẫu" in done.output
    out = root / "outputs" / "2025"
    marked = {
        out / "bao-cao" / "BC-SYT-2025.docx": True,          # a sample submission
        out / "bao-cao" / "BC-SNV-2025.docx": False,         # a real one
        out / "ke-hoach" / "KH-SYT-2025.docx": True,              # a sample overlay
        out / "ke-hoach" / "KH-SNV-2025.docx": False,             # no overlay
        out / "BC-tong-hop-2025.docx": True,                 # sample submissions and secretariat
    }
    for path, expected in marked.items():
        headers = _headers_of_every_section(path)
        assert headers, path
        assert all(SAMPLE_MARK in texts for texts in headers) is expected, path
        assert any(SAMPLE_MARK in texts for texts in headers) is expected, path
    count = int(done.output.split("Lưu ý: ")[1].split(" văn bản")[0])
    reports = len(list((out / "bao-cao").glob("*.docx")))
    assert count == reports - 1 + 1 + 1                 # every report but SNV's, KH-SYT, the consolidated report


def test_the_consolidated_report_is_marked_by_a_sample_secretariat_file_alone(tmp_path: Path):
    root = tmp_path / "p"
    assert run("init", str(root)).exit_code == 0
    (root / "inputs" / "secretariat" / "2025.yaml").write_text(
        "sample: true\nyear: 2025\n", encoding="utf-8")
    assert run("report", "--year", "2025", root=root).exit_code == 0
    headers = _headers_of_every_section(root / "outputs" / "2025" / "BC-tong-hop-2025.docx")
    assert all(SAMPLE_MARK in texts for texts in headers)


def test_the_mark_reaches_a_template_without_headers():
    """A secretariat's own template may have no header at all: one is added, with the mark."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    plain = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        body = zf.read("word/document.xml")
    assert b"headerReference" not in body
    marked = mark_headers(plain, SAMPLE_MARK)
    document = docx.Document(io.BytesIO(marked))
    assert SAMPLE_MARK in [p.text for p in document.sections[0].header.paragraphs]
    with zipfile.ZipFile(io.BytesIO(marked)) as zf:
        run_props = etree.fromstring(zf.read("word/header-mark1.xml")).find(f".//{W}rPr")
    assert run_props.find(f"{W}rFonts").get(f"{W}ascii") == "Times New Roman"
    assert run_props.find(f"{W}b") is not None
    assert mark_headers(plain, SAMPLE_MARK) == marked                       # deterministic


@pytest.mark.parametrize("args", [
    ("plan", "--all", "--year", "1900"),
    ("plan", "SYT", "--year", "2031"),
    ("build", "--year", "2023"),
    ("report", "--year", "99999"),
    ("validate", "--year", "1900"),
    ("status", "--year", "99999"),
    ("forms", "--year", "1900"),
])
def test_a_year_outside_the_plan_is_refused_by_every_command(project_dir: Path, args: tuple[str, ...]):
    done = run(*args, root=project_dir)
    assert done.exit_code == 2, done.output
    assert "2024–2030" in done.output and "Traceback" not in done.output
    assert not [p for p in (project_dir / "outputs").rglob("*") if p.is_file()]


@pytest.mark.parametrize("year", [2024, 2030])
def test_the_first_and_last_year_of_the_plan_are_accepted(project_dir: Path, year: int):
    assert run("status", "--year", str(year), "--as-of", f"{year}-12-31", root=project_dir).exit_code == 0
    assert run("plan", "SYT", "--year", str(year), root=project_dir).exit_code == 0


def test_a_submissions_folder_that_is_not_a_plan_year_is_an_error(project_dir: Path):
    folder = project_dir / "inputs" / "submissions" / "99999"
    folder.mkdir()
    (folder / "SYT.yaml").write_bytes((project_dir / "inputs" / "submissions" / "2025" / "SYT.yaml").read_bytes())
    done = run("validate", root=project_dir)
    assert done.exit_code == 1
    assert "inputs/submissions/99999: thư mục «99999» không phải một năm của kế hoạch (2024–2030)" in done.output
    # a build reads only its own year's folder (the latest plan year here): the stray folder does not stop it
    assert run("build", "--year", "2024", root=project_dir).exit_code == 0
