"""Every state of a reporting cycle builds: no report, one, a few, all; any year; the year after.

The start of every cycle is the normal state: few or no reports have arrived. A
hypothesis test draws random subsets of the bundled submissions (with optional fields
dropped) and builds the agency reports and the consolidated report: it never raises, and
each document reads back with what the inputs say (expected counts are computed here from
the YAML, not by the code under test).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.cli import cli
from reportgen.pipeline import build

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
SUBMISSIONS = BUNDLED / "inputs" / "submissions"
YEARS = sorted(int(p.name) for p in SUBMISSIONS.iterdir() if p.is_dir())
LAST_YEAR = max(YEARS)
CONSOLIDATED_ONLY = ["bao-cao-tong-hop"]
REPORTS = ["bao-cao", "bao-cao-tong-hop"]

# Fields a body may leave out of its submission without making it invalid.
OPTIONAL_TOP = ("tasks", "figures", "difficulties", "causes", "strengths", "proposals", "next_year")
OPTIONAL_REPORT = ("number", "received", "title")


def _raw(year: int) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((SUBMISSIONS / str(year)).glob("*.yaml"))}


RAW = {y: _raw(y) for y in YEARS}


def _empty_project(root: Path) -> Path:
    """The bundled project with no submission at all (plan, registry, templates, overlays, secretariat)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BUNDLED / "inputs", root / "inputs", ignore=shutil.ignore_patterns("submissions"))
    shutil.copytree(BUNDLED / "templates", root / "templates")
    (root / "inputs" / "submissions").mkdir()
    (root / "outputs").mkdir()
    return root


def _write(root: Path, year: int, code: str, data: dict) -> None:
    folder = root / "inputs" / "submissions" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{code}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _intro(paragraphs: list[str]) -> str:
    return next(p for p in paragraphs if p.startswith("Thực hiện "))


def _check_consolidated(path: Path, submitted: int) -> None:
    """The consolidated report opens, and its opening paragraph counts the reports received."""
    text = _paragraphs(path)
    assert "BÁO CÁO" in text
    intro = _intro(text)
    if submitted == 0:
        assert "chưa nhận được báo cáo" in intro
    else:
        m = re.search(r"trên cơ sở báo cáo của (\d+)/(\d+) cơ quan", intro)
        assert m, intro
        assert int(m.group(1)) == submitted


@st.composite
def cycle_states(draw) -> tuple[int, dict[int, dict[str, dict]]]:
    """A year to build (a year of the samples or the one after) and the submissions present."""
    year = draw(st.sampled_from([*YEARS, LAST_YEAR + 1]))
    chosen: dict[int, dict[str, dict]] = {}
    for y in YEARS:
        if y > year:
            continue
        codes = sorted(RAW[y])
        picked = draw(st.lists(st.sampled_from(codes), unique=True, max_size=len(codes)))
        chosen[y] = {}
        for code in picked:
            data = yaml.safe_load(yaml.safe_dump(RAW[y][code], allow_unicode=True))   # a deep copy
            for key in OPTIONAL_TOP:
                if key in data and draw(st.booleans()):
                    del data[key]
            for key in OPTIONAL_REPORT:
                if key in data["report"] and draw(st.booleans()):
                    del data["report"][key]
            for fig in data.get("figures", []):
                if "previous" in fig and draw(st.booleans()):
                    del fig["previous"]
            chosen[y][code] = data
    return year, chosen


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(state=cycle_states())
def test_any_subset_of_submissions_builds(tmp_path_factory, state):
    year, chosen = state
    root = _empty_project(tmp_path_factory.mktemp("state"))
    for y, subs in chosen.items():
        for code, data in subs.items():
            _write(root, y, code, data)
    result = build(root, year=year, kinds=REPORTS, force=True, workers=1)
    this_year = chosen.get(year, {})
    reports = sorted(p.stem for p in (root / "outputs" / str(year) / "bao-cao").glob("*.docx")) \
        if this_year else []
    assert reports == sorted(f"BC-{code}-{year}" for code in this_year)
    assert len(result.documents) == len(this_year) + 1
    _check_consolidated(root / "outputs" / str(year) / f"BC-tong-hop-{year}.docx", len(this_year))
    for code in list(this_year)[:3]:   # a few agency reports read back with their body's name
        text = _paragraphs(root / "outputs" / str(year) / "bao-cao" / f"BC-{code}-{year}.docx")
        assert "BÁO CÁO" in text


def _run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_the_first_reports_of_a_year_build(tmp_path: Path, count: int):
    """0, 1, 2, 5 reports of the last sample year, the last year's all present: `build` works and says how many."""
    root = _empty_project(tmp_path / "p")
    for y in YEARS[:-1]:
        for code, data in RAW[y].items():
            _write(root, y, code, data)
    # bodies of every kind: a department, a commune, a branch
    order = ["SYT", next(c for c in RAW[LAST_YEAR] if c.startswith("UBND_X_")), "CA_TINH", "SNV", "STC"]
    for code in order[:count]:
        _write(root, LAST_YEAR, code, RAW[LAST_YEAR][code])
    done = _run(root, "build", "--year", str(LAST_YEAR))
    assert done.exit_code == 0, done.output
    _check_consolidated(root / "outputs" / str(LAST_YEAR) / f"BC-tong-hop-{LAST_YEAR}.docx", count)
    assert len(list((root / "outputs" / str(LAST_YEAR) / "bao-cao").glob("*.docx"))) == count if count else True


def test_all_reports_of_a_year_build(tmp_path: Path):
    root = _empty_project(tmp_path / "p")
    for y in YEARS:
        for code, data in RAW[y].items():
            _write(root, y, code, data)
    result = build(root, year=LAST_YEAR, kinds=CONSOLIDATED_ONLY, force=True)
    _check_consolidated(result.documents[0].path, len(RAW[LAST_YEAR]))


@pytest.mark.parametrize("year", [LAST_YEAR + 1, 2030])
def test_a_year_with_no_report_yet_builds_and_says_so(tmp_path: Path, year: int):
    """The year after the last report, and the plan's last year: no traceback, a plain sentence."""
    root = _empty_project(tmp_path / "p")
    for y in YEARS:
        for code, data in RAW[y].items():
            _write(root, y, code, data)
    done = _run(root, "report", "--year", str(year))
    assert done.exit_code == 0, done.output
    path = root / "outputs" / str(year) / f"BC-tong-hop-{year}.docx"
    intro = _intro(_paragraphs(path))
    assert f"chưa nhận được báo cáo năm {year} của cơ quan, đơn vị nào" in intro
    assert not re.search(r"\b0/\d+ cơ quan", intro)


def test_build_in_a_fresh_init_folder_for_a_year_with_nothing(tmp_path: Path):
    """The issue's reproduction: `reportgen init` then `build --year 2026` (no submission at all)."""
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "p")]).exit_code == 0
    done = _run(tmp_path / "p", "build", "--year", "2026")
    assert done.exit_code == 0, done.output
    _check_consolidated(tmp_path / "p" / "outputs" / "2026" / "BC-tong-hop-2026.docx", 0)
    assert not (tmp_path / "p" / "outputs" / "2026" / "bao-cao").exists()
