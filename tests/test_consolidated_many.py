"""Many local bodies on one task: counted in one line, a few quoted by name, the rest pointed to.

Section II of the consolidated report lists every provincial body's results, but a local
level with more than `MANY_LOCAL_BODIES` bodies on a task is summarised; so are III–V
lists when each commune writes its own sentence.
"""

from __future__ import annotations

import io
import re

import docx
import fixtures_consolidation as fx
import pytest
from render_helpers import built_project

from reportgen.compute import consolidate
from reportgen.documents.consolidated import (
    MANY_LOCAL_BODIES,
    SHOWN_LOCAL_BODIES,
    consolidated_context,
    render_consolidated,
)
from reportgen.model import Plan
from reportgen.render import Renderer
from reportgen.vn import collation_key, normalized_key

STATUSES = ("hoàn thành", "đang thực hiện", "chưa thực hiện")
SYNTHESIS = re.compile(r"^- (\d+)/(\d+) UBND cấp xã đã báo cáo(?:; (.*))?\.$")
SHARED_RESULT = "Treo 50 băng rôn tuyên truyền."
SHARED_PROPOSAL = "Đề nghị tập huấn cho cán bộ xã."
PROVINCIAL_PROPOSAL = "Đề nghị bố trí kinh phí tuyên truyền."


def plan() -> Plan:
    """The small plan, with III.1.1 led by the local bodies and two provincial bodies."""
    data = fx.plan_data()
    for task in data["tasks"]:
        if task["code"] == "III.1.1":
            task["lead"] = ["@dia-phuong", "SYT", "CA"]
    return Plan.model_validate(data)


class Case:
    """Submissions of 2025 for `extra` more communes; `silent` communes (codes) send nothing."""

    def __init__(self, extra: int, silent: int = 2):
        self.registry = fx.registry_with_communes(extra)
        communes = [a for a in self.registry.agencies.values() if a.kind == "ubnd-xa"]
        self.silent = {a.code for a in communes[len(communes) - silent:]}
        reporting = [a for a in communes if a.code not in self.silent]
        issuer = next((a for a in reporting if a.code == "X_EXTRA_01"), None)   # UBND xã Yên Định
        alpha = sorted((a for a in reporting if a is not issuer), key=lambda a: collation_key(a.name))
        self.communes, self.reporting, self.issuer, self.alpha = communes, reporting, issuer, alpha
        self.statuses: dict[str, str] = {}
        subs = [
            fx.submission("SYT", 2025, tasks=[{"task": "III.1.1", "status": "hoàn thành",
                                               "results": ["Tổ chức 5 hội nghị tại bệnh viện.", "Đăng tải 10 tin bài."]}]),
            fx.submission("CA", 2025, tasks=[{"task": "III.1.1", "status": "đang thực hiện",
                                              "results": ["Đăng tải 10 tin bài.", "Tuyên truyền tại 20 đồn."]}],
                          proposals=[PROVINCIAL_PROPOSAL]),
        ]
        for i, agency in enumerate(reporting):
            status = STATUSES[i % 3]
            self.statuses[agency.code] = status
            results = [f"Tổ chức {i + 2} buổi tuyên truyền tại {agency.display_name}."]
            if alpha and agency is alpha[0]:
                results = []                                         # status only: counted, not quoted
            elif agency in alpha[1:3] or agency in alpha[5:6]:
                results = [SHARED_RESULT]
            task = {"task": "III.1.1", "status": status, "results": results}
            if agency is issuer:
                task["documents"] = [{"number": "07/KH-UBND", "date": "2025-08-01", "title": "Kế hoạch tuyên truyền"}]
            proposal = f"Đề nghị hỗ trợ {agency.display_name} kinh phí."
            if agency in alpha[3:5]:
                proposal = SHARED_PROPOSAL
            elif agency in alpha[5:6]:
                proposal = PROVINCIAL_PROPOSAL
            subs.append(fx.submission(agency.code, 2025, tasks=[task], proposals=[proposal]))
        self.submissions = {2025: subs}

    def render(self) -> docx.Document:
        result = consolidate(plan(), self.registry, self.submissions, 2025)
        data = render_consolidated(Renderer(), consolidated_context(plan(), self.registry, result, charts=False))
        return docx.Document(io.BytesIO(data))


