"""A tiny plan, registry and submission for the form tests, independent of the bundled data.

Other `test_forms_*` / `test_xlsx_*` modules import the builders from here. The plan is made
to exercise the awkward cases: a task whose text starts with "- ", "=", "+" or "@", a
body split in 2025 (SLDTBXH → SNV and SYT by domain), percentages, counts and a
qualitative target. `fill_form` fills a generated form the way a sender's script would.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import yaml

from reportgen.forms.content import metric_columns
from reportgen.model import Agency, Plan, Registry, Submission
from reportgen.model import form_schema as L
from reportgen.vn import short_date


def agencies_data() -> list[dict[str, Any]]:
    def so(code: str, name: str, abbrev: str, **extra: Any) -> dict[str, Any]:
        return {"code": code, "name": name, "kind": "so", "header_lines": ["UBND TỈNH THANH HÓA", name.upper()],
                "abbrev": abbrev, "head_title": "GIÁM ĐỐC", **extra}

    return [
        {"code": "UBND_TINH", "name": "Ủy ban nhân dân tỉnh Thanh Hóa", "kind": "ubnd-tinh",
         "header_lines": ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"], "parent_lines": 0, "abbrev": "UBND",
         "head_title": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"},
        so("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", valid_to="2025-02-28", successors=[
            {"body": "SNV", "date": "2025-03-01", "domains": ["lao-dong", "nguoi-co-cong"]},
            {"body": "SYT", "date": "2025-03-01", "domains": ["bao-tro-xa-hoi"]},
            {"body": "SNV", "date": "2025-03-01"}]),
        so("SYT", "Sở Y tế", "SYT"),
        so("SNV", "Sở Nội vụ", "SNV"),
        {"code": "UBND_HUYEN_NGA_SON", "name": "Ủy ban nhân dân huyện Nga Sơn", "kind": "ubnd-huyen",
         "header_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN NGA SƠN"], "parent_lines": 0, "abbrev": "UBND",
         "head_title": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN", "valid_to": "2025-06-30"},
        {"code": "MTTQ", "name": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "kind": "mttq",
         "header_lines": ["ỦY BAN MTTQ VIỆT NAM", "TỈNH THANH HÓA"], "abbrev": "MTTQ", "head_title": "CHỦ TỊCH"},
    ]


def plan_data() -> dict[str, Any]:
    def task(code: str, section: str, lead: list[str], content: list[str], **extra: Any) -> dict[str, Any]:
        return {"code": code, "section": section, "lead": lead, "content": content, **extra}

    return {
        "code": "KH-TEST-2024", "number": 68, "issuer": "UBND_TINH", "date": "2024-03-08", "place": "Thanh Hóa",
        "title": "Thực hiện chính sách xã hội", "purposes": ["Mục đích."], "requirements": ["Yêu cầu."],
        "general_objective": "Mục tiêu chung.",
        "indicator_groups": [{"key": "a", "title": "Lao động"}, {"key": "b", "title": "Y tế"}],
        "indicators": [
            {"code": "A01", "group": "a", "name": "Tỷ lệ thất nghiệp khu vực thành thị", "unit": "%",
             "comparator": "<", "target": 2.5, "target_text": "dưới 2,5%", "supplier": "SLDTBXH",
             "domains": ["lao-dong"]},
            {"code": "A02", "group": "a", "name": "Số lao động được tạo việc làm", "unit": "người",
             "comparator": "≥", "target": 40000, "supplier": "SLDTBXH", "domains": ["lao-dong"]},
            {"code": "B01", "group": "b", "name": "Tỷ lệ dân số tham gia bảo hiểm y tế", "unit": "%",
             "comparator": ">", "target": 95, "target_text": "trên 95%", "supplier": "SYT"},
            {"code": "B02", "group": "b", "name": "Số giường bệnh trên 10.000 dân", "unit": "giường bệnh/10.000 dân",
             "comparator": "≥", "target": 32, "supplier": "SYT"},
            {"code": "B03", "group": "b", "name": "Phổ cập chăm sóc sức khỏe ban đầu", "unit": "",
             "qualitative_target": "hoàn thành", "supplier": "SYT"},
        ],
        "sections": [{"number": "III.1", "title": "Tuyên truyền"}, {"number": "III.2", "title": "Quản lý"},
                     {"number": "IV", "title": "Tổ chức thực hiện"}],
        "groups": [{"key": "so-nganh", "name": "Các sở, ngành", "kinds": ["so", "nganh"]},
                   {"key": "dia-phuong", "name": "UBND các huyện", "kinds": ["ubnd-huyen", "ubnd-xa"]}],
        "tasks": [
            task("III.1.1", "III.1", ["@so-nganh", "@dia-phuong"],
                 ["tổ chức tuyên truyền, quán triệt về chính sách xã hội."], numbered=False,
                 heading="Giám đốc các sở, Chủ tịch UBND các huyện"),
            task("III.2.1", "III.2", ["SYT"], ["Rà soát chính sách y tế.", "Nâng cao chất lượng khám chữa bệnh."],
                 partners=["SLDTBXH"], heading="Sở Y tế: Chủ trì, phối hợp với các sở, ngành"),
            task("III.2.2", "III.2", ["SLDTBXH"], ["Tạo việc làm bền vững.", "Phát triển thị trường lao động."],
                 domains=["lao-dong"]),
            task("III.2.3", "III.2", ["SYT"], ["=SUM(A1:A2) không phải công thức; chỉ là chữ."]),
            task("III.2.4", "III.2", ["SYT"], ["+84 là mã nước; @SYT là tên gọi."]),
            task("III.2.5", "III.2", ["MTTQ"], ["vận động Nhân dân."], mode="đề nghị"),
            task("IV.1", "IV", ["SLDTBXH"], ["Tổng hợp, báo cáo UBND tỉnh."], domains=["lao-dong"]),
        ],
        "reporting": {"deadline_day": 10, "deadline_month": 12, "focal": "SLDTBXH", "focal_domains": ["lao-dong"],
                      "recipient": "UBND_TINH", "first_year": 2024, "last_year": 2030,
                      "rule_text": "định kỳ trước ngày 10/12 hằng năm, báo cáo gửi Sở Lao động - Thương binh và Xã hội"},
        "recipients": ["Như trên"],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Đỗ Minh Tuấn"},
    }


def make_plan() -> Plan:
    return Plan.model_validate(plan_data())


def make_registry() -> Registry:
    return Registry([Agency.model_validate(a) for a in agencies_data()])


def syt_submission_data() -> dict[str, Any]:
    """A full 2024 submission of SYT (every kind of field), as a YAML file would hold it."""
    return {
        "agency": "SYT", "year": 2024,
        "report": {"number": 125, "date": "2024-12-05",
                   "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn An"},
                   "title": "Kết quả thực hiện Kế hoạch năm 2024"},
        "tasks": [
            {"task": "III.1.1", "status": "hoàn thành", "results": ["Tổ chức 12 hội nghị quán triệt."],
             "documents": [{"number": "125/KH-SYT", "date": "2024-03-15", "title": "Kế hoạch thực hiện năm 2024"}]},
            {"task": "III.2.1", "status": "đang thực hiện",
             "results": ["Rà soát 15 văn bản.", "-5% chi phí khám bệnh (giảm so với năm trước)", "=Đạt yêu cầu"],
             "documents": [{"number": "12/QĐ-SYT", "date": "2024-05-02", "title": "Quyết định; kèm phụ lục"},
                           {"number": "30/CV-SYT", "date": "2024-09-20", "title": "Hướng dẫn rà soát"}]},
            {"task": "III.2.3", "status": "chưa thực hiện", "results": [], "documents": []},
        ],
        "figures": [
            {"indicator": "B01", "value": 93.4, "estimate": True, "note": "Số ước đến 31/12"},
            {"indicator": "B02", "value": 31.2, "previous": 30.5},
            {"indicator": "B03", "achieved": True},
        ],
        "strengths": ["Hoàn thành kế hoạch khám sàng lọc."],
        "difficulties": ["Thiếu nhân lực y tế cơ sở.", "@Kinh phí hạn chế"],
        "causes": ["Chế độ đãi ngộ chưa hấp dẫn."],
        "proposals": ["+ Bổ sung biên chế cho tuyến xã."],
        "next_year": ["Tiếp tục nâng cao chất lượng khám chữa bệnh."],
    }


def write_project(root: Path, submissions: dict[str, dict[str, Any]] | None = None) -> Path:
    """A project folder with the tiny plan and registry (and YAML submissions `path → data`)."""
    inputs = root / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / "plan.yaml").write_text(yaml.safe_dump(plan_data(), allow_unicode=True, sort_keys=False), "utf-8")
    (inputs / "agencies.yaml").write_text(
        yaml.safe_dump({"agencies": agencies_data()}, allow_unicode=True, sort_keys=False), "utf-8")
    for rel, data in (submissions or {}).items():
        path = inputs / "submissions" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=None), "utf-8")
    return root


# --- filling a form by script ------------------------------------------------------------


def set_text(cell: Any, value: Any) -> None:
    """What a sender's cell holds: text stays text even when it starts with '='."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def fill_form(form: bytes, sub: Submission, plan: Plan) -> bytes:
    """Fill a generated form with a submission's values, as a sender's script would, and save."""
    wb = openpyxl.load_workbook(io.BytesIO(form))
    info = wb[L.SHEET_INFO]
    rows = L.info_rows()
    r = sub.report
    dates = {k: short_date(v) if v else None for k, v in (("date", r.date), ("received", r.received))}
    values = {"number": r.number, **dates, "report_title": r.title,
              "authority": r.signer.authority_text, "title": r.signer.title, "name": r.signer.name}
    for key, value in values.items():
        if value is not None:
            set_text(info[f"B{rows[key]}"], value)
    for key, _ in L.INFO_LISTS:
        _, first = L.list_rows()[key]
        for k, item in enumerate(getattr(sub, key)):
            assert k < L.LIST_ROWS, f"{key}: more items than the form has rows"
            set_text(info[f"B{first + k}"], item)
    ws = wb[L.SHEET_TASKS]
    row_of = {ws[f"B{r}"].value: r for r in range(L.FIRST_ROW, ws.max_row + 1)}
    tcols = L.task_columns(metric_columns(plan, [plan.task(code) for code in row_of if plan.task(code)]))
    for tr in sub.tasks:
        r = row_of[tr.task]
        set_text(ws[f"{L.letter(tcols, 'status')}{r}"], tr.status)
        for key, value in tr.metrics.items():
            ws[f"{L.letter(tcols, L.METRIC_PREFIX + key)}{r}"] = value
        if tr.results:
            set_text(ws[f"{L.letter(tcols, 'results')}{r}"], "\n".join(tr.results))
        if tr.documents:
            set_text(ws[f"{L.letter(tcols, 'documents')}{r}"],
                     "\n".join(f"{d.number}; {short_date(d.date)}; {d.title}" for d in tr.documents))
    ws = wb[L.SHEET_FIGURES]
    fcols = L.figure_columns(sub.year, plan.target_year)
    row_of = {ws[f"B{r}"].value: r for r in range(L.FIRST_ROW, ws.max_row + 1)}
    for fig in sub.figures:
        r = row_of[fig.indicator]
        col = {c.key: f"{c.letter(fcols)}{r}" for c in fcols}
        if fig.achieved is not None:
            set_text(ws[col["value"]], L.ACHIEVED if fig.achieved else L.NOT_ACHIEVED)
        elif fig.value is not None:
            ws[col["value"]] = fig.value
        if fig.previous is not None and ws[col["previous"]].protection.locked is False:
            ws[col["previous"]] = fig.previous
        set_text(ws[col["estimate"]], L.ESTIMATE if fig.estimate else L.FINAL)
        if fig.note:
            set_text(ws[col["note"]], fig.note)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def in_plan_order(sub: Submission, plan: Plan) -> dict[str, Any]:
    """A submission's data with tasks and figures in plan order and `sample` left out (forms do not carry it)."""
    tasks = {t.code: i for i, t in enumerate(plan.tasks)}
    inds = {i.code: n for n, i in enumerate(plan.indicators)}
    data = sub.model_dump(exclude={"sample"})
    data["tasks"].sort(key=lambda t: tasks.get(t["task"], 10**6))
    data["figures"].sort(key=lambda f: inds.get(f["indicator"], 10**6))
    return data


def test_fixture_is_valid():
    plan, registry = make_plan(), make_registry()
    sub = Submission.model_validate(syt_submission_data())
    assert plan.task("III.2.3").content[0].startswith("=")
    assert "SYT" in registry and sub.report.date == date(2024, 12, 5)
    assert sub.figures[0].value == Decimal("93.4")
