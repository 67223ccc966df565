"""Section II.1 of the consolidated report: one synthesised paragraph per task.

A paragraph says what the province did on the task, with numbers: the totals of the
task's metrics (split by level, or by body when few gave figures), the change against
last year, how many leading bodies reported and their status against the task's
deadline, the largest contributions by name, and the secretariat's own words first when
it wrote some. Per-body detail is in Phụ lục III; bodies that did not report are counted
here and named once, in the tracking paragraph of part I.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..compute import Consolidation
from ..compute.assessment import BEHIND, ON_TRACK
from ..compute.tasks import (
    STATUS_DONE,
    STATUS_NOT_STARTED,
    STATUS_ONGOING,
    TIMING_OVERDUE,
)
from ..model import Plan, Task
from ..model.plan import Metric
from ..model.secretariat import SecretariatInput
from ..vn import arabic_ladder, diem_letter
from ..vn.numbering import DIEM_LETTERS
from .report_text import (
    LEVEL_SPLIT,
    Names,
    amount,
    and_join,
    capital,
    count,
    percent_change,
    phrase,
    sentence_end,
)

FEW_BODIES = 3            # up to this many bodies are named; more are counted
TOP_CONTRIBUTIONS = 3     # bodies named with the largest figures of a task
TITLE_LIMIT = 160         # characters of a task's own words used as its title when it has none


def sections_part(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None,
                  names: Names) -> tuple[list[dict], str]:
    """II.1: per section of the plan, the secretariat's synthesis and one paragraph per task; and
    one sentence for the requested tasks (`đề nghị`) nobody reported on, which have no paragraph.

    A section left with nothing to say is not printed (the numbering follows what is printed).
    """
    syntheses = {s.section: s for s in secretariat.sections} if secretariat else {}
    own_texts = {t.task: t.synthesis for t in secretariat.tasks} if secretariat else {}
    facts = _TaskFacts(plan, result, names)
    progress = {r["code"]: r for r in result.progress.to_dict("records")}
    summary = result.tasks.set_index("task")
    silent = [t for t in plan.tasks if t.mode != "giao" and bool(summary.loc[t.code, "no_report"])
              and t.code not in own_texts]
    out = []
    for section in plan.sections:
        tasks = [t for t in plan.tasks if t.section == section.number and t not in silent]
        synth = syntheses.get(section.number)
        entries = []
        for j, task in enumerate(tasks, start=1):
            label = f"{diem_letter(j)})" if len(tasks) <= len(DIEM_LETTERS) else f"{j}."
            entries.append({"label": label, "code": task.code, "title": task_title(task),
                            "text": facts.paragraph(task, own_texts.get(task.code))})
        quotes = [quote(progress[c], result.year, plan.target_year, names)
                  for c in (synth.quote_indicators if synth else []) if c in progress]
        text = synth.synthesis if synth and synth.synthesis else ""
        highlights = list(synth.highlights) if synth else []
        if not (entries or text or highlights or quotes):
            continue
        out.append({"number": arabic_ladder(1, len(out) + 1), "title": section.title, "synthesis": text,
                    "highlights": highlights, "quotes": quotes, "tasks": entries})
    requested = ""
    if silent:
        titles = [task_title(t) for t in silent]
        requested = ("Các nhiệm vụ Kế hoạch đề nghị phối hợp thực hiện (cơ quan, tổ chức không thuộc diện phải báo "
                     f"cáo) chưa có báo cáo kết quả: {'; '.join(t[:1].lower() + t[1:] for t in titles)}.")
    return out, requested


def task_title(task: Task) -> str:
    """The task's short name for reports: its `title`, else the first clause of its words."""
    if task.title:
        return sentence_end(task.title, "")
    text = " ".join(task.content[0].split())
    first = text.split(";")[0].split(". ")[0]
    return capital(phrase(sentence_end(first, ""), TITLE_LIMIT))


