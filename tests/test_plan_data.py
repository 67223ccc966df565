"""The bundled Plan 68 data (inputs/plan.yaml) against the model and against the seed text.

The seed is the plan's full text, kept in the repository (`sources/`, see its README). Text in
the YAML must be the plan's own words: both sides are compared after
`reportgen.vn.normalize_text` (NFC, tone placement) with whitespace collapsed, because the
seed is hard-wrapped at ~80 columns and mixes `hoá` / `hóa`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen.model import Plan
from reportgen.vn.text import normalize_text

REPO = Path(__file__).resolve().parents[1]
PLAN_YAML = REPO / "reportgen" / "bundled" / "inputs" / "plan.yaml"
SEED = REPO / "sources" / "KH-68-UBND-2024-ThanhHoa.txt"
SEED_SHA256 = "6c528f3c6bd963d77fd587a128f23c2e43fc04dcca12ff53cba335e8d3365488"   # as recorded in sources/README.md

# Registry codes the plan may name (inputs/agencies.yaml uses exactly these).
AGENCY_CODES = {
    "UBND_TINH", "HDND_TINH", "MTTQ_TINH", "BHXH", "CA_TINH", "BCHQS_TINH", "SNV", "SLDTBXH",
    "SYT", "SGDDT", "STC", "STTTT", "SVHTTDL", "SXD", "SNNPTNT", "STNMT", "SKHDT", "SKHCN",
    "SNNMT", "LDLD_TINH", "HLHPN_TINH", "TINH_DOAN", "HND_TINH", "HCCB_TINH",
}
DOMAINS = {
    "lao-dong", "nguoi-co-cong", "bao-tro-xa-hoi", "giao-duc-nghe-nghiep", "giam-ngheo", "bao-hiem-xa-hoi",
    "cai-nghien", "bao-chi", "chuyen-doi-so", "nong-nghiep", "moi-truong", "dau-tu", "xay-dung",
}
# Bodies the 2025 reorganisation split or merged away: their tasks need domains to be routed.
REORGANISED = {"SLDTBXH", "STTTT", "SKHDT", "SNNPTNT", "STNMT"}
# The plan's names of the bodies it lists as partners (phối hợp).
PARTNER_NAMES = {"BHXH": "Bảo hiểm xã hội tỉnh"}

INDICATORS_PER_GROUP = {"a": 11, "b": 22, "c": 8, "d": 6}
TASKS_PER_SECTION = {"III.1": 3, "III.2": 6, "III.3": 4, "III.4": 6, "III.5": 2, "III.6": 7,
                     "III.7": 1, "III.8": 4, "III.9": 2, "IV": 2}
# Indicator names that are not a stretch of the plan's text (after "Tỷ lệ " / "Số "),
# because the plan states several targets in one phrase; each is built from its words.
BUILT_NAMES = {
    "A05",                                  # "... lao động qua đào tạo ..., trong đó, có bằng cấp, chứng chỉ"
    "B03", "B04",                           # "tỷ lệ đi học đúng độ tuổi cấp tiểu học ..., cấp trung học ..."
    "B10", "B11", "B12", "B13",             # "39 giường bệnh (...), 15 bác sĩ, ... trên 10.000 dân"
    "B19",                                  # "... thể nhẹ cân dưới 10%, thể thấp còi"
    "B20", "B21",                           # "các dịch bệnh AIDS, lao"
    "C04",                                  # "100% hộ gia đình ở thành thị và 75% ... được sử dụng nước sạch"
    "D01",                                  # "75% người dân ở ..., 80% các xã ... được hưởng thụ ..."
    "D05",                                  # "phủ sóng di động băng rộng, phủ băng rộng cố định"
}


def _norm(text: str) -> str:
    return normalize_text(text, collapse_spaces=True)


def _letters(text: str) -> str:
    """Only letters and digits, case-folded: compares wording whatever the punctuation and bullets."""
    return "".join(ch for ch in _norm(text).casefold() if ch.isalnum())


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan(data: dict) -> Plan:
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def seed() -> str:
    """The seed, unwrapped and normalised (it is part of the repository: missing is a failure)."""
    assert SEED.is_file(), f"seed text not found at {SEED}"
    return _norm(SEED.read_text(encoding="utf-8"))


def _between(seed: str, start: str, end: str) -> str:
    i = seed.index(start)
    return seed[i:seed.index(end, i)]


def test_seed_is_the_recorded_source_text() -> None:
    """The seed is kept byte for byte as received; its README records the hash."""
    import hashlib

    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == SEED_SHA256
    assert SEED_SHA256 in (REPO / "sources" / "README.md").read_text(encoding="utf-8")


# --- shape -----------------------------------------------------------------------------


def test_header_fields(plan: Plan) -> None:
    assert (plan.code, plan.number, plan.doc_type, plan.issuer) == ("KH-68-2024", 68, "Kế hoạch", "UBND_TINH")
    assert plan.date.isoformat() == "2024-03-08"
    assert plan.place == "Thanh Hóa"
    assert (plan.target_year, plan.vision_year) == (2030, 2045)
    assert plan.title.startswith("Thực hiện Nghị quyết số 42-NQ/TW")
    assert "56-CTr/TU" in plan.title and "CTR" not in plan.title
    assert (plan.signer.authority, plan.signer.title, plan.signer.name) == (["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Minh Tuấn")
    assert plan.archive == "VXBTXH33"


def test_yaml_text_is_already_normalised(data: dict) -> None:
    """The file itself is NFC with new tone placement, so what people read is what loads."""
    raw = PLAN_YAML.read_text(encoding="utf-8")
    assert normalize_text(raw) == raw
    assert not re.search(r"\bho[áà]\b", raw)


def test_reporting_rule(plan: Plan) -> None:
    r = plan.reporting
    assert (r.deadline_day, r.deadline_month, r.focal, r.recipient) == (10, 12, "SLDTBXH", "UBND_TINH")
    assert r.focal_domains == ["lao-dong"]
    assert (r.first_year, r.last_year) == (2024, 2030)
    assert r.deadline(2025).isoformat() == "2025-12-10"
    assert r.rule_text.startswith("định kỳ trước ngày 10/12 hằng năm")
    assert r.rule_text in plan.task("IV.1").content[0]


def test_indicator_counts_and_codes(plan: Plan) -> None:
    assert len(plan.indicators) == 47
    for group, count in INDICATORS_PER_GROUP.items():
        codes = [i.code for i in plan.indicators if i.group == group]
        assert codes == [f"{group.upper()}{n:02d}" for n in range(1, count + 1)]
    assert [g.key for g in plan.indicator_groups] == ["a", "b", "c", "d"]


def test_indicator_spot_values(plan: Plan) -> None:
    def check(code: str, comparator: str, target: str, unit: str) -> None:
        ind = plan.indicator(code)
        assert (ind.comparator, ind.target, ind.unit) == (comparator, Decimal(target), unit), code

    check("C01", "≥", "13787", "căn")
    assert plan.indicator("C01").target_text == "ít nhất 13.787 căn hộ"
    check("B02", "≥", "99.5", "%")
    assert "tiểu học" in plan.indicator("B02").name
    check("B07", "<", "109", "bé trai/100 bé gái")
    check("B10", "≥", "39", "giường bệnh/10.000 dân")
    check("B11", "≥", "15", "bác sĩ/10.000 dân")
    check("B12", "≥", "4", "dược sĩ/10.000 dân")
    assert plan.indicator("B12").target_text == "04 dược sĩ"
    check("B13", "≥", "33", "điều dưỡng viên/10.000 dân")
    check("A02", "<", "3", "%")
    check("A03", "<", "2.5", "%")
    check("A04", "≥", "80", "%")
    check("C03", "≈", "33", "m² sàn/người")
    check("B08", "≈", "75", "tuổi")
    assert plan.indicator("B08").tolerance == Decimal("0.5")


def test_qualitative_indicators(plan: Plan) -> None:
    qual = {i.code: i.qualitative_target for i in plan.indicators if i.is_qualitative}
    assert qual == {
        "A10": "bảo đảm", "A11": "bảo đảm", "B01": "hoàn thành phổ cập", "B05": "duy trì đạt chuẩn",
        "B06": "bảo đảm vững chắc", "B20": "cơ bản chấm dứt", "B21": "cơ bản chấm dứt",
        "B22": "loại trừ", "C02": "xóa bỏ hoàn toàn",
    }
    for i in plan.indicators:
        if i.is_qualitative:
            assert i.unit == "" and i.comparator is None, i.code


def test_indicator_routing_data(plan: Plan) -> None:
    for i in plan.indicators:
        assert i.supplier in AGENCY_CODES, i.code
        assert set(i.domains) <= DOMAINS, i.code
        assert i.baseline is None, i.code         # the plan gives none
        if i.supplier in REORGANISED:
            assert i.domains, f"{i.code}: supplier {i.supplier} was reorganised in 2025"


def test_task_counts_and_codes(plan: Plan) -> None:
    assert [s.number for s in plan.sections] == list(TASKS_PER_SECTION)
    for section, count in TASKS_PER_SECTION.items():
        assert len([t for t in plan.tasks if t.section == section]) == count, section
    assert len(plan.tasks) == 37
    for t in plan.tasks:
        assert t.code == t.section or t.code.startswith(t.section + "."), t.code
    assert [t.code for t in plan.tasks if not t.numbered] == ["III.1.1", "III.1.2", "III.1.3", "III.7"]


def test_task_spot_values(plan: Plan) -> None:
    t = plan.task("III.4.5")
    assert t.lead == ["SLDTBXH"] and len(t.content) == 5
    assert t.domains == ["lao-dong", "giao-duc-nghe-nghiep"]
    assert plan.task("III.6.2").lead == ["SYT"]
    t = plan.task("III.9.1")
    assert (t.lead, t.mode) == (["HDND_TINH"], "đề nghị")
    assert plan.task("III.5.1").partners == ["BHXH"] and plan.task("III.5.2").partners == ["BHXH"]
    assert plan.task("III.5.1").domains == ["bao-hiem-xa-hoi", "bao-tro-xa-hoi", "giam-ngheo"]
    # III.5.1's bullets go to three successors: BHXH (3), social assistance (2), poverty reduction (1)
    assert plan.task("III.5.1").bullet_domains == [["bao-hiem-xa-hoi"]] * 3 + [["bao-tro-xa-hoi"]] * 2 + [["giam-ngheo"]]
    assert plan.task("III.4.5").bullet_domains == [["giao-duc-nghe-nghiep"]] * 2 + [["lao-dong"]] * 3
    assert plan.task("III.7").domains == ["bao-tro-xa-hoi"]
    assert plan.task("III.6.4").domains == ["bao-chi", "chuyen-doi-so"]
    assert plan.task("III.1.2").lead == ["STTTT"] and plan.task("III.1.2").domains == ["bao-chi"]


def test_task_references(plan: Plan) -> None:
    groups = {g.key for g in plan.groups}
    assert groups == {"so-nganh", "dia-phuong", "mttq-doan-the"}
    for t in plan.tasks:
        for ref in t.lead + t.partners:
            if ref.startswith("@"):
                assert ref[1:] in groups, (t.code, ref)
            else:
                assert ref in AGENCY_CODES, (t.code, ref)
        assert set(t.domains) <= DOMAINS, t.code
        if set(t.lead) & REORGANISED:
            assert t.domains, f"{t.code}: lead reorganised in 2025 needs domains"
        # the plan states no deadline or product for its tasks: none is invented
        assert t.deadline is None and t.product is None, t.code
        if t.mode == "giao":
            assert t.addressee and t.addressee in " ".join(t.addressee_source.split()), t.code


def test_every_task_with_a_quantity_has_its_metrics(plan: Plan) -> None:
    """Tasks III.*: their results are counted (metrics); part IV (plans, reports) is not."""
    keys = [m.key for m in plan.metrics]
    assert len(keys) == len(set(keys))
    for t in plan.tasks:
        metrics = plan.task_metrics(t)
        assert bool(metrics) == t.code.startswith("III."), t.code
        assert t.title and len(t.title) <= 80, t.code
    used = {m.key for t in plan.tasks for m in plan.task_metrics(t)}
    assert used == set(keys)                              # no metric declared for nothing


def test_request_mode_matches_the_words(plan: Plan) -> None:
    """`đề nghị` exactly where the plan writes "Đề nghị", and only to bodies it cannot order."""
    for t in plan.tasks:
        asks = (t.heading or t.content[0]).startswith("Đề nghị")
        assert (t.mode == "đề nghị") == asks, t.code
        if asks:
            assert set(t.lead) <= {"HDND_TINH", "MTTQ_TINH", "@mttq-doan-the"}, t.code


def test_partners_are_named_by_the_plan(plan: Plan) -> None:
    for t in plan.tasks:
        text = " ".join(filter(None, [t.heading, *t.content]))
        for p in t.partners:
            assert f"phối hợp với {PARTNER_NAMES[p]}" in text, (t.code, p)


# --- verbatim against the seed ---------------------------------------------------------


def test_task_text_is_verbatim(plan: Plan, seed: str) -> None:
    """Every heading and bullet is the plan's text, and they follow each other as in the plan."""
    for t in plan.tasks:
        parts = [_norm(p) for p in [t.heading, *t.content] if p]
        for p in parts:
            assert p in seed, f"{t.code}: not in the seed: {p[:80]}"
        for a, b in zip(parts, parts[1:], strict=False):
            assert f"{a} - {b}" in seed or f"{a} {b}" in seed, f"{t.code}: parts not adjacent: {a[-40:]} | {b[:40]}"


