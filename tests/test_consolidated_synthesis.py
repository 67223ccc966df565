"""Section II of the consolidated report: one synthesised paragraph per task, checked against the data.

The totals, the split by level, the change against last year and the status counts are
computed here from the submissions themselves, not through `compute/`.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import docx
import fixtures_consolidation as fx
import pytest

from reportgen.compute import consolidate
from reportgen.documents.consolidated import consolidated_context, render_consolidated
from reportgen.model import Plan
from reportgen.model.secretariat import SecretariatInput
from reportgen.render import Renderer
from reportgen.vn import format_number

EXTRA = 12                      # communes besides the fixture's three
STATUSES = ("hoàn thành", "đang thực hiện", "chưa thực hiện")


def build(plan: Plan, registry, submissions, year, secretariat=None) -> docx.Document:
    result = consolidate(plan, registry, submissions, year, secretariat=secretariat)
    data = render_consolidated(Renderer(), consolidated_context(plan, registry, result, secretariat, charts=False))
    return docx.Document(io.BytesIO(data))


def paragraph(document, start: str) -> str:
    return next(p.text for p in document.paragraphs if p.text.startswith(start))


def body(document) -> str:
    text = "\n".join(p.text for p in document.paragraphs)
    return text.split("\nPhụ lục I\n")[0]


class Case:
    """2024: both districts and SYT report III.1.1 figures; 2025: SYT, CA and all but two communes do."""

    def __init__(self):
        self.plan = fx.plan_with_metrics()
        self.registry = fx.registry_with_communes(EXTRA)
        communes = [a.code for a in self.registry.agencies.values() if a.kind == "ubnd-xa"]
        self.silent = set(communes[-2:])
        self.figures = {2024: {}, 2025: {}}
        subs = {2024: [], 2025: []}
        for code, n in (("H_NGA_SON", 40), ("H_BA_THUOC", 35), ("SYT", 9)):
            self.figures[2024][code] = {"hoi-nghi": n, "luot-nguoi": n * 100}
            subs[2024].append(fx.submission(code, 2024, tasks=[
                {"task": "III.1.1", "status": "hoàn thành", "results": ["Tuyên truyền."],
                 "metrics": self.figures[2024][code]}]))
        self.statuses = {}
        for i, code in enumerate(["SYT", "CA", *communes]):
            if code in self.silent:
                continue
            status = STATUSES[i % 3]
            self.statuses[code] = status
            figures = {"hoi-nghi": 3 + i, "luot-nguoi": 250 + 10 * i}
            if code == "CA":
                figures = {"hoi-nghi": 60}                      # no attendance figure: counted as given
            self.figures[2025][code] = figures
            subs[2025].append(fx.submission(code, 2025, received="2025-12-05", tasks=[
                {"task": "III.1.1", "status": status, "results": [f"Tuyên truyền tại {code}."], "metrics": figures}]))
        self.submissions = subs
        self.document = build(self.plan, self.registry, subs, 2025)

    def total(self, year: int, key: str, kinds=None) -> Decimal:
        return sum((Decimal(f[key]) for code, f in self.figures[year].items() if key in f
                    and (kinds is None or self.registry[code].kind in kinds)), Decimal(0))


@pytest.fixture(scope="module")
def case() -> Case:
    return Case()


def test_totals_split_and_change_equal_the_submissions(case):
    text = paragraph(case.document, "a) Tuyên truyền:")
    for key, phrase in (("hoi-nghi", "tổ chức {} hội nghị tuyên truyền"), ("luot-nguoi", "thu hút {} lượt người tham dự")):
        total = case.total(2025, key)
        provincial = case.total(2025, key, ("so", "nganh"))
        communes = case.total(2025, key, ("ubnd-xa",))
        change = ((total - case.total(2024, key)) / case.total(2024, key) * 100).quantize(Decimal("0.1"))
        words = "tăng" if change > 0 else "giảm"
        expected = (f"{phrase.format(format_number(total))} (sở, ban, ngành {format_number(provincial)}; "
                    f"cấp xã {format_number(communes)}), {words} {format_number(abs(change), 1)}%")
        assert expected in text, (expected, text)
    assert "so với năm 2024" in text


def test_status_counts_and_the_missing_counted(case):
    text = paragraph(case.document, "a) Tuyên truyền:")
    leads = 2 + 3 + EXTRA
    m = re.search(r"Theo báo cáo của (\d+)/(\d+) đơn vị chủ trì \(([^;]+); (\d+) đơn vị chưa báo cáo\)", text)
    assert m, text
    assert (int(m[1]), int(m[2]), int(m[4])) == (len(case.statuses), leads, len(case.silent))
    counted = {s: int(n) for n, s in re.findall(r"(\d+) (hoàn thành|đang thực hiện|chưa thực hiện)", m[3])}
    expected = {s: list(case.statuses.values()).count(s) for s in STATUSES}
    assert counted == {s: n for s, n in expected.items() if n}
    assert "đúng hạn" in m[3] and "trong hạn" in m[3] and "quá hạn" not in m[3]   # an ongoing task


def test_the_largest_contributions_are_named_and_no_other_commune(case):
    text = paragraph(case.document, "a) Tuyên truyền:")
    ranked = sorted(((f["hoi-nghi"], code) for code, f in case.figures[2025].items()), reverse=True)[:3]
    names = [case.registry[code].display_name for _, code in ranked]
    assert f"Dẫn đầu về hội nghị tuyên truyền: {names[0]} ({ranked[0][0]} hội nghị), {names[1]} ({ranked[1][0]} " \
           f"hội nghị) và {names[2]} ({ranked[2][0]} hội nghị)." in text
    section_two = body(case.document).split("II. KẾT QUẢ THỰC HIỆN")[1].split("2. Kết quả thực hiện các chỉ tiêu")[0]
    for code in case.statuses:
        agency = case.registry[code]
        if agency.kind == "ubnd-xa":
            assert (agency.display_name in section_two) == (agency.display_name in names), agency.display_name


def test_missing_bodies_named_once_in_the_report_body(case):
    text = body(case.document)
    for code in case.silent:
        assert text.count(case.registry[code].display_name) == 1, code
    reporting = paragraph(case.document, "Về chế độ báo cáo:")
    assert all(case.registry[c].display_name in reporting for c in case.silent)


def test_every_body_and_figure_is_in_phu_luc_iii(case):
    [table] = [t for t in case.document.tables if t.rows[0].cells[-1].text == "Văn bản đã ban hành"]
    rows, group = {}, ""
    for r in table.rows:
        cells = [c.text for c in r.cells]
        if cells[0].isdigit() and group.startswith("III.1.1."):
            rows[cells[1]] = cells
        elif not cells[0].isdigit():
            group = cells[0]
    for code, figures in case.figures[2025].items():
        row = rows[case.registry[code].display_name]
        expected = "; ".join(f"{format_number(v)} {u}" for k, u in (("hoi-nghi", "hội nghị"), ("luot-nguoi", "lượt người"))
                             if (v := figures.get(k)) is not None)
        assert row[3] == expected, code
        assert row[4] == f"- Tuyên truyền tại {code}."
    for code in case.silent:
        assert rows[case.registry[code].display_name][2] == "Chưa báo cáo"


def test_the_secretariats_own_words_come_first():
    case_plan = fx.plan_with_metrics()
    sec = SecretariatInput.model_validate({"year": 2025, "tasks": [
        {"task": "III.1.1", "synthesis": "Công tác tuyên truyền được đẩy mạnh"}]})
    subs = {2025: [fx.submission("SYT", 2025, tasks=[{"task": "III.1.1", "status": "hoàn thành",
                                                      "metrics": {"hoi-nghi": 4}}])]}
    document = build(case_plan, fx.registry(), subs, 2025, sec)
    assert paragraph(document, "a) Tuyên truyền:").startswith("a) Tuyên truyền: Công tác tuyên truyền được đẩy mạnh. ")


def test_a_task_past_its_due_year_is_overdue():
    plan = fx.plan_with_metrics()
    subs = {2025: [fx.submission("SXD", 2025, tasks=[{"task": "III.3.2", "status": "đang thực hiện"}])]}
    document = build(plan, fx.registry(), subs, 2025)
    assert "Sở Xây dựng (chủ trì) báo cáo nhiệm vụ đang thực hiện, quá hạn." in body(document)
    done = {2025: [fx.submission("SXD", 2025, tasks=[{"task": "III.3.2", "status": "hoàn thành"}])]}
    assert "Sở Xây dựng (chủ trì) báo cáo nhiệm vụ hoàn thành đúng hạn." in body(build(plan, fx.registry(), done, 2025))
    late = {2026: [fx.submission("SXD", 2026, tasks=[{"task": "III.3.2", "status": "hoàn thành"}])]}
    assert "hoàn thành quá hạn" in body(build(plan, fx.registry(), late, 2026))


def test_a_plan_without_metrics_still_synthesises():
    subs = fx.submissions_2024()
    document = build(fx.plan(), fx.registry(), subs, 2024)
    text = body(document)
    assert "a) Phát triển thị trường lao động: Sở LĐ-TB&XH (chủ trì) báo cáo nhiệm vụ hoàn thành đúng hạn" in text
    assert "toàn tỉnh đã" not in text


@pytest.mark.parametrize("reports", [0, 1, 3])
def test_zero_one_or_few_reports(reports):
    plan = fx.plan_with_metrics()
    subs = fx.submissions_2024()[2024][:reports]
    for sub in subs[:1]:                                    # the lead's figures only
        for tr in sub.tasks:
            if tr.task == "III.2.1":
                tr.metrics = {"viec-lam": Decimal(1200), "kinh-phi": Decimal("12.5")}
    document = build(plan, fx.registry(), {2024: subs}, 2024)
    text = body(document)
    if reports == 0:
        assert "chưa có cơ quan, đơn vị nào gửi báo cáo kết quả thực hiện năm 2024" in text
        assert "a) " not in text.split("II. KẾT QUẢ THỰC HIỆN")[1].split("2. Kết quả thực hiện các chỉ tiêu")[0]
        assert "Năm 2024 chưa có số liệu của chỉ tiêu nào (Phụ lục I)." in text
    else:
        assert "Phát triển thị trường lao động: Sở LĐ-TB&XH (chủ trì) báo cáo nhiệm vụ hoàn thành đúng hạn" in text
        assert "; kết quả trong năm: lao động có việc làm: 1.200 người; kinh phí: 12,5 triệu đồng." in text
    assert not re.search(r"(?<![\d.,/])0 (chỉ tiêu|cơ quan|đơn vị)", text), text