def task_block(document, label: str = "a) Tuyên truyền.") -> list[str]:
    """The `- ` paragraphs under the task whose label paragraph is `label`."""
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index(label) + 2                  # the label, then `Chủ trì: …`
    block = []
    for text in paragraphs[start:]:
        if not text.startswith("- "):
            break
        block.append(text)
    return block


def section_two(document) -> str:
    paragraphs = [p.text for p in document.paragraphs]
    start = next(i for i, t in enumerate(paragraphs) if t.endswith("KẾT QUẢ THỰC HIỆN"))
    end = next(i for i, t in enumerate(paragraphs) if t.startswith("2. Kết quả thực hiện các chỉ tiêu"))
    return "\n".join(paragraphs[start:end])


@pytest.fixture(scope="module")
def case() -> Case:
    return Case(extra=12)


@pytest.fixture(scope="module")
def report(case):
    return case.render()


def test_one_synthesis_line_whose_counts_equal_the_data(case, report):
    block = task_block(report)
    [line] = [t for t in block if SYNTHESIS.match(t)]
    reported, total, parts = SYNTHESIS.match(line).groups()
    assert (int(reported), int(total)) == (len(case.reporting), len(case.communes)) == (13, 15)
    counted = {status: int(n) for n, status in (p.split(" ", 1) for p in parts.split(", "))}
    expected = {s: list(case.statuses.values()).count(s) for s in STATUSES}
    assert counted == {s: n for s, n in expected.items() if n}
    assert list(counted) == [s for s in STATUSES if expected[s]]          # always in this order


def test_the_quoted_bodies_are_the_document_issuer_then_a_to_z(case, report):
    block = task_block(report)
    start = next(i for i, t in enumerate(block) if SYNTHESIS.match(t))
    quoted = block[start + 1:-2]                     # then "… và N đơn vị khác", then the missing line
    first, second = case.alpha[1].display_name, case.alpha[2].display_name
    assert quoted == [f"- UBND xã Yên Định: Tổ chức {case.reporting.index(case.issuer) + 2} buổi tuyên truyền "
                      "tại UBND xã Yên Định.",
                      f"- {first}, {second}: {SHARED_RESULT}"]       # identical sentences still merged
    others = len(case.reporting) - SHOWN_LOCAL_BODIES
    assert block[-2] == f"- … và {others} đơn vị khác (chi tiết tại báo cáo của từng đơn vị)."


def test_other_communes_are_not_named_in_section_two_but_are_in_the_tracking_appendix(case, report):
    text = section_two(report)
    shown = {case.issuer.code, case.alpha[1].code, case.alpha[2].code}
    for agency in case.reporting:
        assert (agency.display_name in text) == (agency.code in shown), agency.display_name
    appendix = "\n".join(c.text for t in report.tables for r in t.rows for c in r.cells)
    assert all(a.name in appendix for a in case.communes)


def test_provincial_bodies_stay_fully_attributed(report):
    block = task_block(report)
    assert block[:3] == ["- Công an tỉnh, Sở Y tế: Đăng tải 10 tin bài.",
                         "- Công an tỉnh: Tuyên truyền tại 20 đồn.",
                         "- Sở Y tế: Tổ chức 5 hội nghị tại bệnh viện."]


def test_leads_counted_per_level_and_few_missing_communes_named(case, report):
    paragraphs = [p.text for p in report.paragraphs]
    lead = paragraphs[paragraphs.index("a) Tuyên truyền.") + 1]
    assert lead.startswith("Chủ trì: 2 cơ quan, đơn vị cấp tỉnh và 15 UBND cấp xã;")
    missing = sorted((a for a in case.communes if a.code in case.silent), key=lambda a: collation_key(a.name))
    assert task_block(report)[-1] == "- Chưa báo cáo: " + ", ".join(a.display_name for a in missing) + "."


def test_many_missing_communes_are_counted():
    case = Case(extra=16, silent=14)
    block = task_block(case.render())
    assert block[-1] == "- Chưa báo cáo: 14 UBND cấp xã."
    assert SYNTHESIS.match(next(t for t in block if "UBND cấp xã đã báo cáo" in t)).groups()[:2] == ("5", "19")