def quote(row: dict, year: int, target_year: int, names: Names) -> str:
    """`Tỷ lệ …: ước 2,65% (năm 2024: 2,58%; mục tiêu năm 2030: dưới 2,5%); không đạt, chậm tiến độ (Sở …).`"""
    from .indicator_rows import target_text, value_with_unit

    places = row["decimals"]
    unit = row["unit"]
    parts = []
    if row["previous"] is not None:
        parts.append(f"năm {year - 1}: {value_with_unit(row['previous'], unit, places)}")
    if row["reference_kind"] == "year" and row["year_target"] is not None:
        parts.append(f"kế hoạch năm {year}: {value_with_unit(row['year_target'], unit, places)}")
    parts.append(f"mục tiêu năm {target_year}: {target_text(row)}")
    verdict = row["verdict"] or "chưa có số liệu"
    if row["trajectory"] in (ON_TRACK, BEHIND):
        verdict += f", {row['trajectory']}"
    source = f" ({names.short(row['body'])})" if row["body"] else ""
    if row["qualitative"]:
        return f"{row['name']}: {verdict}{source}."
    if row["value"] is None:
        return f"{row['name']}: chưa có số liệu ({'; '.join(parts)}){source}."
    value = ("ước " if row["estimate"] else "") + value_with_unit(row["value"], unit, places)
    return f"{row['name']}: {value} ({'; '.join(parts)}); {verdict}{source}."


