"""The 2025 reorganisation in every sentence of a year's documents, read back from the built .docx.

Expected values come from the YAML inputs read here (agencies.yaml dates and successor
domains, plan.yaml leads and bullet domains), not from reportgen's routing: the ended
bodies never act in a 2025 document (only the transfer notes and quotations of the plan
name them), every inherited task says where it came from, a split task gives each
successor its own bullets, the focal body's own deadline is distinct, and the appendix
invents nothing.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from render_helpers import BUNDLED, all_paragraphs, built_project, document

from reportgen.task_text import BLANK

INPUTS = BUNDLED / "inputs"
DAY_2025 = date(2025, 12, 10)      # the plan's reporting deadline of 2025 (plan.yaml reporting)


@functools.cache
def _yaml(name: str) -> dict:
    return yaml.safe_load((INPUTS / name).read_text(encoding="utf-8"))


@functools.cache
def _agencies() -> dict[str, dict]:
    return {a["code"]: a for a in _yaml("agencies.yaml")["agencies"]}


def _ended(day: date) -> dict[str, dict]:
    return {c: a for c, a in _agencies().items() if a.get("valid_to") and a["valid_to"] < day}


def _names(agency: dict) -> set[str]:
    return {agency["name"], agency.get("short_name") or agency["name"]}


@functools.cache
def _doc(year: int, rel: str):
    return document(built_project(year) / "outputs" / str(year) / rel)


def _texts(doc) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def _own_text(text: str) -> str:
    """The document's own words: transfer notes `(Kế hoạch giao …)` and quotations `“…”` removed."""
    text = re.sub(r"\([^()]*Kế hoạch giao [^()]*\)", "", text)
    return re.sub(r"“[^”]*”?", "", text)


def _my_documents(year: int) -> list[Path]:
    out = built_project(year) / "outputs" / str(year)
    return sorted([*out.glob("ke-hoach/*.docx"), *out.glob("bao-cao/*.docx")])


def _recipients(doc) -> list[str]:
    sign = doc.tables[1]
    return [p.text for p in sign.cell(0, 0).paragraphs if p.text][1:]


def test_no_ended_body_acts_in_a_2025_document_or_receives_it():
    ended = _ended(DAY_2025)
    names = {n for a in ended.values() for n in _names(a)}
    assert "Sở Lao động - Thương binh và Xã hội" in names and "UBND huyện Nga Sơn" in names
    documents = _my_documents(2025)
    assert len(documents) > 300
    found = []
    for path in documents:
        doc = document(path)
        for text in _texts(doc):
            found += [(path.name, n, text[:80]) for n in names if n in _own_text(text)]
        found += [(path.name, n, line) for line in _recipients(doc) for n in names if n in line]
    assert not found, found[:5]


def test_no_district_is_told_what_to_do_in_2025():
    for path in _my_documents(2025):
        own = " ".join(_own_text(t) for t in _texts(document(path)))
        assert "các huyện" not in own and "cấp huyện" not in own, path.name


def _ended_lead_tasks() -> list[dict]:
    """Ordered tasks the plan gives to a body that ended, unless an amendment in force in 2025 reassigned them."""
    ended = _ended(DAY_2025)
    reassigned = {c["task"] for path in (INPUTS / "amendments").glob("*.yaml")
                  for a in [yaml.safe_load(path.read_text(encoding="utf-8"))]
                  if _as_date(a.get("effective") or a["date"]) <= DAY_2025 for c in a.get("tasks", []) if "lead" in c}
    return [t for t in _yaml("plan.yaml")["tasks"]
            if set(t["lead"]) & set(ended) and t["mode"] == "giao" and t["code"] not in reassigned]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _bullet_texts(task: dict) -> list[str]:
    return [" ".join((c["text"] if isinstance(c, dict) else c).split()) for c in task["content"]]


def _lead_in_of(paragraphs: list[str], at: int) -> str:
    """The `a) Nhiệm vụ …` paragraph a bullet or a paragraph belongs to."""
    return next(p for p in reversed(paragraphs[:at + 1]) if re.match(r"^[a-zđ]\) Nhiệm vụ", p))


