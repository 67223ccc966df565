"""Plausibility in `validate`: impossible dates and absurd figures are located errors, big jumps warnings.

Each limit is tested just inside and just outside. The inputs are the bundled 2025
submission of Sở Y tế (SYT) and of a commune created on 01/7/2025, edited the way people
get them wrong; the expected problems name the file and line (or the sheet and cell).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.load import load_project

COMMUNE = "UBND_X_BA_DINH"       # a commune of the 2025 reorganisation (valid_from 2025-07-01)


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def _edit(root: Path, code: str, change, year: int = 2025) -> Path:
    path = root / "inputs" / "submissions" / str(year) / f"{code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _problems(root: Path, code: str, year: int = 2025):
    project = load_project(root, year=year)
    return [p for p in project.problems if p.file and p.file.endswith(f"/{code}.yaml")
            and "ước thực hiện" not in p.message and "nộp muộn" not in p.message]


def _figure(data: dict, indicator: str) -> dict:
    return next(f for f in data["figures"] if f["indicator"] == indicator)


def _document(data: dict) -> dict:
    return next(d for t in data["tasks"] for d in t.get("documents", []))


# --- the bundled samples are plausible ----------------------------------------------------


def test_the_bundled_samples_have_no_implausible_date_or_figure(project_dir: Path):
    project = load_project(project_dir)
    assert project.errors == []
    assert not [p for p in project.warnings if "thay đổi lớn" in p.message]


def test_commune_plans_are_dated_after_the_communes_began(project_dir: Path):
    project = load_project(project_dir, year=2025)
    registry = project.registry
    for ls in project.submissions[2025]:
        agency = registry[ls.submission.agency]
        for task in ls.submission.tasks:
            for d in task.documents:
                assert d.date >= project.plan.date
                assert agency.valid_from is None or d.date >= agency.valid_from, (agency.code, d.date)


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day, bad", [("2024-03-08", False), ("2024-03-07", True)])
def test_a_document_before_the_plan_it_implements(project_dir: Path, day: str, bad: bool):
    _edit(project_dir, "SYT", lambda d: _document(d).update(date=day), year=2024)
    problems = _problems(project_dir, "SYT", 2024)
    assert bool(problems) is bad, problems
    if bad:
        [p] = problems
        assert "trước Kế hoạch số 68" in p.message and p.line and p.place.endswith("documents[0].date")


@pytest.mark.parametrize("day, bad", [("2025-07-01", False), ("2025-06-30", True)])
def test_a_document_before_its_issuer_existed(project_dir: Path, day: str, bad: bool):
    _edit(project_dir, COMMUNE, lambda d: _document(d).update(date=day))
    problems = _problems(project_dir, COMMUNE)
    assert bool(problems) is bad, problems
    if bad:
        assert "bắt đầu hoạt động (01/07/2025)" in problems[0].message


def test_a_report_signed_before_its_body_existed(project_dir: Path):
    def change(d):
        d["report"]["date"] = "2025-06-30"
        d["report"].pop("received", None)
        _document(d)["date"] = "2025-06-30"
    _edit(project_dir, COMMUNE, change)
    messages = [p.message for p in _problems(project_dir, COMMUNE)]
    assert any(m.startswith("ngày ký báo cáo 30/06/2025 trước ngày") for m in messages)


@pytest.mark.parametrize("offset, bad", [(0, False), (1, True)])
def test_a_document_dated_after_the_report_that_lists_it(project_dir: Path, offset: int, bad: bool):
    from datetime import date, timedelta

    def change(d):
        signed = d["report"]["date"]
        signed = signed if isinstance(signed, date) else date.fromisoformat(signed)
        _document(d)["date"] = (signed + timedelta(days=offset)).isoformat()
    _edit(project_dir, "SYT", change)
    problems = [p for p in _problems(project_dir, "SYT") if "muộn hơn ngày ký" in p.message]
    assert bool(problems) is bad


def test_a_receipt_before_the_signature(project_dir: Path):
    _edit(project_dir, "SYT", lambda d: d["report"].update(date="2025-12-06", received="2025-12-05"))
    assert any(p.message == "ngày nhận trước ngày ký báo cáo" for p in _problems(project_dir, "SYT"))


@pytest.mark.parametrize("day, bad", [("2024-03-08", False), ("2024-03-07", True)])
def test_an_overlay_dated_before_the_plan(project_dir: Path, day: str, bad: bool):
    path = project_dir / "inputs" / "overlays" / "SYT.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-04-02", f"date: {day}"), encoding="utf-8")
    problems = [p for p in load_project(project_dir).problems if p.file == "inputs/overlays/SYT.yaml"]
    assert bool(problems) is bad
    if bad:
        assert problems[0].line == 5 and "trước ngày ban hành Kế hoạch số 68" in problems[0].message


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("number, bad", [(99_999, False), (100_000, True), (10**30, True)])
def test_an_absurd_report_number(project_dir: Path, number: int, bad: bool):
    _edit(project_dir, "SYT", lambda d: d["report"].update(number=number))
    problems = _problems(project_dir, "SYT")
    assert bool(problems) is bad
    if bad:   # 10^30 is refused already when read (more than 30 digits), with its own message
        assert [p.place for p in problems] == ["report.number"]
        assert "99999" in problems[0].message or "quá lớn" in problems[0].message


@pytest.mark.parametrize("value, bad", [("150", False), ("151", True)])
def test_a_value_beyond_what_its_unit_allows_years(project_dir: Path, value: str, bad: bool):
    """B08 is an age (tuổi): 150 is the most a unit of years of age allows."""
    _edit(project_dir, "SYT", lambda d: _figure(d, "B08").update(previous=value, value="74.1"))
    problems = _problems(project_dir, "SYT")
    assert bool(problems) is bad
    if bad:
        assert "vượt quá mức đơn vị «tuổi» cho phép (tối đa 150)" in problems[0].message


@pytest.mark.parametrize("value, bad", [("10000", False), ("10001", True)])
def test_a_rate_per_population_above_the_population(project_dir: Path, value: str, bad: bool):
    _edit(project_dir, "SYT", lambda d: _figure(d, "B10").update(value=value, previous=value))
    problems = [p for p in _problems(project_dir, "SYT") if "vượt quá" in p.message]
    assert bool(problems) is bad


def test_healthy_life_years_of_1_234_after_61_7_is_an_error(project_dir: Path):
    """The issue's case: `1.234` (read the Vietnamese way: 1234) years where last year was 61,7."""
    _edit(project_dir, "SYT", lambda d: _figure(d, "B09").update(value="1.234", previous="61.7"))
    [p] = _problems(project_dir, "SYT")
    assert p.severity == "error" and "B09" in p.message and "tối đa 150" in p.message
    assert p.line is not None and p.place.endswith(".value")


