"""Task metrics as input: declared in the plan, given in YAML/JSON submissions and Excel forms, checked.

Every mistake gives one Vietnamese line naming the file and the place (YAML line and field,
or sheet!cell); a plan without metrics, and its submissions, still validate and build.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from test_forms_fixture import fill_form, make_registry, plan_data, set_text, syt_submission_data

from reportgen.cli import cli
from reportgen.forms import generate_forms
from reportgen.load.validation import validate
from reportgen.load.xlsx import read_submission_xlsx
from reportgen.model import Plan, Submission
from reportgen.model import form_schema as L
from reportgen.vn.dates import deadline_year

SUBMISSION = """\
agency: SYT
year: 2024
report:
  number: 12
  date: 2024-12-05
  signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Nguyễn Văn A}
tasks:
  - task: III.6.2
    status: đang thực hiện
    results: [Khám sức khỏe định kỳ cho 1.200 người cao tuổi.]
    metrics:
      kham-suc-khoe: {value}
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def put(root: Path, text: str, name: str = "SYT.yaml") -> Path:
    path = root / "inputs" / "submissions" / "2024" / name
    (root / "inputs" / "submissions" / "2024" / "SYT.yaml").unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Lỗi")]


# --- YAML and JSON submissions ------------------------------------------------------------------


@pytest.mark.parametrize("value, parsed", [("0", Decimal(0)), ('"1.200"', Decimal(1200)), ('"12,5"', Decimal("12.5"))])
def test_a_figure_of_zero_or_more_is_accepted(project_dir, value, parsed):
    put(project_dir, SUBMISSION.replace("{value}", value))
    result = run(project_dir, "validate", "--year", "2024")
    assert errors(result) == [], result.output
    from reportgen.load import load_project

    [sub] = [s for s in load_project(project_dir, year=2024).submissions_for(2024) if s.agency == "SYT"]
    assert sub.tasks[0].metrics == {"kham-suc-khoe": parsed}


@pytest.mark.parametrize("value, message", [
    ("-1", "tasks[0].metrics.kham-suc-khoe: số liệu không được âm (-1)"),
    ('"khoảng 1200"', "tasks[0].metrics.kham-suc-khoe: "),
])
def test_a_negative_or_a_word_is_refused_at_its_line(project_dir, value, message):
    put(project_dir, SUBMISSION.replace("{value}", value))
    result = run(project_dir, "validate", "--year", "2024")
    assert result.exit_code == 1
    [line] = errors(result)
    assert line.startswith("Lỗi: inputs/submissions/2024/SYT.yaml, dòng ") and message in line, line


def test_an_unknown_metric_and_a_metric_of_another_task(project_dir):
    text = SUBMISSION.replace("{value}", "10") + "      abc: 3\n      hoi-nghi: 4\n"
    put(project_dir, text)
    result = run(project_dir, "validate", "--year", "2024")
    assert result.exit_code == 1
    assert errors(result) == [
        "Lỗi: inputs/submissions/2024/SYT.yaml, dòng 13, tasks[0].metrics.abc: số liệu «abc» không có trong kế "
        "hoạch; số liệu của nhiệm vụ này: kham-suc-khoe, ho-so-suc-khoe",
        "Lỗi: inputs/submissions/2024/SYT.yaml, dòng 14, tasks[0].metrics.hoi-nghi: số liệu «hoi-nghi» không thuộc "
        "nhiệm vụ III.6.2 (số liệu của nhiệm vụ này: kham-suc-khoe, ho-so-suc-khoe)",
    ]


def test_json_submissions_carry_metrics_too(project_dir):
    data = yaml.safe_load(SUBMISSION.replace("{value}", "-2"))
    data["report"]["date"] = "2024-12-05"
    put(project_dir, json.dumps(data, ensure_ascii=False, indent=1), name="SYT.json")
    result = run(project_dir, "validate", "--year", "2024")
    [line] = errors(result)
    assert line.startswith("Lỗi: inputs/submissions/2024/SYT.json, dòng ")
    assert "tasks[0].metrics.kham-suc-khoe: số liệu không được âm (-2)" in line


