"""The plan as data: targets (indicators), sections, tasks and the reporting rule.

Nothing about a particular plan lives in code: another province's plan is another YAML
file with the same shape (`inputs/README.md` documents it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import InputModel, VnDate, VnDecimal
from .signer import Signer

COMPARATORS = ("<", "≤", "≥", ">", "≈", "=")
ASCII_COMPARATORS = {"<=": "≤", ">=": "≥", "~": "≈", "==": "="}
TaskMode = Literal["giao", "đề nghị"]


class GroupName(InputModel):
    """A later name of a group, from the day the bodies it stands for changed (UBND các xã, phường)."""

    date: VnDate
    name: str


class Group(InputModel):
    """A set of bodies the plan addresses together ("các sở, ngành"), selected by kind."""

    key: str
    name: str                                   # as the plan names it
    kinds: list[str]
    exclude: list[str] = Field(default_factory=list)
    later_names: list[GroupName] = Field(default_factory=list)   # how documents name it from a date on

    def name_on(self, day: date) -> str:
        """The group's name on `day`: the plan's, or the latest later name in force."""
        names = [n for n in sorted(self.later_names, key=lambda n: n.date) if n.date <= day]
        return names[-1].name if names else self.name

    def former_names(self, day: date) -> list[str]:
        """Names the group had before the one in force on `day` (longest first, for replacing in text)."""
        current = self.name_on(day)
        names = [self.name, *(n.name for n in self.later_names if n.date <= day)]
        return sorted({n for n in names if n != current}, key=len, reverse=True)


class IndicatorGroup(InputModel):
    key: str               # "a"
    title: str             # "Về lao động, người có công và xã hội"


class Metric(InputModel):
    """A quantity task results are counted in, summed over bodies: hội nghị, lượt người, triệu đồng.

    `name` labels the figure in tables and forms (`đào tạo nghề nghiệp`), `unit` follows the
    number (`người`), and `phrase` is how a sentence of the consolidated report states a
    total, with `{n}` where the number goes (`đào tạo nghề nghiệp cho {n} người`).
    """

    key: str                                   # "dao-tao-nghe"
    name: str
    unit: str
    phrase: str | None = None
    decimals: int = Field(default=0, ge=0, le=4)   # digits after the comma the figure is kept and printed with

    @model_validator(mode="after")
    def _check(self) -> Metric:
        if self.phrase is not None and self.phrase.count("{n}") != 1:
            raise ValueError("phrase phải có đúng một chỗ «{n}» để ghi con số")
        return self

    def sentence(self, amount: str) -> str:
        """`đào tạo nghề nghiệp cho 1.200 người` (without a phrase: `đào tạo nghề nghiệp: 1.200 người`)."""
        if self.phrase:
            return self.phrase.replace("{n}", amount)
        return f"{self.name}: {amount} {self.unit}".rstrip()

    def label(self, amount: str) -> str:
        """`đào tạo nghề nghiệp: 1.200 người`, for tables."""
        return f"{self.name}: {amount} {self.unit}".rstrip()


class Baseline(InputModel):
    year: int
    value: VnDecimal
    source: str


class Indicator(InputModel):
    """A 2030 target of the plan, quantitative (comparator + value) or qualitative."""

    code: str                                  # "B07"
    group: str                                 # "b"
    name: str                                  # as the plan words it
    unit: str                                  # "%", "căn", "giường bệnh/10.000 dân"; "" for qualitative
    comparator: str | None = None              # one of COMPARATORS; None for qualitative
    target: VnDecimal | None = None
    tolerance: VnDecimal | None = None           # for ≈: accepted distance from the target
    qualitative_target: str | None = None      # "hoàn thành phổ cập", "chấm dứt"
    target_text: str | None = None             # the plan's own words for the target ("dưới 109 bé trai/100 bé gái")
    supplier: str | None = None                # body that reports the figure
    domains: list[str] = Field(default_factory=list)
    baseline: Baseline | None = None           # for the trajectory check; None when the plan gives none
    cumulative: bool = False                   # a yearly figure adds to a period total (lũy kế), e.g. housing units
    yearly_targets: dict[int, VnDecimal] = Field(default_factory=dict)   # the province's own target of a year
    decimals: int | None = Field(default=None, ge=0, le=6)   # places printed (default: the plan's unit_decimals)

    @field_validator("comparator", mode="before")
    @classmethod
    def _comparator(cls, v: object) -> object:
        v = ASCII_COMPARATORS.get(v, v) if isinstance(v, str) else v
        if v is not None and v not in COMPARATORS:   # here, so the error points at the comparator's line
            raise ValueError(f"phép so sánh «{v}» không hợp lệ; dùng một trong {' '.join(COMPARATORS)}")
        return v

    @model_validator(mode="after")
    def _check(self) -> Indicator:
        if self.comparator is not None and self.comparator not in COMPARATORS:
            raise ValueError(f"phép so sánh «{self.comparator}» không hợp lệ; dùng một trong {' '.join(COMPARATORS)}")
        if self.qualitative_target is None and (self.comparator is None or self.target is None):
            raise ValueError("chỉ tiêu định lượng cần cả comparator và target (hoặc ghi qualitative_target)")
        if self.unit == "%" and self.target is not None and not Decimal(0) <= self.target <= Decimal(100):
            raise ValueError(f"mục tiêu {self.target}% nằm ngoài khoảng 0–100")
        if self.yearly_targets and self.is_qualitative:
            raise ValueError("chỉ tiêu định tính không có mục tiêu năm (yearly_targets)")
        for year, value in self.yearly_targets.items():
            if value < 0 or (self.unit == "%" and value > 100):
                raise ValueError(f"mục tiêu năm {year} ({value}) không hợp lệ")
        if self.cumulative and (self.is_qualitative or self.comparator not in ("≥", ">")):
            raise ValueError("chỉ tiêu lũy kế (cumulative) phải là chỉ tiêu định lượng cần đạt tối thiểu (≥ hoặc >)")
        return self

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_qualitative(self) -> bool:
        return self.qualitative_target is not None and self.target is None


class Section(InputModel):
    """A numbered section of the plan's tasks part (III.1 … III.9, IV)."""

    number: str            # "III.4"
    title: str
    metrics: list[str] = Field(default_factory=list)   # metric keys every task of the section reports