def test_every_inherited_task_carries_its_transfer_note_numbered_or_not():
    tasks = _ended_lead_tasks()
    assert {"III.7", "III.1.2"} <= {t["code"] for t in tasks}        # unnumbered ones included
    seen: dict[str, int] = {t["code"]: 0 for t in tasks}
    for path in sorted((built_project(2025) / "outputs" / "2025" / "ke-hoach").glob("*.docx")):
        paragraphs = _texts(document(path))
        section = paragraphs.index("II. NHIỆM VỤ, GIẢI PHÁP")
        end = paragraphs.index("III. TỔ CHỨC THỰC HIỆN")
        for task in tasks:
            for bullet in _bullet_texts(task):
                words = " ".join(bullet.split()[-16:-1])    # the end: past the addressee, and unique
                hits = [i for i in range(section, end) if words in paragraphs[i]]
                for i in hits:
                    lead_in = _lead_in_of(paragraphs, i)
                    old = " ".join(sorted(_names(_agencies()[task["lead"][0]])))
                    assert "(Kế hoạch giao " in lead_in and "từ ngày 01/3/2025 do " in lead_in, (path.name, lead_in)
                    assert any(n in lead_in for n in old.split(" Sở ")), lead_in
                    seen[task["code"]] += 1
    assert all(seen.values()), seen


def test_sample_lines_of_the_issue():
    syt = _texts(_doc(2025, "ke-hoach/KH-SYT-2025.docx"))
    iii_7 = next(t for t in syt if t.startswith("a) Nhiệm vụ tại mục III.7"))
    assert iii_7.startswith("a) Nhiệm vụ tại mục III.7 (Kế hoạch giao Sở Lao động - Thương binh và Xã hội; "
                            "từ ngày 01/3/2025 do Sở Y tế thực hiện). Sở Y tế chủ trì, phối hợp")
    vh = _texts(_doc(2025, "ke-hoach/KH-SVHTTDL-2025.docx"))
    iii_1_2 = next(t for t in vh if "Chỉ đạo, hướng dẫn các cơ quan báo chí" in t)
    assert "(Kế hoạch giao Sở Thông tin và Truyền thông; từ ngày 01/3/2025 do Sở Văn hóa, Thể thao và Du lịch " \
           "thực hiện). Sở Văn hóa, Thể thao và Du lịch: Chỉ đạo" in iii_1_2


def test_the_reporting_rule_names_the_body_receiving_reports_that_year():
    syt = _texts(_doc(2025, "ke-hoach/KH-SYT-2025.docx"))
    iv_1 = next(t for t in syt if t.startswith(("a) Nhiệm vụ IV.1", "b) Nhiệm vụ IV.1")))
    assert "báo cáo tình hình thực hiện Kế hoạch gửi Sở Nội vụ để tổng hợp" in iv_1
    assert "Sở Y tế theo chức năng, nhiệm vụ được giao khẩn trương xây dựng kế hoạch" in iv_1
    assert "gửi Sở Nội vụ trước ngày 10/12" in next(t for t in syt if t.startswith("2. Sở Y tế"))
    # 2024 keeps the plan's words: the focal body of 2024
    syt_2024 = _texts(_doc(2024, "ke-hoach/KH-SYT-2024.docx"))
    assert any("Kế hoạch gửi Sở Lao động - Thương binh và Xã hội để tổng hợp" in t for t in syt_2024)


def _successor_by_domain(old: str, domain: str) -> str:
    rules = _agencies()[old]["successors"]
    return next((r["body"] for r in rules if domain in (r.get("domains") or [])),
                next(r["body"] for r in rules if not r.get("domains")))


def test_each_successor_gets_its_own_part_of_a_split_task():
    task = next(t for t in _yaml("plan.yaml")["tasks"] if t["code"] == "III.5.1")
    owners = [_successor_by_domain(task["lead"][0], c["domains"][0]) for c in task["content"]]
    assert sorted(set(owners)) == ["SNNMT", "SNV", "SYT"]
    bullets = _bullet_texts(task)
    for body in set(owners):
        text = " ".join(_texts(_doc(2025, f"ke-hoach/KH-{body}-2025.docx")))
        for bullet, owner in zip(bullets, owners, strict=True):
            words = " ".join(bullet.split()[10:30])
            assert (words in text) is (owner == body), (body, words)


