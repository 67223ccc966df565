"""A body's overlay is checked for the year it is used in, and used only for that year.

Boundaries: a deadline naming the plan year itself passes, the year before fails; a recipient
that exists that year passes, one that ended fails; an overlay for 2024 is not used in 2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.load import load_project

SNV = {"agency": "SNV", "tasks": [{"task": "III.2.2", "lead_unit": "Phòng Cải cách hành chính"}]}


def _write(project_dir: Path, name: str, data: dict) -> Path:
    path = project_dir / "inputs" / "overlays" / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _overlay_errors(project_dir: Path, year: int, name: str) -> list:
    return [p for p in load_project(project_dir, year=year).errors if p.file.endswith(name)]


@pytest.mark.parametrize("deadline, ok", [("Năm 2025", True), ("Quý IV/2025", True), ("Năm 2024", False),
                                          ("2024 - 2025", False), ("Thường xuyên", True)])
def test_deadline_of_a_past_year(project_dir, deadline, ok):
    data = SNV | {"year": 2025, "extra_tasks": [{"section": "III.2", "content": "Việc riêng.", "deadline": deadline}]}
    _write(project_dir, "SNV-2025.yaml", data)
    errors = _overlay_errors(project_dir, 2025, "SNV-2025.yaml")
    assert (not errors) is ok, errors
    if not ok:
        assert errors[0].place == "extra_tasks[0].deadline" and errors[0].line is not None
        assert "đã qua (kế hoạch năm 2025)" in errors[0].message


def test_undated_overlay_is_checked_for_each_year_it_is_used_in(project_dir):
    data = SNV | {"recipients": ["UBND tỉnh (để b/c)", "Sở Lao động - Thương binh và Xã hội"]}
    _write(project_dir, "SNV.yaml", data)
    assert not _overlay_errors(project_dir, 2024, "SNV.yaml")               # the body still existed
    errors = _overlay_errors(project_dir, 2025, "SNV.yaml")
    assert [e.place for e in errors] == ["recipients[1]"]
    assert "không còn hoạt động năm 2025" in errors[0].message and "Sở Nội vụ" in errors[0].message


def test_a_task_that_is_not_the_bodys_and_an_unknown_section(project_dir):
    data = {"agency": "SNV", "year": 2025, "tasks": [{"task": "III.6.2"}, {"task": "III.9.9"}],
            "extra_tasks": [{"section": "III.99", "content": "x"}]}
    _write(project_dir, "SNV-2025.yaml", data)
    places = sorted(e.place for e in _overlay_errors(project_dir, 2025, "SNV-2025.yaml"))
    assert places == ["extra_tasks[0].section", "tasks[0].task", "tasks[1].task"]


def test_year_and_date_must_agree_and_one_overlay_per_year(project_dir):
    _write(project_dir, "SNV-2025.yaml", SNV | {"year": 2025, "date": "2024-04-01"})
    assert any("không thuộc năm 2025" in e.message for e in _overlay_errors(project_dir, 2025, "SNV-2025.yaml"))
    _write(project_dir, "SNV-2025.yaml", SNV | {"year": 2025})
    _write(project_dir, "SNV-bis.yaml", SNV | {"date": "2025-05-02"})
    errors = _overlay_errors(project_dir, 2025, "SNV-bis.yaml")
    assert errors and "đã có phần bổ sung cho năm 2025" in errors[0].message


def test_overlay_for_2024_is_not_used_in_2025(project_dir):
    project = load_project(project_dir, year=2025)
    assert project.overlay_for("SYT", 2024).date.year == 2024
    assert project.overlay_for("SYT", 2025).year == 2025
    assert project.overlay_for("SNV", 2025) is None


def test_secretariat_recipients_name_no_ended_body(project_dir):
    path = project_dir / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["recipients"] = ["Giám đốc Sở (để b/c)", "Sở Lao động - Thương binh và Xã hội"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = [p for p in load_project(project_dir, year=2025).errors if p.file.endswith("2025.yaml")]
    assert [e.place for e in errors] == ["recipients[1]"]