class Task(InputModel):
    """One assignment: what, to whom (lead, partners), as an order or a request."""

    code: str                                   # "III.4.5" — the number as in the plan
    section: str                                # "III.4"
    title: str | None = None                    # a short name for reports ("Đào tạo nghề, thị trường lao động")
    numbered: bool = True                       # False: the plan writes it as a bullet, no number printed
    lead: list[str]                             # agency codes, or "@group" keys
    partners: list[str] = Field(default_factory=list)
    mode: TaskMode = "giao"
    domains: list[str] = Field(default_factory=list)   # functions, for routing a split body's work
    heading: str | None = None                  # the plan's words before the bullets ("Sở Y tế: Chủ trì, ...")
    addressee: str | None = None                # the words naming who the task is given to, as in the text
    content: list[str]                          # bullets, verbatim
    bullet_domains: list[list[str]] = Field(default_factory=list)   # per bullet (from `content: [{text, domains}]`)
    deadline: str | None = None                 # only when the plan states one: "Năm 2025"
    product: str | None = None                  # only when the plan states one
    metrics: list[str] = Field(default_factory=list)   # metric keys of the task's results (besides its section's)

    @property
    def due_year(self) -> int | None:
        """The year the task is due (`Năm 2025`, `Quý IV/2025`, `trước 31/12/2025`); None when it is
        ongoing (`Thường xuyên`) or recurring (`Hằng năm`): such a task is always within its term."""
        from ..vn.dates import deadline_year

        return deadline_year(self.deadline or "")

    @field_validator("lead", "partners", mode="before")
    @classmethod
    def _as_list(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="before")
    @classmethod
    def _bullets_with_domains(cls, data: object) -> object:
        """`content` items may be `{text, domains}`: the bullet's text, and the functions it belongs to."""
        if not isinstance(data, dict) or not isinstance(data.get("content"), list):
            return data
        items = data["content"]
        if not any(isinstance(item, dict) for item in items):
            return data
        if "bullet_domains" in data:
            raise ValueError("ghi lĩnh vực của từng ý trong content (text, domains), không ghi bullet_domains")
        texts, domains = [], []
        for item in items:
            if isinstance(item, dict):
                unknown = set(item) - {"text", "domains"}
                if unknown or "text" not in item:
                    raise ValueError("mỗi ý của content là một đoạn văn, hoặc một bảng khóa có text và domains")
                texts.append(item["text"])
                domains.append(item.get("domains") or [])
            else:
                texts.append(item)
                domains.append([])
        return {**data, "content": texts, "bullet_domains": domains}

    @model_validator(mode="after")
    def _check(self) -> Task:
        if not self.lead:
            raise ValueError("nhiệm vụ phải có ít nhất một cơ quan chủ trì (lead)")
        if not self.content:
            raise ValueError("nhiệm vụ phải có nội dung (content)")
        if self.bullet_domains and len(self.bullet_domains) != len(self.content):
            raise ValueError("bullet_domains phải có đúng một mục cho mỗi ý của content")
        stray = sorted({d for doms in self.bullet_domains for d in doms} - set(self.domains))
        if stray:
            raise ValueError(f"lĩnh vực của các ý ({', '.join(stray)}) phải có trong domains của nhiệm vụ")
        if self.addressee is not None and self.addressee not in " ".join(self.addressee_source.split()):
            where = "heading" if self.heading else "ý đầu tiên của content"
            raise ValueError(f"addressee «{self.addressee}» phải là nguyên văn một đoạn của {where}")
        return self

    @property
    def addressee_source(self) -> str:
        """The text that names who the task is given to: the heading, or the first bullet without one."""
        return self.heading if self.heading else self.content[0]