class _TaskFacts:
    """The frames of one consolidation indexed by task, and the sentences made from them."""

    def __init__(self, plan: Plan, result: Consolidation, names: Names):
        self.plan, self.year, self.names = plan, result.year, names
        self._verbs = True
        self.rows = {code: rows for code, rows in result.task_rows.groupby("task", sort=False)}
        self.totals = {code: rows for code, rows in result.metric_totals.groupby("task", sort=False)} \
            if len(result.metric_totals) else {}
        contributions = result.metric_contributions
        self.contributions = {code: rows for code, rows in contributions.groupby("task", sort=False)} \
            if len(contributions) else {}
        self.documents = {code: rows for code, rows in result.documents.groupby("task", sort=False)}

    def paragraph(self, task: Task, own: str | None) -> str:
        rows = self.rows.get(task.code)
        leads = rows[rows["is_lead"]] if rows is not None else None
        partners = rows[~rows["is_lead"]] if rows is not None else None
        sentences = [sentence_end(own)] if own else []
        if rows is None or not bool(rows["reported"].any()):
            sentences.append(self._nothing_reported(task, leads))
            return " ".join(sentences)
        metrics = self._metric_clauses(task)
        self._verbs = all(m.phrase for m in self.plan.task_metrics(task))   # clauses read after "đã"
        reported = leads[leads["reported"]]
        if len(leads) == 1:
            sentences.append(self._one_lead(leads.iloc[0], metrics))
        elif len(leads) > FEW_BODIES and metrics:
            sentences.append(self._province_did_by_reports(task, leads, reported, metrics))
        else:
            sentences.append(self._many_leads(leads, reported))
            if metrics:
                sentences.append(self._province_did(task, metrics))
        if not metrics:
            missing = self._metrics_without_figures(task)
            if missing:
                sentences.append(missing)
        sentences.extend(filter(None, [self._top_contributions(task), self._documents(task),
                                       self._partners(partners)]))
        return " ".join(sentences)

    # --- sentences

    def _nothing_reported(self, task: Task, leads: pd.DataFrame | None) -> str:
        n = 0 if leads is None else len(leads)
        if task.mode != "giao":
            return "Nhiệm vụ đề nghị phối hợp thực hiện; đến nay chưa nhận được báo cáo kết quả."
        if n == 1:
            return f"{self.names.short(leads.iloc[0]['body'])} (chủ trì) chưa gửi báo cáo kết quả thực hiện."
        if n == 0:
            return "Năm nay không có cơ quan, đơn vị nào được giao chủ trì."
        return f"Chưa nhận được báo cáo của đơn vị chủ trì nào trong {count(n)} đơn vị được giao."

    def _one_lead(self, lead: pd.Series, metrics: list[str]) -> str:
        name = self.names.short(lead["body"])
        if not lead["reported"]:
            head = f"{name} (chủ trì) chưa gửi báo cáo"
            return head + (f"; theo số liệu của đơn vị phối hợp, {'; '.join(metrics)}." if metrics else ".")
        head = f"{name} (chủ trì) báo cáo nhiệm vụ {_status_phrase(lead['status'], lead['timing'])}"
        if metrics:
            return f"{head}; {'trong năm đã' if self._verbs else 'kết quả trong năm:'} {'; '.join(metrics)}."
        results = [sentence_end(r, "") for r in (lead["results"] or ())][:2]
        return f"{head}: {'; '.join(results)}." if results else f"{head}."

    def _many_leads(self, leads: pd.DataFrame, reported: pd.DataFrame) -> str:
        missing = len(leads) - len(reported)
        statuses = _status_counts(reported)
        if len(leads) <= FEW_BODIES:
            who = and_join([self.names.short(b) for b in leads["body"]])
            head = f"{who} (chủ trì)"
            if not len(reported):
                return f"{head} chưa gửi báo cáo."
            if len(reported) == len(leads):
                return f"{head} đã báo cáo: {statuses}."
            return f"{head}: {count(len(reported))} đơn vị đã báo cáo ({statuses}), {count(missing)} đơn vị chưa báo cáo."
        text = f"Có {count(len(reported))}/{count(len(leads))} đơn vị chủ trì đã báo cáo"
        text += f": {statuses}" if len(reported) else ""
        if missing:
            text += f"; {count(missing)} đơn vị chưa báo cáo"
        return text + "."

    def _province_did_by_reports(self, task: Task, leads: pd.DataFrame, reported: pd.DataFrame,
                                 metrics: list[str]) -> str:
        """`Theo báo cáo của 174/182 đơn vị chủ trì (55 hoàn thành đúng hạn, …; 8 đơn vị chưa báo cáo), toàn tỉnh đã …`."""
        missing = len(leads) - len(reported)
        statuses = _status_counts(reported) + (f"; {count(missing)} đơn vị chưa báo cáo" if missing else "")
        did = "đã" if self._verbs else "có kết quả:"
        return (f"Theo báo cáo của {count(len(reported))}/{count(len(leads))} đơn vị chủ trì ({statuses}), toàn tỉnh "
                f"{did} {'; '.join(metrics)}.")

    def _province_did(self, task: Task, metrics: list[str]) -> str:
        givers = self._contributors(task)
        did = "đã" if self._verbs else "có kết quả:"
        if len(givers) == 1:
            return f"{self.names.short(givers[0])} {did} {'; '.join(metrics)}."
        if len(givers) <= FEW_BODIES:
            return f"Tổng cộng, các đơn vị {did} {'; '.join(metrics)}."
        return f"Theo số liệu của {count(len(givers))} cơ quan, đơn vị, toàn tỉnh {did} {'; '.join(metrics)}."

    def _metric_clauses(self, task: Task) -> list[str]:
        """One clause per metric with a total: the total, its split, the change against last year."""
        totals = self.totals.get(task.code)
        if totals is None:
            return []
        by_body = len(self._contributors(task)) <= FEW_BODIES
        clauses, said_year = [], False
        for r in totals.itertuples():
            if r.total is None:
                continue
            metric = self.plan.metric(r.metric)
            text = metric.sentence(amount(r.total, metric.decimals))
            split = self._split(task, metric, r.levels, by_body)
            if split:
                text += f" ({split})"
            change = percent_change(r.change_pct)
            if change:
                text += f", {change}" + ("" if said_year else f" so với năm {self.year - 1}")
                said_year = True
            clauses.append(text)
        return clauses

    def _split(self, task: Task, metric: Metric, levels: tuple, by_body: bool) -> str:
        """`Sở Nội vụ 1.200, Sở GD&ĐT 300` when few bodies gave the figure; else `sở, ban, ngành 210; cấp xã 1.035`."""
        if by_body:
            rows = self.contributions.get(task.code)
            rows = rows[rows["metric"] == metric.key] if rows is not None else rows
            if rows is None or len(rows) < 2:
                return ""
            return ", ".join(f"{self.names.short(r.body)} {amount(r.value, metric.decimals)}" for r in rows.itertuples())
        if len(levels) < 2:
            return ""
        return "; ".join(f"{LEVEL_SPLIT.get(level, level)} {amount(value, metric.decimals)}" for level, value in levels)

    def _top_contributions(self, task: Task) -> str:
        """`Dẫn đầu về hội nghị tuyên truyền: UBND phường Hạc Thành (40 hội nghị), Sở Y tế (27 hội nghị) và …`.

        The metric most bodies gave a figure for (the first of the task on a tie).
        """
        rows = self.contributions.get(task.code)
        if rows is None:
            return ""
        givers = rows.groupby("metric", sort=False)["body"].nunique()
        if givers.empty or int(givers.max()) <= FEW_BODIES:
            return ""
        order = [m.key for m in self.plan.task_metrics(task)]
        key = max(givers.index, key=lambda k: (int(givers[k]), -order.index(k) if k in order else 0))
        metric = self.plan.metric(key)
        ranked = sorted(rows[rows["metric"] == key].itertuples(),
                        key=lambda r: (-Decimal(r.value), r.order))[:TOP_CONTRIBUTIONS]
        shown = [f"{self.names.short(r.body)} ({amount(r.value, metric.decimals)} {metric.unit})" for r in ranked]
        return f"Dẫn đầu về {metric.name}: {and_join(shown)}."

    def _metrics_without_figures(self, task: Task) -> str:
        metrics = self.plan.task_metrics(task)
        if not metrics:
            return ""
        return f"Các đơn vị chưa báo cáo số liệu về {and_join([m.name for m in metrics])}."

    def _documents(self, task: Task) -> str:
        docs = self.documents.get(task.code)
        if docs is None or docs.empty:
            return ""
        bodies = docs["body"].nunique()
        return (f"Có {count(bodies)} cơ quan, đơn vị đã ban hành {count(len(docs))} kế hoạch, văn bản triển khai "
                "(số, ngày văn bản tại Phụ lục III).") if bodies > 1 else ""

    def _partners(self, partners: pd.DataFrame | None) -> str:
        if partners is None or partners.empty:
            return ""
        reported = partners[partners["reported"]]
        if reported.empty:
            return ""
        if len(reported) == 1:
            r = reported.iloc[0]
            return f"{self.names.short(r['body'])} (phối hợp) báo cáo {_status_phrase(r['status'], r['timing'])}."
        return f"{count(len(reported))}/{count(len(partners))} đơn vị phối hợp đã báo cáo kết quả."

    def _contributors(self, task: Task) -> list[str]:
        rows = self.contributions.get(task.code)
        if rows is None:
            return []
        return list(dict.fromkeys(rows.sort_values("order", kind="stable")["body"]))


def _status_phrase(status: str, timing: str | None) -> str:
    """`hoàn thành đúng hạn`, `đang thực hiện, trong hạn`, `chưa thực hiện, quá hạn`."""
    if status == STATUS_DONE:
        return f"hoàn thành {timing}" if timing else "hoàn thành"
    return f"{status}, {timing}" if timing else str(status)


def _status_counts(reported: pd.DataFrame) -> str:
    """`55 hoàn thành đúng hạn, 119 đang thực hiện trong hạn` (a status split when some are overdue)."""
    parts = []
    for status in (STATUS_DONE, STATUS_ONGOING, STATUS_NOT_STARTED):
        rows = reported[reported["status"] == status]
        if rows.empty:
            continue
        late = int((rows["timing"] == TIMING_OVERDUE).sum())
        on_time = "đúng hạn" if status == STATUS_DONE else "trong hạn"
        if late == 0:
            parts.append(f"{count(len(rows))} {status} {on_time}")
        elif late == len(rows):
            parts.append(f"{count(len(rows))} {status} quá hạn")
        else:
            parts.append(f"{count(len(rows))} {status} ({count(len(rows) - late)} {on_time}, {count(late)} quá hạn)")
    return ", ".join(parts)
