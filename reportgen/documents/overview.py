"""Parts III–V of the consolidated report: the secretariat's words, or short sentences from the data.

When the secretariat writes a list (strengths, shortcomings, causes, next year's tasks,
proposals) in `inputs/secretariat/<year>.yaml`, that list is the part. Otherwise the
part is drawn from the data: the reporting and the indicators, which groups of targets
lag, which tasks are overdue, which results grew or fell, and the points bodies raised
most often, each with how many bodies raised it (never a list of their names).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..compute import Consolidation
from ..compute.assessment import BEHIND, EXCEEDED, MET_BAND, NOT_MET_BAND
from ..model import Plan
from ..model.secretariat import SecretariatInput
from .report_text import and_join, count, percent_change, phrase, plain, sentence_end
from .synthesis import task_title

TOP_POINTS = 3              # points raised by bodies quoted per part
MOVES_SHOWN = 3             # metrics named as grown or fallen most
NOTABLE_CHANGE = Decimal(5)  # % change of a metric's total worth a sentence
LAGGING_SHARE = Decimal("0.3")  # a group with at least this share of `không đạt` lags
NAME_LIMIT = 60


def overview_part(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None, *,
                  indicator_appendix: str | None = "Phụ lục I", tracking_appendix: str | None = "Phụ lục II") -> dict:
    """`strengths`, `shortcomings`, `causes`, `next_year_tasks`, `proposals`: lists of sentences.

    The appendices named are the report's own (None: the report has no such appendix).
    """
    def own(key: str) -> list[str]:
        return list(getattr(secretariat, key)) if secretariat else []

    facts = _Facts(plan, result, indicator_appendix, tracking_appendix)
    return {
        "strengths": _finish(own("strengths") or [*facts.strengths(), *_raised(result.texts["strengths"])]),
        "shortcomings": _finish(own("shortcomings") or [*facts.shortcomings(), *_raised(result.texts["difficulties"])]),
        "causes": _finish(own("causes") or _raised(result.texts["causes"])
                          or ["Các cơ quan, đơn vị chưa nêu nguyên nhân trong báo cáo"]),
        "next_year_tasks": _finish(own("next_year") or [*facts.next_year(), *_raised(result.texts["next_year"])]
                                   or [f"Các cơ quan, đơn vị chưa nêu phương hướng, nhiệm vụ năm {result.year + 1}"]),
        "proposals": _finish(own("proposals") or _raised(result.texts["proposals"])
                             or ["Các cơ quan, đơn vị chưa có đề xuất, kiến nghị"]),
    }


class _Facts:
    def __init__(self, plan: Plan, result: Consolidation, indicator_appendix: str | None = "Phụ lục I",
                 tracking_appendix: str | None = "Phụ lục II"):
        self.plan, self.result = plan, result
        self.year = result.year
        self.indicator_ref = f" ({indicator_appendix})" if indicator_appendix else ""
        self.tracking_ref = f" ({tracking_appendix})" if tracking_appendix else ""

    def strengths(self) -> list[str]:
        out = []
        counts = self.result.tracking["status"].value_counts()
        total = len(self.result.tracking)
        on_time = int(counts.get("đúng hạn", 0))
        if total and on_time:
            out.append(f"{count(on_time)}/{count(total)} cơ quan, đơn vị gửi báo cáo đúng hạn")
        progress = self.result.progress
        good = int(progress["verdict"].isin((EXCEEDED, MET_BAND)).sum())
        judged = int(progress["verdict"].notna().sum())
        if good:
            out.append(f"{count(good)}/{count(judged)} chỉ tiêu có số liệu đạt hoặc vượt")
        grown = self._moves(up=True)
        if grown:
            out.append(f"Kết quả tăng so với năm {self.year - 1}: {and_join(grown)}")
        return out

    def shortcomings(self) -> list[str]:
        out = []
        for title, lagging, judged in self._lagging_groups():
            out.append(f"Nhóm chỉ tiêu {title[:1].lower()}{title[1:]} còn {count(lagging)}/{count(judged)} chỉ tiêu không đạt")
        behind = int((self.result.progress["trajectory"] == BEHIND).sum())
        if behind:
            out.append(f"{count(behind)} chỉ tiêu chậm tiến độ so với lộ trình đến năm {self.plan.target_year}")
        overdue = self._overdue_tasks()
        if overdue:
            out.append(f"Nhiệm vụ quá hạn chưa hoàn thành: {'; '.join(overdue)}")
        fallen = self._moves(up=False)
        if fallen:
            out.append(f"Kết quả giảm so với năm {self.year - 1}: {and_join(fallen)}")
        counts = self.result.tracking["status"].value_counts()
        late, missing = int(counts.get("muộn", 0)), int(counts.get("chưa nộp", 0))
        if late or missing:
            parts = [f"{count(missing)} cơ quan, đơn vị chưa gửi báo cáo" if missing else "",
                     f"{count(late)} cơ quan, đơn vị gửi muộn" if late else ""]
            out.append(f"Việc báo cáo chưa nghiêm: {and_join(parts)}{self.tracking_ref}")
        return out

    def next_year(self) -> list[str]:
        out = []
        behind = self.result.progress[self.result.progress["trajectory"] == BEHIND]
        if len(behind):
            names = [plain(n) for n in behind["name"].head(TOP_POINTS)]
            more = len(behind) - len(names)
            out.append(f"Tập trung chỉ đạo các chỉ tiêu chậm tiến độ: {'; '.join(names)}"
                       + (f" và {count(more)} chỉ tiêu khác{self.indicator_ref}" if more else ""))
        overdue = self._overdue_tasks()
        if overdue:
            out.append(f"Hoàn thành các nhiệm vụ đã quá hạn: {'; '.join(overdue)}")
        return out

    def _lagging_groups(self) -> list[tuple[str, int, int]]:
        out = []
        progress = self.result.progress
        for group in self.plan.indicator_groups:
            rows = progress[(progress["group"] == group.key) & progress["verdict"].notna()]
            lagging = int((rows["verdict"] == NOT_MET_BAND).sum())
            if len(rows) and lagging and Decimal(lagging) / len(rows) >= LAGGING_SHARE:
                out.append((group.title, lagging, len(rows)))
        return out

    def _overdue_tasks(self) -> list[str]:
        tasks = self.result.tasks
        overdue = tasks[tasks["open_overdue"] > 0]
        out = []
        for r in overdue.itertuples():
            task = self.plan.task(r.task)
            out.append(f"{phrase(task_title(task), NAME_LIMIT)} ({r.task}, {count(r.open_overdue)} đơn vị)")
        return out

    def _moves(self, *, up: bool) -> list[str]:
        totals = self.result.metric_totals
        if not len(totals):
            return []
        rows = totals[totals["change_pct"].notna()]
        rows = rows[[(c >= NOTABLE_CHANGE) if up else (c <= -NOTABLE_CHANGE) for c in rows["change_pct"]]]
        ranked = sorted(rows.itertuples(), key=lambda r: -abs(r.change_pct))
        shown: dict[str, str] = {}
        for r in ranked:
            name = self.plan.metric(r.metric).name
            shown.setdefault(name, f"{name} ({percent_change(r.change_pct)})")
        return list(shown.values())[:MOVES_SHOWN]


def _raised(merged: pd.DataFrame) -> list[str]:
    """The points bodies raised most often (at least two bodies), each with how many raised it."""
    if merged.empty:
        return []
    rows = merged[~merged["own"]]
    ranked = sorted(rows.itertuples(), key=lambda r: -len(r.bodies))
    return [f"{sentence_end(r.text, '')} (nêu trong báo cáo của {count(len(r.bodies))} cơ quan, đơn vị)"
            for r in ranked[:TOP_POINTS] if len(r.bodies) >= 2]


def _finish(items: list[str]) -> list[str]:
    """Each item a sentence ending with `;`, the last with `.`."""
    out = [sentence_end(i, ";") for i in items if i]
    if out:
        out[-1] = out[-1][:-1] + "."
    return out
