"""The human report of `reportgen check`, in Vietnamese, with repeated findings grouped."""

from __future__ import annotations

from .findings import Finding, count, group

MAX_PLACES = 3


def format_report(name: str, findings: list[Finding], *, errors_only: bool = False) -> str:
    """The findings of one file: a summary line, then one block per rule and message.

    A rule broken in many places prints its first places and `và N đoạn khác`; the JSON
    output keeps every finding.
    """
    errors, warnings = count(findings)
    if not findings:
        return f"{name}: đúng thể thức, không có lỗi hay cảnh báo."
    lines = [f"{name}: {errors} lỗi, {warnings} cảnh báo"]
    shown = [f for f in findings if f.is_error] if errors_only else findings
    for first, places in group(shown):
        label = "LỖI" if first.is_error else "CẢNH BÁO"
        lines.append(f"  {label} [{first.rule_id}] {first.message}")
        lines.append(f"      Vị trí: {_places(places)}")
        lines.append(f"      Căn cứ: {first.reference}")
    return "\n".join(lines)


def _places(places: list[str]) -> str:
    head = "; ".join(places[:MAX_PLACES])
    rest = len(places) - MAX_PLACES
    if rest <= 0:
        return head
    paragraphs = ("Đoạn", "Bảng", "Đầu trang", "Chân trang", "Chú thích", "Hộp văn bản")
    unit = "đoạn" if all(p.startswith(paragraphs) for p in places) else "chỗ"
    return f"{head} và {rest} {unit} khác"