@pytest.mark.parametrize("value, severities", [
    ("1119.9", ["warning"]),    # just under 10× last year (112): a jump
    ("1120", ["error"]),        # 10× last year and 10,3× the target (109): far from both
    ("1090", ["warning"]),      # 10× the target but 9,7× last year: a jump
    ("336", ["warning"]),       # 3× last year
    ("335.9", []),              # just under 3×: nothing
    ("37.4", []),               # just under 3× down
    ("37.3", ["warning"]),
])
def test_far_values_are_errors_and_jumps_warnings(project_dir: Path, value: str, severities: list[str]):
    """B07, the sex ratio at birth (bé trai/100 bé gái): no unit bound, target < 109."""
    _edit(project_dir, "SYT", lambda d: _figure(d, "B07").update(value=value, previous="112"))
    assert [p.severity for p in _problems(project_dir, "SYT")] == severities


def test_a_sex_ratio_of_10_to_the_30_is_an_error(project_dir: Path):
    _edit(project_dir, "SYT", lambda d: _figure(d, "B07").update(value="1" + "0" * 30))
    [p] = _problems(project_dir, "SYT")
    assert p.severity == "error" and "B07" in p.message


def test_without_last_year_only_a_thousandfold_distance_from_the_target_is_an_error(project_dir: Path):
    """Early cumulative counts may be far below a target; only an absurd distance is an error then."""
    def change(value):
        return lambda d: _figure(d, "B07").update(value=value, previous=None)
    _edit(project_dir, "SYT", change("108999"))
    assert not _problems(project_dir, "SYT")
    _edit(project_dir, "SYT", change("109000"))
    assert [p.severity for p in _problems(project_dir, "SYT")] == ["error"]


def test_validate_and_build_refuse_an_absurd_figure_in_a_form_with_its_cell(project_dir: Path):
    """An Excel form: the problem names the sheet and the cell."""
    from test_forms_fixture import fill_form

    from reportgen.forms import generate_forms
    from reportgen.model import Submission

    project = load_project(project_dir, year=2025)
    source = project_dir / "inputs" / "submissions" / "2025" / "SYT.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    _figure(data, "B07").update(value="1120", previous="112")
    sub = Submission.model_validate(data)
    form = generate_forms(project.plan, project.registry, 2025, ["SYT"], [])["SYT-2025.xlsx"]
    source.unlink()
    (source.parent / "SYT-2025.xlsx").write_bytes(fill_form(form, sub, project.plan))
    done = run(project_dir, "validate", "--year", "2025")
    assert done.exit_code == 1
    line = next(line for line in done.output.splitlines() if "B07" in line and line.startswith("Lỗi"))
    assert "SYT-2025.xlsx" in line and "Chỉ tiêu!" in line
    assert run(project_dir, "build", "--year", "2025").exit_code == 1
