"""Signer authority (Decree 30/2020, Phụ lục I, II.7) as data, checked against the issuing body.

Tables of cases, one row per rule, just inside and just outside each: a collective body
(an Ủy ban nhân dân) and a head-led body (a Sở). Then the same rule reached through a YAML
file, a JSON file and an Excel form's signer cells, each naming its place.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from pydantic import ValidationError
from test_forms_fixture import (
    fill_form,
    make_plan,
    make_registry,
    syt_submission_data,
    write_project,
)

from reportgen.forms.content import form_content
from reportgen.forms.writer import build_form
from reportgen.load import load_project
from reportgen.model import Agency, Submission
from reportgen.model import form_schema as L
from reportgen.model.form_schema import form_filename
from reportgen.model.signer import Signer, authority_choices, signature_problems, title_choices

UBND = Agency.model_validate({
    "code": "UBND_X", "name": "Ủy ban nhân dân xã Yên Thọ", "kind": "ubnd-xa",
    "header_lines": ["ỦY BAN NHÂN DÂN", "XÃ YÊN THỌ"], "parent_lines": 0, "abbrev": "UBND",
    "head_title": "CHỦ TỊCH", "deputy_title": "PHÓ CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"})
SO = Agency.model_validate({
    "code": "SYT", "name": "Sở Y tế", "kind": "so", "header_lines": ["UBND TỈNH THANH HÓA", "SỞ Y TẾ"],
    "abbrev": "SYT", "head_title": "GIÁM ĐỐC", "deputy_title": "PHÓ GIÁM ĐỐC"})


def _problems(agency: Agency, authority, title: str) -> list[tuple[str, str]]:
    return signature_problems(Signer(authority=authority, title=title, name="Nguyễn Văn A"), agency)


@pytest.mark.parametrize("authority, title, field", [
    # the chair signs for the committee
    (["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", None),
    # a deputy: both lines (the fault of the 184 district and commune reports, just outside)
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", None),
    ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", None),
    (["TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH", "authority"),
    (["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "authority"),
    ([], "CHỦ TỊCH", "authority"),
    ([], "PHÓ CHỦ TỊCH", "authority"),
    # acting chair
    (["TM. ỦY BAN NHÂN DÂN"], "Q. CHỦ TỊCH", None),
    (["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"], "CHỦ TỊCH", "authority"),
    # by order, by authorisation: someone else's title
    (["TL. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG", None),
    (["TUQ. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG", None),
    (["TL. CHỦ TỊCH"], "CHỦ TỊCH", "title"),
    # the wrong collective, the wrong order, KT. over the head's own title
    (["TM. BAN THƯỜNG VỤ"], "CHỦ TỊCH", "authority"),
    (["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH", "authority"),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "CHỦ TỊCH", "title"),
    (["TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC"], "PHÓ CHỦ TỊCH", "authority"),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "authority"),
])
def test_collective_body(authority, title, field):
    found = _problems(UBND, authority, title)
    assert [f for f, _ in found][:1] == ([field] if field else []), found


@pytest.mark.parametrize("authority, title, field", [
    (None, "GIÁM ĐỐC", None),
    ("", "GIÁM ĐỐC", None),
    (["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", None),
    ([], "PHÓ GIÁM ĐỐC", "authority"),                 # a deputy without KT.
    (["KT. GIÁM ĐỐC"], "GIÁM ĐỐC", "title"),
    (["KT. CHỦ TỊCH"], "PHÓ GIÁM ĐỐC", "authority"),
    (["TM. ỦY BAN NHÂN DÂN"], "GIÁM ĐỐC", "authority"),  # a head-led body never signs TM.
    (["TM. SỞ Y TẾ", "KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "authority"),
    ([], "Q. GIÁM ĐỐC", None),
    ([], "Q. CHỦ TỊCH", "title"),
    (["TL. GIÁM ĐỐC"], "CHÁNH VĂN PHÒNG", None),
    (["TUQ. GIÁM ĐỐC"], "TRƯỞNG PHÒNG KẾ HOẠCH - TÀI CHÍNH", None),
    (["TUQ. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "title"),
    (["KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "authority"),
    (["KT. GIÁM ĐỐC", "KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "authority"),
    ([], "TRƯỞNG PHÒNG", "title"),
])
def test_head_led_body(authority, title, field):
    found = _problems(SO, authority, title)
    assert [f for f, _ in found][:1] == ([field] if field else []), found


def test_the_message_gives_the_lines_to_write():
    (_, message), = _problems(UBND, ["TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH")
    assert "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in message


@pytest.mark.parametrize("typed, lines", [
    ("KT. GIÁM ĐỐC", ["KT. GIÁM ĐỐC"]),
    ("kt. giám đốc", ["KT. GIÁM ĐỐC"]),                     # printed in capitals
    ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]),
    (["TM.  ỦY BAN   NHÂN DÂN"], ["TM. ỦY BAN NHÂN DÂN"]),
    (None, []),
    ("", []),
])
def test_authority_typed_as_list_or_text(typed, lines):
    signer = Signer(authority=typed, title="phó giám đốc", name="Nguyễn Văn A")
    assert signer.authority == lines and signer.title == "PHÓ GIÁM ĐỐC"
    assert signer.lines == [*lines, "PHÓ GIÁM ĐỐC"]


@pytest.mark.parametrize("typed, hint", [
    ("KT GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
    ("KT.GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
    ("K.T. GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
    ("TUQ GIÁM ĐỐC", "TUQ. GIÁM ĐỐC"),
    ("THAY MẶT ỦY BAN NHÂN DÂN", "TM., KT., Q., TL., TUQ."),
    ("KT.", "sau «KT.»"),
])
def test_misspelt_authority_is_refused_with_the_right_form(typed, hint):
    with pytest.raises(ValidationError) as err:
        Signer(authority=typed, title="PHÓ GIÁM ĐỐC", name="Nguyễn Văn A")
    assert hint in str(err.value)


def test_title_carrying_an_authority_is_refused():
    with pytest.raises(ValidationError, match="ghi dòng này vào thẩm quyền ký"):
        Signer(authority=None, title="KT. GIÁM ĐỐC", name="Nguyễn Văn A")


def test_registry_authority_is_a_tm_line():
    data = UBND.model_dump() | {"authority": "ỦY BAN NHÂN DÂN"}
    with pytest.raises(ValidationError, match="phải bắt đầu bằng «TM. »"):
        Agency.model_validate(data)


def test_choices_offered_in_forms():
    assert authority_choices(UBND) == ["TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
                                       "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH"]
    assert authority_choices(SO) == ["KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC"]
    assert title_choices(SO) == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Q. GIÁM ĐỐC"]
    # every choice, with the title it goes with, passes the rule
    for agency in (UBND, SO):
        head, deputy, acting = title_choices(agency)
        for choice in authority_choices(agency):
            title = deputy if "KT." in choice else "CHÁNH VĂN PHÒNG" if choice.startswith("T") and "TM." not in choice \
                else head
            assert _problems(agency, choice, title) == [], (choice, title)


# --- through the files a body sends --------------------------------------------------------


def _submission(project_dir: Path, code: str, year: int) -> tuple[Path, dict]:
    path = project_dir / "inputs" / "submissions" / str(year) / f"{code}.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_bundled_samples_sign_as_the_decree_says(project_dir: Path):
    project = load_project(project_dir)
    assert not [p for p in project.errors if "người ký" in p.message]
    for year in (2024, 2025):
        for sub in project.submissions_for(year):
            if project.registry[sub.agency].authority:
                assert sub.report.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_yaml_submission_names_its_line(project_dir: Path):
    path, data = _submission(project_dir, "UBND_P_DAO_DUY_TU", 2025)
    data["report"]["signer"]["authority"] = "TM. ỦY BAN NHÂN DÂN"          # the deputy without KT.
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = [p for p in load_project(project_dir, year=2025).errors if "người ký" in p.message]
    assert len(errors) == 1
    problem = errors[0]
    assert problem.file.endswith("UBND_P_DAO_DUY_TU.yaml") and problem.place == "report.signer.authority"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "authority" in lines[problem.line - 1]
    assert "thiếu dòng «KT. CHỦ TỊCH»" in problem.message


def test_json_submission_names_its_field(project_dir: Path):
    path, data = _submission(project_dir, "SYT", 2025)
    path.unlink()
    data["report"]["signer"] = {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "GIÁM ĐỐC", "name": "Lê Văn A"}
    target = path.with_suffix(".json")
    target.write_text(json.dumps(data, ensure_ascii=False, default=str, indent=1), encoding="utf-8")
    errors = [p for p in load_project(project_dir, year=2025).errors if "người ký" in p.message]
    assert [(p.file.endswith("SYT.json"), p.place) for p in errors] == [(True, "report.signer.authority")]
    assert "không ký «TM.»" in errors[0].message and errors[0].line is not None


def _with_authority(form: bytes, text: str) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(form))
    wb[L.SHEET_INFO][f"B{L.info_rows()['authority']}"] = text
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_form_signer_cells_name_sheet_and_cell(tmp_path: Path):
    root = write_project(tmp_path)
    plan, registry = make_plan(), make_registry()
    sub = Submission.model_validate(syt_submission_data())
    filled = fill_form(build_form(form_content(plan, registry, "SYT", 2024)), sub, plan)
    target = root / "inputs" / "submissions" / "2024" / form_filename("SYT", 2024)
    target.parent.mkdir(parents=True, exist_ok=True)
    cell = f"{L.SHEET_INFO}!B{L.info_rows()['authority']}"

    target.write_bytes(_with_authority(filled, "TM. ỦY BAN NHÂN DÂN"))          # a Sở signing "TM."
    errors = [p for p in load_project(root, year=2024).errors if "người ký" in p.message]
    assert [p.place for p in errors] == [cell]
    target.write_bytes(_with_authority(filled, "KT GIÁM ĐỐC"))                  # the dot left out
    errors = [p for p in load_project(root, year=2024).errors if "KT. GIÁM ĐỐC" in p.message]
    assert [p.place for p in errors] == [cell]
    target.write_bytes(_with_authority(filled, "KT. GIÁM ĐỐC"))
    assert not [p for p in load_project(root, year=2024).errors if "người ký" in p.message]