def test_no_body_is_its_own_partner(tmp_path):
    """III.8.2 given to Sở KH&ĐT with Sở Tài chính as partner: from 2025 Sở Tài chính leads it, alone."""
    from reportgen.documents.agency_plan import plan_document
    from reportgen.load import load_project
    from reportgen.pipeline import template_folders
    from reportgen.render import Renderer

    root = built_project(2025)
    project = load_project(root, year=2025)
    project.plan.task("III.8.2").partners.append("STC")
    spec = plan_document(project, "STC", 2025)
    doc = document(Renderer(template_folders(root)).render(spec.template, spec.context, spec.properties))
    row = next(r for r in doc.tables[-1].rows if "Nhiệm vụ III.8.2" in r.cells[1].text)
    assert "Sở Tài chính" not in row.cells[3].text
    line = next(t for t in _texts(doc) if "Nhiệm vụ III.8.2" in t and t[1] == ")")
    assert "(Kế hoạch giao Sở Kế hoạch và Đầu tư; từ ngày 01/3/2025 do Sở Tài chính thực hiện)" in line
    assert "phối hợp với Sở Tài chính" not in line


def test_focal_body_reports_by_its_own_later_deadline():
    rep = _yaml("plan.yaml")["reporting"]
    bodies = f"{rep['deadline_day']:02d}/{rep['deadline_month']}"
    focal = f"{rep['focal_deadline_day']:02d}/{rep['focal_deadline_month']}"
    assert bodies != focal
    snv = next(t for t in _texts(_doc(2025, "ke-hoach/KH-SNV-2025.docx")) if t.startswith("2. Sở Nội vụ"))
    assert f"(gửi trước ngày {bodies} hằng năm)" in snv
    assert snv.endswith(f"báo cáo UBND tỉnh Thanh Hóa trước ngày {focal} hằng năm.")
    focal_2024 = next(t for t in _texts(_doc(2024, "ke-hoach/KH-SLDTBXH-2024.docx")) if t.startswith("2. Sở Lao động"))
    assert f"trước ngày {focal} hằng năm" in focal_2024


def test_forms_give_the_focal_deadline():
    from reportgen.forms.content import form_content
    from reportgen.load import load_project

    project = load_project(built_project(2025), year=2025)
    for code in ("SNV", "SYT"):
        content = form_content(project.plan, project.registry, code, 2025)
        assert content.deadline == date(2025, 12, 10)
        assert "trước ngày 25/12/2025" in content.focal_note
        assert "Sở Nội vụ" in content.rule_text and "Lao động" not in content.rule_text
    assert content.focal_note.startswith("Sở Nội vụ tổng hợp")


def test_a_ward_plan_is_written_for_the_ward():
    texts = _texts(_doc(2025, "ke-hoach/KH-UBND_P_HAC_THANH-2025.docx"))
    line = next(t for t in texts if t.startswith("a) Nhiệm vụ tại mục III.1"))
    assert ("(Kế hoạch giao UBND các huyện, thị xã, thành phố; từ ngày 01/7/2025 do UBND các xã, phường thực hiện). "
            "UBND phường Hạc Thành tổ chức tuyên truyền, quán triệt") in line
    assert any("tại Phụ lục kèm theo Kế hoạch này" in t for t in texts)


def test_every_plan_refers_to_its_appendix():
    for year in (2024, 2025):
        for path in (built_project(year) / "outputs" / str(year) / "ke-hoach").glob("*.docx"):
            texts = _texts(document(path))
            assert any("Phụ lục kèm theo Kế hoạch này" in t for t in texts), path.name


def test_appendix_rows_come_from_the_overlay_or_stay_blank():
    overlay = _yaml("overlays/SYT-2025.yaml")
    given = {t["task"]: t for t in overlay["tasks"]}
    table = _doc(2025, "ke-hoach/KH-SYT-2025.docx").tables[-1]
    rows = [r for r in table.rows[1:] if r.cells[0].text.isdigit()]
    for row in rows:
        cells = [c.text for c in row.cells]
        code = re.match(r"Nhiệm vụ (?:tại mục )?([IVX]+(?:\.\d+)*)", cells[1])
        task = given.get(code.group(1)) if code else None
        if task is not None:
            assert cells[2] == task.get("lead_unit", BLANK)
            assert cells[4] == task.get("deadline", BLANK) and cells[5] == task.get("product", BLANK)
        elif code:
            assert (cells[2], cells[4], cells[5]) == (BLANK, BLANK, BLANK), cells
        assert cells[2] != "Sở Y tế"                              # never the body itself, invented
    extra = overlay["extra_tasks"][0]
    last = [c.text for c in rows[-1].cells]
    assert last[2:] == [extra["lead_unit"], "", extra["deadline"], extra["product"]]