def test_parts_three_and_four_are_complete(plan: Plan, seed: str) -> None:
    """Rebuilt from the data (section titles, numbers, headings, bullets), parts III–IV
    give back every word of the seed from "III. NHIỆM VỤ" to "Nơi nhận", in order."""
    rebuilt = ["III. Nhiệm vụ và giải pháp chủ yếu"]
    for section in plan.sections:
        number = section.number.removeprefix("III.")
        rebuilt.append(f"{number}. {section.title}")
        for t in plan.tasks:
            if t.section != section.number:
                continue
            if t.numbered:
                rebuilt.append(t.code.removeprefix("III.").removeprefix("IV.") + ".")
            rebuilt.extend(p for p in [t.heading, *t.content] if p)
    expected = _between(seed, "III. NHIỆM VỤ", "Nơi nhận:")
    assert _letters(" ".join(rebuilt)) == _letters(expected)


def test_parts_one_and_two_text_is_verbatim(plan: Plan, seed: str) -> None:
    part_one = _between(seed, "I. MỤC ĐÍCH", "II. MỤC TIÊU")
    rebuilt = ["I. Mục đích, yêu cầu", "1. Mục đích", *plan.purposes, "2. Yêu cầu", *plan.requirements]
    assert _letters(" ".join(rebuilt)) == _letters(part_one)
    for text in [plan.preamble, plan.general_objective, plan.vision, *plan.legal_bases]:
        assert _norm(text) in seed
    assert seed.index(_norm(plan.general_objective)) < seed.index("2. Mục tiêu cụ thể")
    assert seed.index("2.2. Tầm nhìn đến năm 2045 " + _norm(plan.vision)) > 0
    assert "về về" in plan.requirements[0]           # the seed's doubled word, kept