class Reporting(InputModel):
    """The plan's reporting rule: every year before day/month, to the focal body."""

    deadline_day: int = Field(ge=1, le=31)
    deadline_month: int = Field(ge=1, le=12)
    focal: str                                  # body that consolidates (routed by date like any body)
    focal_domains: list[str] = Field(default_factory=list)
    recipient: str                              # body the consolidated report goes to
    # whom `recipient` (the provincial People's Committee) reports to on the plan, upward: the
    # Kính gửi of `report --level province` unless the year's secretariat file names others
    upward_to: list[str] = Field(default_factory=list)
    first_year: int
    last_year: int
    rule_text: str                              # the plan's words: "định kỳ trước ngày 10/12 hằng năm ..."
    # Data period (thời gian chốt số liệu): from the day after the cut-off of Y-1 to the cut-off
    # of Y. Default 14/12: Decree 09/2019/NĐ-CP, Art. 12.2.d (15/12 of Y-1 to 14/12 of Y).
    cutoff_day: int = Field(default=14, ge=1, le=31)
    cutoff_month: int = Field(default=12, ge=1, le=12)
    # when the focal body reports on to `recipient` (later than the bodies' deadline); None: not set
    focal_deadline_day: int | None = Field(default=None, ge=1, le=31)
    focal_deadline_month: int | None = Field(default=None, ge=1, le=12)

    @model_validator(mode="after")
    def _check(self) -> Reporting:
        for day, month, what in ((self.deadline_day, self.deadline_month, "deadline"),
                                 (self.focal_deadline_day, self.focal_deadline_month, "focal_deadline")):
            if day is not None and month is not None:
                try:
                    date(2024, month, day)       # a leap year: 29/02 is a valid recurring day
                except ValueError:
                    raise ValueError(f"{what}_day/{what}_month: ngày {day}/{month} không có thật") from None
        if (self.focal_deadline_day is None) != (self.focal_deadline_month is None):
            raise ValueError("ghi cả focal_deadline_day và focal_deadline_month, hoặc bỏ cả hai")
        if self.focal_deadline_day is not None:
            bodies = (self.deadline_month, self.deadline_day)
            focal = (self.focal_deadline_month, self.focal_deadline_day)
            if focal <= bodies:
                raise ValueError(f"hạn báo cáo của cơ quan đầu mối ({self.focal_deadline_day}/{self.focal_deadline_month}) "
                                 f"phải sau hạn các cơ quan gửi báo cáo ({self.deadline_day}/{self.deadline_month})")
        return self

    def deadline(self, year: int) -> date:
        return date(year, self.deadline_month, self.deadline_day)

    def focal_deadline(self, year: int) -> date | None:
        """The day the focal body's consolidated report is due to `recipient` in year Y, if the plan data sets it."""
        if self.focal_deadline_day is None or self.focal_deadline_month is None:
            return None
        return date(year, self.focal_deadline_month, self.focal_deadline_day)

    def data_period(self, year: int) -> tuple[date, date]:
        """(first day, last day) of the figures a report for year Y covers."""
        from datetime import timedelta

        end = date(year, self.cutoff_month, self.cutoff_day)
        start = date(year - 1, self.cutoff_month, self.cutoff_day) + timedelta(days=1)
        return start, end