def test_an_overlay_of_another_year_is_not_used():
    """SYT.yaml is dated 2024: its 'Năm 2024' task and its Sở LĐ-TB&XH recipient stay out of 2025."""
    text = " ".join(_texts(_doc(2025, "ke-hoach/KH-SYT-2025.docx")))
    assert "Năm 2024" not in text and "trạm y tế xã trong quản lý sức khỏe người cao tuổi" not in text
    assert _recipients(_doc(2025, "ke-hoach/KH-SYT-2025.docx")) == [
        "- UBND tỉnh (để b/c);", "- Sở Nội vụ;", "- Các phòng chức năng, đơn vị trực thuộc Sở;", "- Lưu: VT, VP."]


@pytest.mark.parametrize("year, prefix", [(2024, "UBND_H_"), (2025, "UBND_")])
def test_local_reports_sign_tm_kt_and_the_deputy(year, prefix):
    folder = INPUTS / "submissions" / str(year)
    codes = [p.stem for p in folder.glob("*.yaml") if p.stem.startswith(("UBND_H_", "UBND_TP_", "UBND_TX_", "UBND_P_",
                                                                           "UBND_X_"))]
    assert len(codes) > 20
    for code in codes:
        sign = _doc(year, f"bao-cao/BC-{code}-{year}.docx").tables[1]
        lines = [p.text for p in sign.cell(0, 1).paragraphs if p.text]
        assert lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], code


def test_values_at_the_units_precision():
    units = _yaml("plan.yaml")["unit_decimals"]
    assert units["căn"] == 0 and units["%"] == 2
    texts = " ".join(_texts(_doc(2025, "bao-cao/BC-SYT-2025.docx")))
    assert not re.search(r"\d,\d{3}(?!\.\d)", texts.replace("10.000", ""))     # no 3-decimal figures
    # a count of dwellings prints whole: the body's own figure rounded half up
    sub = yaml.safe_load((INPUTS / "submissions" / "2025" / "SXD.yaml").read_text(encoding="utf-8"))
    housing = next(i for i in _yaml("plan.yaml")["indicators"] if i["unit"] == "căn")
    figure = next(f for f in sub["figures"] if f["indicator"] == housing["code"])
    from decimal import ROUND_HALF_UP, Decimal

    want = f"{Decimal(str(figure['value'])).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", ".")
    row = next(r for r in _doc(2025, "bao-cao/BC-SXD-2025.docx").tables[1].rows if r.cells[1].text == housing["name"])
    assert row.cells[5].text.split(" ")[0] == want


def test_no_zero_count_sentences_in_plans_and_reports():
    zero = re.compile(r"(?<![\d.,/])0 (chỉ tiêu|nhiệm vụ|cơ quan|đơn vị|báo cáo)")
    for year in (2024, 2025):
        for path in _my_documents(year):
            assert not [t for t in _texts(document(path)) if zero.search(t)], path.name


def test_transfer_dates_are_the_day_after_the_body_ended():
    slđ = _agencies()["SLDTBXH"]
    day = slđ["valid_to"] + timedelta(days=1)
    note = f"từ ngày {day.day:02d}/{day.month}/{day.year} do"
    assert any(note in t for t in _texts(_doc(2025, "bao-cao/BC-SYT-2025.docx")))


def test_forms_list_only_the_bodys_part_of_a_split_task():
    from reportgen.forms.content import form_content
    from reportgen.load import load_project

    task = next(t for t in _yaml("plan.yaml")["tasks"] if t["code"] == "III.5.1")
    bullets = _bullet_texts(task)
    project = load_project(built_project(2025), year=2025)
    for code, mine in (("SNV", {0, 1, 2}), ("SYT", {3, 4}), ("SNNMT", {5})):
        row = next(t for t in form_content(project.plan, project.registry, code, 2025).tasks if t.code == "III.5.1")
        for i, bullet in enumerate(bullets):
            assert (bullet[:50] in row.content) is (i in mine), (code, i)