def test_title_is_the_seeds_trich_yeu(plan: Plan, seed: str) -> None:
    printed = _between(seed, "KẾ HOẠCH THỰC HIỆN", " Thực hiện Nghị quyết số").removeprefix("KẾ HOẠCH ")
    assert _norm(plan.title).casefold() == printed.casefold()


def test_indicator_groups_and_sections_titles_are_verbatim(plan: Plan, seed: str) -> None:
    for g in plan.indicator_groups:
        assert f"{g.key}) {g.title} - " in seed, g.key
    for s in plan.sections[:-1]:
        assert f"{s.number.removeprefix('III.')}. {s.title} " in seed, s.number
    assert "IV. TỔ CHỨC THỰC HIỆN" in seed and plan.sections[-1].title == "Tổ chức thực hiện"


def test_indicator_words_are_the_plans(plan: Plan, seed: str) -> None:
    targets = _between(seed, "2.1. Đến năm 2030", "2.2. Tầm nhìn")
    folded = targets.casefold()
    for i in plan.indicators:
        if i.target_text is not None:
            assert _norm(i.target_text) in targets, i.code
        if i.code in BUILT_NAMES:
            continue
        core = re.sub(r"^(Tỷ lệ|Số) ", "", _norm(i.name)).casefold()
        assert core in folded, f"{i.code}: name not in the plan's targets: {i.name}"


