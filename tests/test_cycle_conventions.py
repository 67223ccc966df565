"""The cycle's commands follow the conventions every command follows.

`request`, `remind`, `report --level province` and `review`: the manifest of written
outputs (reportgen's own untouched file replaced, an edited one refused without `--force`,
nothing written by a refused run), the sample mark on documents built from sample inputs
(and only on those), a year outside the plan refused with exit 2, a bug ending with exit 3
and no traceback, and the library call the web intake uses for reminders.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from cycle_helpers import kinh_gui, read, run

from reportgen.cli import cli
from reportgen.render.mark import SAMPLE_MARK

COMMANDS = {
    "request": (["request", "--year", "2025"], "2025/cong-van/CV-yeu-cau-bao-cao-2025.docx"),
    "remind": (["remind", "--year", "2025", "--as-of", "2025-12-11"], "2025/cong-van/CV-don-doc-2025-20251211.docx"),
    "province": (["report", "--year", "2025", "--level", "province"], "2025/BC-UBND-tinh-2025.docx"),
    "review": (["review", "--from", "2024", "--to", "2027", "--kind", "so-ket"], "2027/BC-so-ket-2024-2027.docx"),
}


def _marked(path: Path) -> list[bool]:
    """For every section of the document, whether each header it shows carries the sample mark."""
    document = docx.Document(str(path))
    out = []
    for section in document.sections:
        shown = [section.header] + ([section.first_page_header] if section.different_first_page_header_footer else [])
        out.extend(SAMPLE_MARK in [p.text for p in h.paragraphs] for h in shown)
    return out


def _manifest(root: Path) -> dict[str, str]:
    return json.loads((root / "outputs" / ".reportgen-manifest.json").read_text(encoding="utf-8"))["files"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The bundled project (samples) after each cycle command ran once."""
    from render_helpers import copy_project

    root = copy_project(tmp_path_factory.mktemp("cycle"))
    for args, _ in COMMANDS.values():
        done = run(root, *args)
        assert done.exit_code == 0, done.output
    return root


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_document_is_recorded_and_marked_as_sample(built: Path, name: str):
    args, target = COMMANDS[name]
    path = built / "outputs" / target
    assert f"outputs/{target}" in _manifest(built)
    marks = _marked(path)
    assert marks and all(marks), f"{target}: every page header says DỮ LIỆU MẪU"
    assert "DỮ LIỆU MẪU" in run(built, *args).output        # the command says so too


@pytest.mark.parametrize("name", list(COMMANDS))
def test_an_edited_document_is_refused_without_force(built: Path, name: str):
    args, target = COMMANDS[name]
    path = built / "outputs" / target
    original = path.read_bytes()
    again = run(built, *args)                                  # untouched: replaced, same bytes
    assert again.exit_code == 0 and "Đã thay" in again.output and path.read_bytes() == original
    path.write_bytes(original + b"\0")                        # a person saved it in Word
    refused = run(built, *args)
    assert refused.exit_code == 1, refused.output
    assert f"outputs/{target}" in refused.output and "--force" in refused.output
    assert path.read_bytes() == original + b"\0"              # nothing written
    forced = run(built, *args, "--force")
    assert forced.exit_code == 0 and path.read_bytes() == original


@pytest.mark.parametrize("args", [
    ("request", "--year", "2023"),
    ("request", "--year", "2031"),
    ("remind", "--year", "2031", "--as-of", "2031-12-20"),
    ("report", "--year", "2023", "--level", "province"),
    ("review", "--from", "2023", "--to", "2027"),
])
def test_a_year_outside_the_plan_is_refused(project_dir: Path, args: tuple[str, ...]):
    done = run(project_dir, *args)
    assert done.exit_code == 2, done.output
    assert "2024–2030" in done.output and "Traceback" not in done.output
    assert not [p for p in (project_dir / "outputs").rglob("*") if p.is_file()]


@pytest.mark.parametrize("year", ["2024", "2030"])
def test_the_plans_first_and_last_years_are_accepted(project_dir: Path, year: str):
    assert run(project_dir, "request", "--year", year).exit_code == 0


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """`reportgen init` (no sample data) and a secretariat file of the province's own."""
    root = tmp_path / "p"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    (root / "inputs" / "secretariat" / "2025.yaml").write_text(
        "year: 2025\nprovince_report:\n  kinh_gui: [Ban Thường vụ Tỉnh ủy Thanh Hóa]\n", encoding="utf-8")
    return root


