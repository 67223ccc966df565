"""What `build` needs of the plan, the registry and the overlays, checked by `validate` first.

Each check here mirrors a place where building a document would stop, and calls the same
function the documents call (the ký hiệu is made by `vn.so_ky_hieu`, the focal body found by
`model.routing.focal_body`), so the two cannot drift apart. `tests/test_validate_covers_build.py`
lists every place the build can raise and the check that comes before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..errors import Problem
from ..model import Plan, Registry
from ..model.routing import focal_body, tasks_of_body
from ..vn import so_ky_hieu
from ..vn.numbering import DIEM_LETTERS
from .source import SourceDoc

# The document types reportgen writes: every issuer's abbreviation must make a ký hiệu with them.
DOCUMENT_TYPES = ("Kế hoạch", "Báo cáo")

Add = Callable[[Problem], None]


def check_abbrev(doc: SourceDoc, index: int, code: str, abbrev: str, add: Add) -> None:
    """An agency's ký hiệu abbreviation makes a valid số, ký hiệu (`05/BC-SYT`) for every document type."""
    for doc_type in DOCUMENT_TYPES:
        try:
            so_ky_hieu(1, doc_type, abbrev)
        except ValueError as exc:
            add(doc.problem(f"chữ viết tắt ký hiệu của {code} không dùng được: {_message(exc)}",
                            ("agencies", index, "abbrev"), code="plan.abbrev"))
            return


def check_plan(doc: SourceDoc, plan: Plan, registry: Registry, add: Add) -> None:
    """The plan's own ký hiệu, the focal body of every year, and the numbering limits of its lists."""
    issuer = registry.agencies.get(plan.issuer)
    if issuer is not None:
        try:
            so_ky_hieu(plan.number, plan.doc_type, issuer.abbrev)
        except ValueError as exc:
            add(doc.problem(f"số, ký hiệu của kế hoạch không tạo được: {_message(exc)}",
                            ("doc_type",) if "loại văn bản" in str(exc) else ("number",), code="plan.number"))
    if plan.reporting.focal in registry or plan.reporting.focal.startswith("@"):
        for year in range(plan.reporting.first_year, plan.reporting.last_year + 1):
            if focal_body(plan, registry, year) is None:
                add(doc.problem(f"không xác định được cơ quan đầu mối tổng hợp báo cáo năm {year}: "
                                f"«{plan.reporting.focal}» không còn tồn tại và không có đơn vị kế nhiệm "
                                "(xem successors trong inputs/agencies.yaml)", ("reporting", "focal"), code="plan.focal-unknown"))
    per_section = Counter(t.section for t in plan.tasks)
    positions = {s.number: i for i, s in enumerate(plan.sections)}
    for section, count in per_section.items():
        if count > len(DIEM_LETTERS):
            add(doc.problem(f"mục {section} có {count} nhiệm vụ; văn bản chỉ đánh được {len(DIEM_LETTERS)} điểm "
                            "(a đến y) trong một mục: hãy tách mục", ("sections", positions.get(section, 0)), code="plan.too-many-tasks"))
    if len(plan.indicator_groups) > len(DIEM_LETTERS):
        add(doc.problem(f"có {len(plan.indicator_groups)} nhóm chỉ tiêu; văn bản chỉ đánh được "
                        f"{len(DIEM_LETTERS)} điểm (a đến y)", ("indicator_groups",), code="plan.too-many-groups"))


def check_overlay_size(doc: SourceDoc, overlay, plan: Plan, registry: Registry, years: list[int], add: Add) -> None:
    """A body's extra tasks and its plan tasks in one section fit the điểm letters (a–y), in every year it is used."""
    extras = Counter(e.section for e in overlay.extra_tasks)
    if not extras:
        return
    worst: dict[str, int] = {}
    for year in years:
        led, supported = tasks_of_body(plan, registry, overlay.agency, year)
        own = Counter(t.section for t in led + supported)
        for section, count in extras.items():
            worst[section] = max(worst.get(section, 0), own.get(section, 0) + count)
    for section, total in worst.items():
        if total > len(DIEM_LETTERS):
            first = next(i for i, e in enumerate(overlay.extra_tasks) if e.section == section)
            add(doc.problem(f"mục {section} có tới {total} nhiệm vụ (kể cả nhiệm vụ bổ sung); văn bản chỉ đánh được "
                            f"{len(DIEM_LETTERS)} điểm (a đến y) trong một mục", ("extra_tasks", first, "section"), code="overlay.too-many-tasks"))


def _message(exc: ValueError) -> str:
    text = str(exc).strip()
    return text[:1].lower() + text[1:] if text else "không hợp lệ"