def test_a_plan_without_metrics_still_validates_and_builds(project_dir):
    plan_file = project_dir / "inputs" / "plan.yaml"
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    plan.pop("metrics")
    for task in plan["tasks"]:
        task.pop("metrics", None)
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(project_dir, "validate", "--year", "2025")
    assert result.exit_code == 1                       # the samples still give figures the plan no longer has
    assert any("nhiệm vụ này không có số liệu nào" in line for line in errors(result))
    for path in (project_dir / "inputs" / "submissions").glob("*/*.yaml"):
        sub = yaml.safe_load(path.read_text(encoding="utf-8"))
        for task in sub["tasks"]:
            task.pop("metrics", None)
        path.write_text(yaml.safe_dump(sub, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert errors(run(project_dir, "validate", "--year", "2025")) == []
    result = run(project_dir, "report", "--year", "2025")
    assert result.exit_code == 0, result.output
    import docx

    report = docx.Document(project_dir / "outputs" / "2025" / "BC-tong-hop-2025.docx")
    text = "\n".join(p.text for p in report.paragraphs)
    assert "a) Tuyên truyền, quán triệt về chính sách xã hội: Có 174/182 đơn vị chủ trì đã báo cáo" in text
    assert "toàn tỉnh đã" not in text


# --- the plan -------------------------------------------------------------------------------------


def plan_with(**changes) -> dict:
    data = plan_data()
    data["metrics"] = [{"key": "hoi-nghi", "name": "hội nghị tuyên truyền", "unit": "hội nghị",
                        "phrase": "tổ chức {n} hội nghị tuyên truyền"},
                       {"key": "kinh-phi", "name": "kinh phí", "unit": "triệu đồng", "decimals": 1}]
    data["tasks"][0]["metrics"] = ["hoi-nghi"]
    data["tasks"][1]["metrics"] = ["hoi-nghi", "kinh-phi"]
    data.update(changes)
    return data


def test_the_plan_names_only_metrics_it_declares():
    data = plan_with()
    data["tasks"][2]["metrics"] = ["xyz"]
    with pytest.raises(ValueError, match="nhiệm vụ III.2.2: số liệu «xyz» không có trong metrics"):
        Plan.model_validate(data)


@pytest.mark.parametrize("phrase, ok", [("tổ chức {n} hội nghị", True), ("tổ chức hội nghị", False),
                                        ("{n} và {n}", False)])
def test_a_phrase_has_one_place_for_the_number(phrase, ok):
    data = plan_with()
    data["metrics"][0]["phrase"] = phrase
    if ok:
        assert Plan.model_validate(data).metric("hoi-nghi").sentence("12") == phrase.replace("{n}", "12")
    else:
        with pytest.raises(ValueError, match="phrase phải có đúng một chỗ"):
            Plan.model_validate(data)


def test_section_metrics_apply_to_each_task_of_the_section():
    data = plan_with()
    data["sections"][1]["metrics"] = ["kinh-phi"]
    plan = Plan.model_validate(data)
    assert [m.key for m in plan.task_metrics(plan.task("III.2.1"))] == ["kinh-phi", "hoi-nghi"]
    assert [m.key for m in plan.task_metrics(plan.task("III.2.3"))] == ["kinh-phi"]
    assert [m.key for m in plan.task_metrics(plan.task("IV.1"))] == []


@pytest.mark.parametrize("changes, message", [
    ({"cumulative": True, "comparator": "<"}, "chỉ tiêu lũy kế"),
    ({"yearly_targets": {2031: 40000}}, "mục tiêu năm 2031 nằm ngoài thời gian của kế hoạch"),
    ({"yearly_targets": {2030: -1}}, r"mục tiêu năm 2030 \(-1\) không hợp lệ"),
])
def test_cumulative_and_yearly_targets_are_checked(changes, message):
    data = plan_with()
    data["indicators"][1].update(changes)
    with pytest.raises(ValueError, match=message):
        Plan.model_validate(data)


def test_yearly_targets_inside_the_plan_years_are_kept():
    data = plan_with()
    data["indicators"][1].update(cumulative=True, yearly_targets={2024: 5000, 2030: "6.000"})
    ind = Plan.model_validate(data).indicator("A02")
    assert ind.yearly_targets == {2024: Decimal(5000), 2030: Decimal(6000)}


@pytest.mark.parametrize("text, year", [
    ("Năm 2025", 2025), ("Quý IV/2025", 2025), ("trước ngày 31/12/2025", 2025), ("2024 - 2025", 2025),
    ("Thường xuyên", None), ("Hằng năm", None), ("", None), ("Mã 12025", None), ("1899", None),
])
def test_the_due_year_of_a_deadline(text, year):
    assert deadline_year(text) == year


# --- the Excel form: one validated input column per metric ----------------------------------------


PLAN = Plan.model_validate(plan_with())
REGISTRY = make_registry()


def form_and_filled(**metrics_of_task):
    data = syt_submission_data()
    for task in data["tasks"]:
        if task["task"] in metrics_of_task:
            task["metrics"] = metrics_of_task[task["task"]]
    sub = Submission.model_validate(data)
    form = generate_forms(PLAN, REGISTRY, 2024, ["SYT"])["SYT-2024.xlsx"]
    return form, fill_form(form, sub, PLAN), sub


def save(tmp_path: Path, data: bytes, edit=None) -> Path:
    if edit is not None:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        edit(wb)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    folder = tmp_path / "2024"
    folder.mkdir(exist_ok=True)
    path = folder / "SYT-2024.xlsx"
    path.write_bytes(data)
    return path


def test_the_form_has_a_column_per_metric_open_only_where_the_task_counts_it():
    form, _, _ = form_and_filled()
    ws = openpyxl.load_workbook(io.BytesIO(form))[L.SHEET_TASKS]
    assert [ws.cell(L.HEADER_ROW, c).value for c in (8, 9, 10)] == [
        "Hội nghị tuyên truyền (hội nghị)", "Kinh phí (triệu đồng)", None]
    rows = {ws[f"B{r}"].value: r for r in range(L.FIRST_ROW, ws.max_row + 1)}
    assert ws[f"H{rows['III.1.1']}"].protection.locked is False
    assert ws[f"I{rows['III.1.1']}"].protection.locked is True          # III.1.1 has no money figure
    assert ws[f"I{rows['III.2.1']}"].protection.locked is False
    rules = {str(dv.sqref): (dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules[f"H{rows['III.1.1']} H{rows['III.2.1']}"] == ("whole", "greaterThanOrEqual", "0")
    assert rules[f"I{rows['III.2.1']}"] == ("decimal", "greaterThanOrEqual", "0")


def test_figures_typed_in_the_form_read_back(tmp_path):
    _, filled, sub = form_and_filled(**{"III.1.1": {"hoi-nghi": 12}, "III.2.1": {"hoi-nghi": "3", "kinh-phi": "12,5"}})
    doc, problems = read_submission_xlsx(save(tmp_path, filled), "SYT-2024.xlsx", PLAN, REGISTRY)
    assert [p for p in problems if p.severity == "error"] == []
    got, problems = validate(Submission, doc)
    assert problems == []
    assert {t.task: t.metrics for t in got.tasks} == {
        "III.1.1": {"hoi-nghi": Decimal(12)}, "III.2.1": {"hoi-nghi": Decimal(3), "kinh-phi": Decimal("12.5")},
        "III.2.3": {}}
    assert doc.place_of(("tasks", 1, "metrics", "kinh-phi")) == "Nhiệm vụ!I5"


@pytest.mark.parametrize("ref, value, message", [
    ("H4", "khoảng 12", "«khoảng 12» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); nếu chưa có số "
                        "liệu, để trống và ghi lý do vào cột Ghi chú"),
    ("H4", "-3", "giá trị âm (-3) không hợp lệ cho số liệu «Hội nghị tuyên truyền» của nhiệm vụ III.1.1"),
    ("H4", "12%", "số liệu «Hội nghị tuyên truyền» của nhiệm vụ III.1.1, không phải tỷ lệ %: bỏ dấu %"),
    ("I4", "5", "số liệu «Kinh phí» không thuộc nhiệm vụ III.1.1; để trống ô này"),
])
def test_a_bad_figure_is_named_by_sheet_and_cell(tmp_path, ref, value, message):
    _, filled, _ = form_and_filled(**{"III.1.1": {"hoi-nghi": 12}})

    def edit(wb):
        ws = wb[L.SHEET_TASKS]
        ws.protection.sheet = False                     # a sender who unprotected the sheet
        set_text(ws[ref], value)

    _, problems = read_submission_xlsx(save(tmp_path, filled, edit), "SYT-2024.xlsx", PLAN, REGISTRY)
    assert [str(p) for p in problems if p.severity == "error"] == [f"Lỗi: SYT-2024.xlsx, Nhiệm vụ!{ref}: {message}"]


def test_a_version_1_form_without_metric_columns_still_reads(tmp_path):
    plain = Plan.model_validate(plan_data())
    sub = Submission.model_validate(syt_submission_data())
    form = generate_forms(plain, REGISTRY, 2024, ["SYT"])["SYT-2024.xlsx"]

    def as_version_1(wb):
        wb[L.SHEET_META]["B1"] = "1"                     # the checksum covers the rows below the header

    path = save(tmp_path, fill_form(form, sub, plain), as_version_1)
    doc, problems = read_submission_xlsx(path, "SYT-2024.xlsx", plain, REGISTRY)
    assert [p for p in problems if p.severity == "error"] == []
