"""The shared page-1, signature and recipient blocks and the references built from plan data."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from render_helpers import BUNDLED

from reportgen.documents.common import (
    bodies_text,
    day_month,
    header_context,
    kinh_gui_context,
    plan_reference,
    plan_subject,
    recipients_context,
    signature_context,
    task_text,
)
from reportgen.load import load_project
from reportgen.model.plan import Signer


@functools.lru_cache(maxsize=1)
def _project():
    return load_project(BUNDLED, year=2024)


@pytest.fixture
def project():
    return _project()


def test_header_of_a_numbered_document(project):
    h = header_context(project.registry, "SYT", "Kế hoạch", 5, date(2024, 12, 5), "Thanh Hóa")
    assert h["parent_lines"] == ["UBND TỈNH THANH HÓA"]
    assert h["issuer_lines"] == ["SỞ Y TẾ"]
    assert h["so_ky_hieu"] == "Số: 05/KH-SYT"
    assert h["place_date"] == "Thanh Hóa, ngày 05 tháng 12 năm 2024"
    assert h["doc_type_upper"] == "KẾ HOẠCH"
    assert not h["is_draft"]


def test_header_of_a_draft_leaves_number_and_date_blank(project):
    h = header_context(project.registry, "SYT", "Báo cáo", None, None, "Thanh Hóa", year=2024)
    assert h["so_ky_hieu"] == "Số:      /BC-SYT"
    assert h["place_date"] == "Thanh Hóa, ngày      tháng      năm 2024"
    assert h["is_draft"]


def test_header_of_a_body_without_parent(project):
    h = header_context(project.registry, "UBND_TINH", "Kế hoạch", 68, date(2024, 3, 8), "Thanh Hóa")
    assert h["parent_lines"] == []
    assert h["issuer_lines"] == ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"]
    assert h["so_ky_hieu"] == "Số: 68/KH-UBND"
    assert h["place_date"] == "Thanh Hóa, ngày 08 tháng 3 năm 2024"


def test_signature_from_a_signer_and_for_a_draft(project):
    agency = project.registry["SYT"]
    signed = signature_context(Signer(authority="KT. Giám đốc", title="Phó Giám đốc", name="Đặng Văn Long"), agency)
    assert signed == {"title_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "name": "Đặng Văn Long", "is_blank": False}
    draft = signature_context(None, agency)
    assert draft == {"title_lines": ["GIÁM ĐỐC"], "name": "", "is_blank": True}
    ubnd = signature_context(None, project.registry["UBND_H_NGA_SON"])
    assert ubnd["title_lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_recipients_punctuation_and_archive_line():
    lines = recipients_context(["- UBND tỉnh (để b/c);", "Sở Nội vụ.", "Như trên"], "VP", to_superior=True)
    assert lines == ["- Như trên;", "- UBND tỉnh (để b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    assert recipients_context([], None) == ["- Lưu: VT."]


def test_kinh_gui_one_or_several():
    assert kinh_gui_context(["Sở Nội vụ"]) == {"inline": "Sở Nội vụ.", "lines": [], "several": False}
    several = kinh_gui_context(["Sở Nội vụ", "Sở Y tế"])
    assert several["lines"] == ["- Sở Nội vụ;", "- Sở Y tế."]


def test_plan_reference_and_subject_come_from_plan_data(project):
    assert plan_reference(project.plan, project.registry) == "Kế hoạch số 68/KH-UBND ngày 08/3/2024 của UBND tỉnh Thanh Hóa"
    subject = plan_subject(project.plan)
    assert subject.startswith("về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội")
    assert "Nghị quyết số 42-NQ/TW" not in subject


def test_task_text_joins_one_bullet_and_keeps_several(project):
    lead, bullets = task_text(project.plan.task("III.4.2"))
    assert lead.startswith("Sở Y tế: Chủ trì, phối hợp") and bullets == []
    lead, bullets = task_text(project.plan.task("III.4.5"))
    assert lead.endswith(":") and len(bullets) == 5 and all(b.startswith("- ") for b in bullets)


def test_bodies_text_routes_by_year(project):
    plan, registry = project.plan, project.registry
    assert bodies_text(plan, registry, ["SLDTBXH"], 2024, ["lao-dong"]) == "Sở Lao động - Thương binh và Xã hội"
    assert bodies_text(plan, registry, ["SLDTBXH"], 2025, ["lao-dong"]) == "Sở Nội vụ"
    assert bodies_text(plan, registry, ["@so-nganh"], 2024, []) == "Các sở, ban, ngành cấp tỉnh"


def test_day_month_pads_like_the_decree():
    assert (day_month(30, 11), day_month(5, 3), day_month(10, 1)) == ("30/11", "05/3", "10/01")