def test_every_figure_of_the_targets_is_an_indicator(plan: Plan, seed: str) -> None:
    """Each number written in II.2.1 is some indicator's target (none forgotten)."""
    targets = _between(seed, "2.1. Đến năm 2030", "2.2. Tầm nhìn").removeprefix("2.1. Đến năm 2030")
    figures = {Decimal(m.replace(".", "").replace(",", "."))
               for m in re.findall(r"\d+(?:[.,]\d+)*", targets)}
    # not targets: the year, "trên 10.000 dân", "trên 100 dân", "dưới 36 tháng tuổi",
    # "từ 3 - 5 tuổi", "dưới 5 tuổi", "mức độ 2", "m2"
    figures -= {Decimal(2030), Decimal(10000), Decimal(100), Decimal(36), Decimal(3), Decimal(5), Decimal(2)}
    have = {i.target for i in plan.indicators if i.target is not None}
    assert figures <= have, sorted(figures - have)


def test_recipients_are_the_noi_nhan_lines(plan: Plan, seed: str) -> None:
    noi_nhan = _between(seed, "Nơi nhận:", "Lưu:")
    rebuilt = "Nơi nhận: " + " ".join(f"- {r};" for r in plan.recipients) + " - "
    assert rebuilt == noi_nhan
    assert f"Lưu: VT, {plan.archive}" in seed
    assert plan.signer.name in seed
