"""The bundled plan, registry and samples: every sample body's form, filled by script, reads back
equal to its YAML submission; forms for every reporting body open in LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_forms_fixture import fill_form, in_plan_order
from test_xlsx_libreoffice import ALL_SHEETS_CSV, read_csv, soffice_convert

from reportgen.forms import bodies_with_forms, generate_forms
from reportgen.load import load_project
from reportgen.load.validation import validate
from reportgen.load.xlsx import read_submission_xlsx
from reportgen.model import Submission

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project():
    project = load_project(ROOT)
    assert project.plan is not None and project.registry is not None
    return project


@pytest.mark.parametrize("year", [2024, 2025])
def test_every_sample_round_trips_through_its_form(project, year, tmp_path):
    plan, registry = project.plan, project.registry
    samples = project.submissions_for(year)
    assert len(samples) > 10
    forms = generate_forms(plan, registry, year, [s.agency for s in samples], project.submissions_for(year - 1))
    folder = tmp_path / str(year)
    folder.mkdir()
    for sub in samples:
        name = f"{sub.agency}-{year}.xlsx"
        path = folder / name
        path.write_bytes(fill_form(forms[name], sub, plan))
        doc, problems = read_submission_xlsx(path, name, plan, registry)
        assert [str(p) for p in problems if p.severity == "error"] == [], name
        got, problems = validate(Submission, doc)
        assert problems == [], name
        assert in_plan_order(got, plan) == in_plan_order(sub, plan), name


def test_a_form_for_every_reporting_body_in_2024_and_2025(project):
    plan, registry = project.plan, project.registry
    for year in (2024, 2025):
        bodies = bodies_with_forms(plan, registry, year)
        samples = {s.agency for s in project.submissions_for(year)}
        assert samples <= set(bodies), year             # every sample body gets a form
    assert "SLDTBXH" in bodies_with_forms(plan, registry, 2024)
    assert "SLDTBXH" not in bodies_with_forms(plan, registry, 2025)


def test_bundled_forms_open_in_libreoffice(project, tmp_path):
    plan, registry = project.plan, project.registry
    focal_2024 = plan.reporting.focal
    picks = {2024: [focal_2024, "SYT", sorted(b for b in bodies_with_forms(plan, registry, 2024)
                                              if registry[b].kind == "ubnd-huyen")[0]],
             2025: [sorted(b for b in bodies_with_forms(plan, registry, 2025) if registry[b].kind == "ubnd-xa")[0]]}
    files = []
    for year, codes in picks.items():
        for name, data in generate_forms(plan, registry, year, codes).items():
            (tmp_path / name).write_bytes(data)
            files.append(tmp_path / name)
    out = tmp_path / "csv"
    soffice_convert(files, ALL_SHEETS_CSV, out, tmp_path / "profile")
    for f in files:
        tasks = read_csv(out / f"{f.stem}-Nhiệm vụ.csv")
        assert tasks[2][:2] == ["STT", "Mã nhiệm vụ"], f.name
        assert len(tasks) > 3, f.name
    guide = [r[0] for r in read_csv(out / f"{focal_2024}-2024-Hướng dẫn.csv") if r]
    assert "Thời hạn gửi: trước ngày 10/12/2024." in guide
    assert f"Nơi nhận: {registry[focal_2024].name}." in guide
