"""A small plan, registry and submissions for the consolidation tests (not a test module).

Covers every comparator, a qualitative target, a baseline, a body split in 2025 and
district bodies replaced by communes, so each rule of the consolidated report has a case;
`registry_with_communes` adds communes for the rules about many local bodies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportgen.model import Plan, Registry, Submission
from reportgen.model.agencies import Agency
from reportgen.model.secretariat import SecretariatInput


def _agency(code: str, name: str, kind: str, abbrev: str, **extra: Any) -> Agency:
    lines = ["UBND TỈNH THANH HÓA", name.upper()] if kind != "ubnd-tinh" else ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"]
    return Agency.model_validate({
        "code": code, "name": name, "kind": kind, "abbrev": abbrev, "header_lines": lines,
        "parent_lines": 1 if kind != "ubnd-tinh" else 0,
        "head_title": "CHỦ TỊCH" if kind.startswith("ubnd") else "GIÁM ĐỐC",
        **({"authority": "TM. ỦY BAN NHÂN DÂN"} if kind.startswith("ubnd") else {}), **extra,
    })


def registry() -> Registry:
    return Registry([
        _agency("UBND_TINH", "Ủy ban nhân dân tỉnh Thanh Hóa", "ubnd-tinh", "UBND", short_name="UBND tỉnh"),
        _agency("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "so", "SLĐTBXH",
                short_name="Sở LĐ-TB&XH", valid_to="2025-02-28",
                successors=[{"body": "SNV", "date": "2025-03-01", "domains": ["lao-dong"]},
                            {"body": "SYT", "date": "2025-03-01", "domains": ["bao-tro-xa-hoi"]}]),
        _agency("SYT", "Sở Y tế", "so", "SYT"),
        _agency("SNV", "Sở Nội vụ", "so", "SNV"),
        _agency("SXD", "Sở Xây dựng", "so", "SXD"),
        _agency("CA", "Công an tỉnh", "nganh", "CAT"),
        _agency("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mttq", "MTTQ"),
        _agency("H_NGA_SON", "Ủy ban nhân dân huyện Nga Sơn", "ubnd-huyen", "UBND",
                short_name="UBND huyện Nga Sơn", valid_to="2025-06-30"),
        _agency("H_BA_THUOC", "Ủy ban nhân dân huyện Bá Thước", "ubnd-huyen", "UBND",
                short_name="UBND huyện Bá Thước", valid_to="2025-06-30"),
        _agency("X_NGA_SON", "Ủy ban nhân dân xã Nga Sơn", "ubnd-xa", "UBND",
                short_name="UBND xã Nga Sơn", valid_from="2025-07-01"),
        _agency("X_DONG_TIEN", "Ủy ban nhân dân xã Đông Tiến", "ubnd-xa", "UBND",
                short_name="UBND xã Đông Tiến", valid_from="2025-07-01"),
        _agency("X_AN_NONG", "Ủy ban nhân dân xã An Nông", "ubnd-xa", "UBND",
                short_name="UBND xã An Nông", valid_from="2025-07-01"),
    ])


# Extra communes for the "many local bodies" cases (names with Vietnamese letters, not in A–Z order).
EXTRA_COMMUNES = ["Yên Định", "Bá Thước", "Ái Thượng", "Định Hòa", "Cẩm Tân", "Hoằng Hóa", "Đa Lộc", "Kim Tân",
                  "Lam Sơn", "Mường Lát", "Ngọc Lặc", "Quảng Phú", "Ấm Sơn", "Thọ Xuân", "Vĩnh Lộc", "Ứng Hòa"]


def registry_with_communes(extra: int) -> Registry:
    """`registry()` plus the first `extra` of EXTRA_COMMUNES (kind `ubnd-xa`, from 1/7/2025), codes `X_EXTRA_NN`."""
    base = list(registry().agencies.values())
    for i, name in enumerate(EXTRA_COMMUNES[:extra], start=1):
        base.append(_agency(f"X_EXTRA_{i:02d}", f"Ủy ban nhân dân xã {name}", "ubnd-xa", "UBND",
                            short_name=f"UBND xã {name}", valid_from="2025-07-01"))
    return Registry(base)


def _ind(code: str, group: str, name: str, unit: str, comparator: str | None = None, target: Any = None,
         **extra: Any) -> dict:
    d = {"code": code, "group": group, "name": name, "unit": unit, **extra}
    if comparator is not None:
        d.update(comparator=comparator, target=target)
    return d


def plan_data() -> dict:
    return {
        "code": "KH-TEST-2024", "number": 68, "issuer": "UBND_TINH", "date": "2024-03-08",
        "place": "Thanh Hóa", "title": "Thực hiện chính sách xã hội",
        "purposes": ["Mục đích."], "requirements": ["Yêu cầu."], "general_objective": "Mục tiêu chung.",
        "target_year": 2030,
        "indicator_groups": [{"key": "a", "title": "Về lao động và xã hội"},
                             {"key": "b", "title": "Về y tế"}],
        "indicators": [
            _ind("A01", "a", "Tỷ lệ thất nghiệp", "%", "<", 3, target_text="dưới 3%",
                 supplier="SLDTBXH", domains=["lao-dong"]),
            _ind("A02", "a", "Tỷ lệ hộ nghèo", "%", "≤", 10, supplier="SLDTBXH", domains=["bao-tro-xa-hoi"],
                 baseline={"year": 2023, "value": 14, "source": "Báo cáo 2023 của tỉnh"}),
            _ind("A03", "a", "Tỷ lệ lao động qua đào tạo", "%", "≥", 80, supplier="SLDTBXH", domains=["lao-dong"]),
            _ind("A04", "a", "Tỷ lệ tham gia BHTN", "%", ">", 45, supplier="SLDTBXH", domains=["lao-dong"]),
            _ind("A05", "a", "Tỷ lệ người có công được chăm lo", "%", "=", 100, supplier="SLDTBXH",
                 domains=["lao-dong"]),
            _ind("B01", "b", "Tuổi thọ trung bình", "tuổi", "≈", 75, tolerance="0.5", supplier="SYT"),
            _ind("B02", "b", "Diện tích nhà ở bình quân", "m²", "≈", 33, supplier="SXD"),
            _ind("B03", "b", "Số căn nhà ở xã hội", "căn", "≥", 13787, supplier="SXD"),
            _ind("B04", "b", "Phổ cập giáo dục mầm non", "", qualitative_target="hoàn thành phổ cập",
                 supplier="SYT"),
        ],
        "sections": [{"number": "III.1", "title": "Tuyên truyền"}, {"number": "III.2", "title": "Việc làm"},
                     {"number": "III.3", "title": "Y tế"}],
        "groups": [{"key": "so-nganh", "name": "Các sở, ngành", "kinds": ["so", "nganh"]},
                   {"key": "dia-phuong", "name": "UBND các huyện", "kinds": ["ubnd-huyen", "ubnd-xa"]},
                   {"key": "mttq", "name": "Mặt trận", "kinds": ["mttq"]}],
        "tasks": [
            {"code": "III.1.1", "section": "III.1", "lead": ["@dia-phuong"], "content": ["Tuyên truyền."],
             "heading": "UBND các huyện:"},
            {"code": "III.1.2", "section": "III.1", "lead": ["@mttq"], "mode": "đề nghị",
             "content": ["Vận động Nhân dân."]},
            {"code": "III.2.1", "section": "III.2", "lead": ["SLDTBXH"], "partners": ["SYT", "CA"],
             "domains": ["lao-dong"], "content": ["Phát triển thị trường lao động."]},
            {"code": "III.2.2", "section": "III.2", "lead": ["SLDTBXH"], "domains": ["bao-tro-xa-hoi"],
             "content": ["Trợ giúp xã hội."]},
            {"code": "III.3.1", "section": "III.3", "lead": ["SYT"], "partners": ["SLDTBXH"],
             "domains": ["bao-tro-xa-hoi"], "content": ["Nâng cao sức khỏe."]},
            {"code": "III.3.2", "section": "III.3", "lead": ["SXD"], "content": ["Nhà ở xã hội."]},
        ],
        "reporting": {"deadline_day": 10, "deadline_month": 12, "focal": "SLDTBXH",
                      "focal_domains": ["lao-dong"], "recipient": "UBND_TINH", "first_year": 2024,
                      "last_year": 2030, "rule_text": "trước ngày 10/12 hằng năm"},
        "recipients": ["Thường trực Tỉnh ủy"],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
    }


def plan(**changes: Any) -> Plan:
    data = plan_data()
    data.update(changes)
    return Plan.model_validate(data)


def submission(agency: str, year: int, *, received: date | str | None = None, figures: list[dict] | None = None,
               tasks: list[dict] | None = None, **extra: Any) -> Submission:
    local = agency.startswith(("H_", "X_"))     # a district or commune signs for its People's Committee
    signer = ({"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Lê Văn B"} if local
              else {"title": "GIÁM ĐỐC", "name": "Lê Văn B"})
    return Submission.model_validate({
        "agency": agency, "year": year,
        "report": {"number": 5, "date": f"{year}-12-01", "signer": signer,
                   **({"received": received} if received else {})},
        "figures": figures or [], "tasks": tasks or [], **extra,
    })


def submissions_2024() -> dict[int, list[Submission]]:
    """A 2024 year: the focal body reports most figures, one district is late, one body is missing."""
    return {2024: [
        submission("SLDTBXH", 2024, received="2024-12-08", figures=[
            {"indicator": "A01", "value": "2,9", "previous": "3,2", "estimate": True},
            {"indicator": "A02", "value": 12, "previous": 13},
            {"indicator": "A03", "value": 70, "previous": 65},
            {"indicator": "A04", "value": 45},
            {"indicator": "A05", "value": 100},
        ], tasks=[
            {"task": "III.2.1", "status": "hoàn thành", "results": ["Giải quyết việc làm cho 60.000 lao động."],
             "documents": [{"number": "12/KH-SLĐTBXH", "date": "2024-04-02", "title": "Kế hoạch thực hiện"}]},
            {"task": "III.2.2", "status": "đang thực hiện", "results": ["Trợ cấp cho 1.200 hộ."]},
            {"task": "III.3.1", "status": "hoàn thành", "results": ["Phối hợp khám sức khỏe."]},
        ], strengths=["Công tác chỉ đạo kịp thời."], difficulties=["Nguồn lực còn hạn chế."],
            proposals=["Bố trí thêm kinh phí."]),
        submission("SYT", 2024, received="2024-12-10", figures=[
            {"indicator": "B01", "value": "74,5", "previous": "74,3"},
            {"indicator": "B04", "achieved": True},
            {"indicator": "A01", "value": "3,1"},
        ], tasks=[
            {"task": "III.3.1", "status": "đang thực hiện", "results": ["Khám sàng lọc cho 5.000 người."]},
            {"task": "III.2.1", "status": "hoàn thành", "results": ["Tư vấn việc làm tại bệnh viện."]},
        ], strengths=["Công tác chỉ đạo kịp thời"], difficulties=["Thiếu nhân lực y tế."]),
        submission("H_NGA_SON", 2024, received="2024-12-13", tasks=[
            {"task": "III.1.1", "status": "hoàn thành", "results": ["Tổ chức 20 hội nghị."]},
        ]),
        submission("CA", 2024, received="2024-12-01"),
    ]}
    # SXD (supplier of B02, B03; lead of III.3.2) and H_BA_THUOC did not report.


def secretariat_2024(**changes: Any) -> SecretariatInput:
    data = {"year": 2024, "number": 15, "date": "2024-12-20",
            "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Trần Thị C"},
            "leadership": "Sở đã tham mưu UBND tỉnh ban hành các văn bản chỉ đạo.",
            "sections": [{"section": "III.2", "synthesis": "Thị trường lao động phục hồi.",
                          "highlights": ["60.000 lao động có việc làm."], "quote_indicators": ["A01"]}],
            "overrides": [{"indicator": "A04", "assessment": "chưa đạt",
                           "reason": "số liệu BHXH tỉnh chưa chốt"}],
            "strengths": ["Các ngành phối hợp chặt chẽ."]}
    data.update(changes)
    return SecretariatInput.model_validate(data)


def write_project(root, submissions: dict[int, list[Submission]] | None = None,
                  secretariat: SecretariatInput | None = None, templates: bool = False) -> None:
    """Write the small plan, registry and `submissions` as a project folder under `root`."""
    import json
    import shutil
    from pathlib import Path

    root = Path(root)
    inputs = root / "inputs"
    (inputs / "submissions").mkdir(parents=True, exist_ok=True)
    (root / "outputs").mkdir(exist_ok=True)
    (inputs / "plan.yaml").write_text(json.dumps(plan_data(), ensure_ascii=False, indent=1), encoding="utf-8")
    agencies = [a.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
                for a in registry().agencies.values()]
    (inputs / "agencies.yaml").write_text(json.dumps({"agencies": agencies}, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    for year, subs in (submissions or {}).items():
        folder = inputs / "submissions" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for sub in subs:
            data = sub.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            (folder / f"{sub.agency}.yaml").write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
    if secretariat is not None:
        (inputs / "secretariat").mkdir(exist_ok=True)
        data = secretariat.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        (inputs / "secretariat" / f"{secretariat.year}.yaml").write_text(
            json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if templates:
        bundled = Path(__file__).resolve().parents[1] / "reportgen" / "bundled" / "templates"
        shutil.copytree(bundled, root / "templates", dirs_exist_ok=True)


# --- task metrics -------------------------------------------------------------------------

METRICS = [
    {"key": "hoi-nghi", "name": "hội nghị tuyên truyền", "unit": "hội nghị",
     "phrase": "tổ chức {n} hội nghị tuyên truyền"},
    {"key": "luot-nguoi", "name": "lượt người tham dự", "unit": "lượt người", "phrase": "thu hút {n} lượt người tham dự"},
    {"key": "viec-lam", "name": "lao động có việc làm", "unit": "người"},
    {"key": "kinh-phi", "name": "kinh phí", "unit": "triệu đồng", "decimals": 1},
]


def plan_with_metrics_data() -> dict:
    """The small plan with metrics: III.1.1 (led by the local bodies and two provincial ones) counts
    conferences and attendance; III.2.1 jobs and money; III.3.2 is due in 2025."""
    data = plan_data()
    data["metrics"] = METRICS
    for task in data["tasks"]:
        if task["code"] == "III.1.1":
            task.update(lead=["@dia-phuong", "SYT", "CA"], metrics=["hoi-nghi", "luot-nguoi"], title="Tuyên truyền")
        if task["code"] == "III.2.1":
            task.update(metrics=["viec-lam", "kinh-phi"])
        if task["code"] == "III.3.2":
            task.update(deadline="Năm 2025")
    return data


def plan_with_metrics() -> Plan:
    return Plan.model_validate(plan_with_metrics_data())
