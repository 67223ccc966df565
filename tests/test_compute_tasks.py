"""Task results: leads first then partners, missing reports kept as rows, tasks nobody reported on."""

from __future__ import annotations

import fixtures_consolidation as fx
import pytest

from reportgen.compute import consolidate


@pytest.fixture(scope="module")
def result():
    return consolidate(fx.plan(), fx.registry(), fx.submissions_2024(), 2024, secretariat=fx.secretariat_2024())


def test_every_routed_body_has_a_row_lead_first(result):
    rows = result.task_rows[result.task_rows["task"] == "III.2.1"]
    assert rows["body"].tolist() == ["SLDTBXH", "CA", "SYT"]     # lead, then partners in list order
    assert rows["role"].tolist() == ["chủ trì", "phối hợp", "phối hợp"]
    assert rows["reported"].tolist() == [True, False, True]
    assert rows.iloc[0]["results"] == ("Giải quyết việc làm cho 60.000 lao động.",)


def test_task_summary_status_and_no_report(result):
    tasks = result.tasks.set_index("task")
    assert tasks.loc["III.2.1", "status"] == "hoàn thành"
    assert tasks.loc["III.3.1", "status"] == "đang thực hiện"
    assert tasks.loc["III.3.2", "no_report"] and tasks.loc["III.3.2", "status"] is None
    assert tasks.loc["III.1.2", "no_report"] and tasks.loc["III.1.2", "mode"] == "đề nghị"
    assert not tasks.loc["III.1.1", "no_report"]
    assert tasks.loc["III.1.1", "leads"] == 2 and tasks.loc["III.1.1", "leads_reported"] == 1
    assert result.tasks["task"].tolist() == [t.code for t in fx.plan().tasks]


def test_mixed_lead_statuses_give_in_progress():
    subs = fx.submissions_2024()
    subs[2024].append(fx.submission("H_BA_THUOC", 2024, tasks=[
        {"task": "III.1.1", "status": "chưa thực hiện"}]))
    c = consolidate(fx.plan(), fx.registry(), subs, 2024)
    assert c.tasks.set_index("task").loc["III.1.1", "status"] == "đang thực hiện"


def test_2025_routes_the_split_body_to_its_successors():
    subs = {2025: [fx.submission("SNV", 2025, tasks=[{"task": "III.2.1", "status": "hoàn thành",
                                                      "results": ["Kết nối việc làm."]}])]}
    c = consolidate(fx.plan(), fx.registry(), subs, 2025)
    leads = c.task_rows[(c.task_rows["task"] == "III.2.1") & c.task_rows["is_lead"]]
    assert leads["body"].tolist() == ["SNV"]
    assert c.task_rows[c.task_rows["task"] == "III.2.2"]["body"].tolist() == ["SYT"]
    communes = c.task_rows[c.task_rows["task"] == "III.1.1"]["body"].tolist()
    assert communes == ["X_AN_NONG", "X_DONG_TIEN", "X_NGA_SON"]


def test_documents_issued_once_each(result):
    assert result.documents["number"].tolist() == ["12/KH-SLĐTBXH"]


def test_assessment_sentences_merged_without_repeats(result):
    strengths = result.texts["strengths"]
    assert strengths["text"].tolist() == ["Các ngành phối hợp chặt chẽ.", "Công tác chỉ đạo kịp thời."]
    assert strengths["own"].tolist() == [True, False]
    assert strengths.iloc[1]["bodies"] == ("SLDTBXH", "SYT")     # same sentence, one without the full stop
    shortcomings = result.texts["difficulties"]["text"].tolist()
    assert shortcomings == ["Nguồn lực còn hạn chế.", "Thiếu nhân lực y tế."]