class VerdictBands(InputModel):
    """Where the bands of a verdict start, in % of the target compared with (see `compute.assessment`).

    Defaults: a target met is `vượt` above 100% of it, `đạt` otherwise; a target not met is
    `cơ bản đạt` from 90% of it, `không đạt` below.
    """

    exceeded_above: VnDecimal = Decimal(100)
    nearly_met_from: VnDecimal = Decimal(90)

    @model_validator(mode="after")
    def _check(self) -> VerdictBands:
        if not Decimal(0) < self.nearly_met_from < Decimal(100) <= self.exceeded_above:
            raise ValueError("cần 0 < nearly_met_from < 100 ≤ exceeded_above")
        return self


class Plan(InputModel):
    """The whole plan document as data."""

    code: str                                   # stable id: "KH-68-2024"
    number: int
    doc_type: str = "Kế hoạch"
    issuer: str                                 # agency code
    date: VnDate
    place: str
    title: str                                  # the trích yếu, as printed (sentence case)
    legal_bases: list[str] = Field(default_factory=list)
    preamble: str | None = None
    purposes: list[str]
    requirements: list[str]
    general_objective: str
    target_year: int = 2030
    indicator_groups: list[IndicatorGroup]
    indicators: list[Indicator]
    vision: str | None = None
    vision_year: int | None = None
    sections: list[Section]
    groups: list[Group] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    tasks: list[Task]
    reporting: Reporting
    verdict_bands: VerdictBands = Field(default_factory=VerdictBands)
    recipients: list[str]
    signer: Signer
    archive: str | None = None                  # "- Lưu: VT, <archive>."
    unit_decimals: dict[str, int] = Field(default_factory=dict)   # decimal places printed per unit ("căn": 0)

    @model_validator(mode="after")
    def _check(self) -> Plan:
        problems = []
        seen: set[str] = set()
        for i in self.indicators:
            if i.code in seen:
                problems.append(f"mã chỉ tiêu {i.code} bị trùng")
            seen.add(i.code)
        groups = {g.key for g in self.indicator_groups}
        for i in self.indicators:
            if i.group not in groups:
                problems.append(f"chỉ tiêu {i.code}: nhóm «{i.group}» không có trong indicator_groups")
        seen = set()
        sections = {s.number for s in self.sections}
        for t in self.tasks:
            if t.code in seen:
                problems.append(f"mã nhiệm vụ {t.code} bị trùng")
            seen.add(t.code)
            if t.section not in sections:
                problems.append(f"nhiệm vụ {t.code}: mục «{t.section}» không có trong sections")
        problems.extend(self._metric_problems())
        for i in self.indicators:
            for year in i.yearly_targets:
                if not self.reporting.first_year <= year <= self.reporting.last_year:
                    problems.append(f"chỉ tiêu {i.code}: mục tiêu năm {year} nằm ngoài thời gian của kế hoạch")
        units = {i.unit for i in self.indicators}
        for unit, places in self.unit_decimals.items():
            if unit not in units:
                problems.append(f"unit_decimals: không có chỉ tiêu nào có đơn vị «{unit}»")
            elif not 0 <= places <= 6:
                problems.append(f"unit_decimals: số chữ số thập phân của «{unit}» phải từ 0 đến 6")
        if problems:
            raise ValueError("; ".join(problems))
        for i in self.indicators:
            if i.decimals is None and i.unit in self.unit_decimals:
                i.decimals = self.unit_decimals[i.unit]
        return self

    def _metric_problems(self) -> list[str]:
        problems = []
        keys: set[str] = set()
        for m in self.metrics:
            if m.key in keys:
                problems.append(f"mã số liệu (metric) {m.key} bị trùng")
            keys.add(m.key)
        for owner, refs in [*((f"mục {s.number}", s.metrics) for s in self.sections),
                            *((f"nhiệm vụ {t.code}", t.metrics) for t in self.tasks)]:
            for key in refs:
                if key not in keys:
                    problems.append(f"{owner}: số liệu «{key}» không có trong metrics")
        return problems

    def metric(self, key: str) -> Metric | None:
        return next((m for m in self.metrics if m.key == key), None)

    def task_metrics(self, task: Task) -> list[Metric]:
        """The metrics a task's results are counted in: its section's, then its own (each once)."""
        section = next((s for s in self.sections if s.number == task.section), None)
        keys = list(dict.fromkeys([*(section.metrics if section else []), *task.metrics]))
        return [m for k in keys if (m := self.metric(k)) is not None]

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def task(self, code: str) -> Task | None:
        return next((t for t in self.tasks if t.code == code), None)

    def group(self, key: str) -> Group | None:
        return next((g for g in self.groups if g.key == key), None)