@pytest.mark.parametrize("extra, summarised", [(MANY_LOCAL_BODIES - 3, False), (MANY_LOCAL_BODIES - 2, True)])
def test_the_threshold_is_more_than_many_local_bodies(extra, summarised):
    case = Case(extra=extra, silent=0)
    assert len(case.communes) == extra + 3
    block = task_block(case.render())
    assert any(SYNTHESIS.match(t) for t in block) == summarised
    named = [a for a in case.communes if any(a.display_name in t for t in block)]
    assert len(named) == (SHOWN_LOCAL_BODIES if summarised else len(case.communes))


def test_proposals_written_commune_by_commune_are_summarised(case, report):
    paragraphs = [p.text for p in report.paragraphs]
    start = paragraphs.index("V. ĐỀ XUẤT, KIẾN NGHỊ") + 1
    items = []
    for text in paragraphs[start:]:
        if not text.startswith("- "):
            break
        items.append(text)
    shared = f"{case.alpha[3].display_name}, {case.alpha[4].display_name}"
    assert items[0] == f"- {PROVINCIAL_PROPOSAL[:-1]} (Công an tỉnh, {case.alpha[5].display_name});"
    assert f"- {SHARED_PROPOSAL[:-1]} ({shared});" in items         # written by the most communes: kept
    own = len(case.reporting) - 3                                   # one each, less the shared and CA's
    local_items = own + 1
    assert local_items > MANY_LOCAL_BODIES
    dropped = local_items - SHOWN_LOCAL_BODIES
    assert items[-1] == (f"- … và {dropped} nội dung khác của {dropped} UBND cấp xã "
                         "(chi tiết tại báo cáo của từng đơn vị).")
    assert len(items) == 1 + SHOWN_LOCAL_BODIES + 1


# --- the bundled sample project ------------------------------------------------------------

BUILD_2025 = (2025, None, ("SNV", "SYT", "CA_TINH", "UBND_X_YEN_THO", "UBND_P_HAC_THANH"))  # as test_build_check


@pytest.fixture(scope="module")
def bundled_2025():
    from reportgen.load import load_project

    root = built_project(*BUILD_2025)
    report = docx.Document(root / "outputs" / "2025" / "BC-tong-hop-2025.docx")
    project = load_project(root, year=2025)
    result = consolidate(project.plan, project.registry, {2025: [s.submission for s in project.submissions[2025]]},
                         2025)
    return report, result, project.registry


def test_bundled_2025_group_tasks_are_short_and_their_counts_equal_the_data(bundled_2025):
    report, result, registry = bundled_2025
    kinds = {code: a.kind for code, a in registry.agencies.items()}
    paragraphs = [p.text for p in report.paragraphs]
    rows = result.task_rows.assign(kind=result.task_rows["body"].map(kinds))
    group_tasks = [t for t, r in rows.groupby("task", sort=False) if (r["kind"] == "ubnd-xa").sum() > MANY_LOCAL_BODIES]
    assert len(group_tasks) >= 4
    starts = [i for i, t in enumerate(paragraphs) if t.startswith("Chủ trì: ") and "166 UBND cấp xã" in t]
    assert len(starts) == len(group_tasks)
    for task, start in zip(group_tasks, starts, strict=True):
        block = []
        for text in paragraphs[start + 1:]:
            if not text.startswith("- "):
                break
            block.append(text)
        task_rows = rows[rows["task"] == task]
        communes = task_rows[task_rows["kind"] == "ubnd-xa"]
        reported = communes[communes["reported"]]
        [line] = [t for t in block if SYNTHESIS.match(t)]
        assert SYNTHESIS.match(line).groups()[:2] == (str(len(reported)), str(len(communes)))
        for status in STATUSES:
            n = int((reported["status"] == status).sum())
            assert (f"{n} {status}" in line) == bool(n)
        provincial = task_rows[task_rows["reported"] & (task_rows["kind"] != "ubnd-xa")]
        provincial_lines = len({normalized_key(b) for r in provincial["results"] for b in r})
        per_body = max(len(r) for r in reported["results"])
        # provincial lines, the synthesis, a few communes, "… và N đơn vị khác", the missing line
        assert len(block) <= provincial_lines + 1 + SHOWN_LOCAL_BODIES * per_body + 2
        # the listing this replaces named every reporting commune at least once
        named = {registry[c].display_name for c in reported["body"]
                 if any(registry[c].display_name + ":" in t or registry[c].display_name + "," in t
                        for t in block[:-1])}
        assert len(named) <= SHOWN_LOCAL_BODIES < len(reported)
