"""Which body answers for what in a given year: the plan routed through the dated registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.load import load_project
from reportgen.model.routing import (
    expected_reporters,
    focal_body,
    indicator_supplier,
    partner_bodies,
    responsible_bodies,
    tasks_of_body,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project():
    p = load_project(REPO, year=0)
    assert not p.errors
    return p


def lead(project, code: str, year: int) -> list[str]:
    return responsible_bodies(project.plan, project.registry, project.plan.task(code), year)


def test_2024_routes_to_the_bodies_named_in_the_plan(project) -> None:
    assert lead(project, "III.4.5", 2024) == ["SLDTBXH"]
    assert lead(project, "III.6.2", 2024) == ["SYT"]
    assert partner_bodies(project.plan, project.registry, project.plan.task("III.5.1"), 2024) == ["BHXH"]
    assert focal_body(project.plan, project.registry, 2024) == "SLDTBXH"


def test_2025_routes_the_split_department_by_function(project) -> None:
    assert lead(project, "III.4.5", 2025) == ["SNV", "SGDDT"]
    assert lead(project, "III.5.1", 2025) == ["SNV", "SYT", "SNNMT"]
    assert lead(project, "III.7", 2025) == ["SYT"]
    assert lead(project, "III.1.2", 2025) == ["SVHTTDL"]
    assert focal_body(project.plan, project.registry, 2025) == "SNV"
    assert indicator_supplier(project.plan, project.registry, "A02", 2025) == ["SNV"]
    # an indicator's supplier follows the indicator's domain, not the default successor
    assert indicator_supplier(project.plan, project.registry, "A04", 2025) == ["SGDDT"]
    assert indicator_supplier(project.plan, project.registry, "A09", 2025) == ["SYT"]
    assert indicator_supplier(project.plan, project.registry, "A04", 2024) == ["SLDTBXH"]


def test_groups_follow_the_local_government_reform(project) -> None:
    kinds_2024 = {project.registry[c].kind for c in lead(project, "III.1.1", 2024)}
    kinds_2025 = {project.registry[c].kind for c in lead(project, "III.1.1", 2025)}
    assert "ubnd-huyen" in kinds_2024 and "ubnd-xa" not in kinds_2024
    assert "ubnd-xa" in kinds_2025 and "ubnd-huyen" not in kinds_2025
    communes = [c for c in lead(project, "III.1.1", 2025) if project.registry[c].kind == "ubnd-xa"]
    assert len(communes) == 166


def test_expected_reporters_exclude_bodies_the_province_cannot_order(project) -> None:
    e2024 = expected_reporters(project.plan, project.registry, 2024)
    assert len(e2024) == 48
    assert not {"HDND_TINH", "MTTQ_TINH", "BHXH", "UBND_TINH"} & set(e2024)
    e2025 = expected_reporters(project.plan, project.registry, 2025)
    assert "SLDTBXH" not in e2025 and "SNV" in e2025 and len(e2025) == 16 + 166


def test_tasks_of_a_body_lead_then_support(project) -> None:
    led, supported = tasks_of_body(project.plan, project.registry, "SYT", 2024)
    assert "III.6.2" in [t.code for t in led] and "III.4.2" in [t.code for t in led]
    assert "III.5.1" not in [t.code for t in led]
    led25, _ = tasks_of_body(project.plan, project.registry, "SYT", 2025)
    assert {"III.7", "III.5.1"} <= {t.code for t in led25}  # inherited from Sở LĐ-TB&XH
    assert [t.code for t in led] == [t.code for t in project.plan.tasks if t in led]  # plan order