def test_documents_from_real_inputs_carry_no_mark(real_project: Path):
    for name in ("request", "remind", "province"):
        args, target = COMMANDS[name]
        done = run(real_project, *args)
        assert done.exit_code == 0, done.output
        assert "DỮ LIỆU MẪU" not in done.output
        assert not any(_marked(real_project / "outputs" / target)), target


def test_a_sample_amendment_alone_marks_the_years_it_amends(real_project: Path):
    """The bundled amendment takes effect in 2025: the 2025 request is marked, the 2024 one is not."""
    from render_helpers import BUNDLED

    folder = real_project / "inputs" / "amendments"
    folder.mkdir(exist_ok=True)
    (folder / "KH-187-2025.yaml").write_bytes((BUNDLED / "inputs" / "amendments" / "KH-187-2025.yaml").read_bytes())
    assert run(real_project, "request", "--year", "2025").exit_code == 0
    assert run(real_project, "request", "--year", "2024").exit_code == 0
    out = real_project / "outputs"
    assert all(_marked(out / "2025" / "cong-van" / "CV-yeu-cau-bao-cao-2025.docx"))
    assert not any(_marked(out / "2024" / "cong-van" / "CV-yeu-cau-bao-cao-2024.docx"))
    assert run(real_project, "plan", "SYT", "--year", "2025").exit_code == 0     # any document of the year
    assert all(_marked(out / "2025" / "ke-hoach" / "KH-SYT-2025.docx"))


def test_init_keeps_the_sample_amendment_out_of_a_real_project(real_project: Path):
    folder = real_project / "inputs" / "amendments"
    assert not folder.exists() or not any(folder.iterdir())


def _boom(*args, **kwargs):
    raise RuntimeError("a bug deep inside")


@pytest.mark.internal_error
@pytest.mark.parametrize("function, args", [
    ("request", ["request", "--year", "2025"]),
    ("remind", ["remind", "--year", "2025", "--as-of", "2025-12-11"]),
    ("province_report", ["report", "--year", "2025", "--level", "province"]),
    ("review", ["review", "--from", "2024", "--to", "2025"]),
])
def test_a_bug_ends_with_exit_3_and_no_traceback(project_dir: Path, monkeypatch, function: str, args: list[str]):
    monkeypatch.setattr(f"reportgen.cycle.{function}", _boom)
    done = run(project_dir, *args)
    assert done.exit_code == 3
    assert "Lỗi nội bộ" in done.output and "Traceback" not in done.output


def test_the_reminder_library_call_writes_the_same_letter_as_the_command(project_dir: Path, tmp_path: Path):
    """`reportgen.cycle.remind` is what the web intake calls: same bodies, same bytes as `reportgen remind`."""
    from render_helpers import copy_project

    from reportgen.cycle import remind

    outcome = remind(project_dir, 2025, date(2025, 12, 11))
    assert outcome.written and len(outcome.missing) == outcome.result.documents[0].spec.context["missing"]["count"]
    other = copy_project(tmp_path / "cli")
    assert run(other, *COMMANDS["remind"][0]).exit_code == 0
    target = COMMANDS["remind"][1]
    assert (project_dir / "outputs" / target).read_bytes() == (other / "outputs" / target).read_bytes()
    lines = kinh_gui(read(project_dir / "outputs" / target))
    assert lines[0] == "Kính gửi:" and len(lines) > 2


def test_remind_on_the_deadline_itself_and_the_day_before(project_dir: Path):
    """Just outside the deadline (its day: reports not in are missing) and just inside (the day before: none)."""
    from reportgen.cycle import remind

    assert remind(project_dir, 2025, date(2025, 12, 10)).written
    before = remind(project_dir, 2025, date(2025, 12, 9))
    assert not before.written and before.counts["not_due"] > 0


def test_remind_without_as_of_takes_today(project_dir: Path):
    """Like `status`: no --as-of is today (a date after the plan here, so every missing body is counted)."""
    done = run(project_dir, "remind", "--year", "2024")
    assert done.exit_code == 0, done.output
    names = sorted(p.name for p in (project_dir / "outputs" / "2024" / "cong-van").glob("CV-don-doc-2024-*.docx"))
    assert names == [f"CV-don-doc-2024-{date.today():%Y%m%d}.docx"]


def test_a_secretariat_reminder_for_the_day_numbers_the_letter(built: Path):
    data = yaml.safe_load((built / "inputs" / "secretariat" / "2025.yaml").read_text(encoding="utf-8"))
    reminder = next(r for r in data["reminders"] if str(r["as_of"]) == "2025-12-11")
    from cycle_helpers import page_one

    left, _ = page_one(read(built / "outputs" / COMMANDS["remind"][1]))
    assert left[2] == f"Số: {reminder['number']}/SNV-VP"
