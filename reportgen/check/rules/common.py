"""What every rule needs: the context it runs in and the usual format tests on runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document, Run
from ..facts import Facts
from ..structure import Layout
from ..textutil import looks_upper

PAGE1 = "Trang 1, khối đầu văn bản"
SIGNATURE = "Cuối văn bản, khối chữ ký và nơi nhận"


@dataclass(frozen=True)
class Context:
    """A document, where its elements are, and the decree's facts."""

    doc: Document
    layout: Layout
    facts: Facts


def pt(value: float) -> str:
    """A size in points the Vietnamese way: 13, 13,5."""
    return f"{value:g}".replace(".", ",")


def size_range(lo: float, hi: float) -> str:
    return f"{pt(lo)} pt" if lo == hi else f"từ {pt(lo)} đến {pt(hi)} pt"


def format_issues(
    runs: Iterable[Run],
    text: str = "",
    *,
    size: tuple[float, float] | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    underline: bool | None = None,
) -> list[str]:
    """Vietnamese phrases naming each way the runs' formatting misses what is asked.

    Runs of punctuation alone (the colon of `Nơi nhận:` typed upright) are not judged:
    they do not change what a reader sees of the element.
    """
    runs = [r for r in runs if any(c.isalnum() for c in r.text)]
    if not runs:
        return []
    issues: list[str] = []
    if size is not None:
        lo, hi = size
        bad = sorted({r.fmt.size for r in runs if not lo - 0.01 <= r.fmt.size <= hi + 0.01})
        if bad:
            issues.append(f"cỡ chữ phải {size_range(lo, hi)} (đang là {', '.join(pt(s) for s in bad)} pt)")
    if bold is True and not all(r.fmt.bold for r in runs):
        issues.append("phải in đậm")
    if bold is False and any(r.fmt.bold for r in runs):
        issues.append("không được in đậm")
    if italic is True and not all(r.fmt.italic for r in runs):
        issues.append("phải in nghiêng")
    if italic is False and any(r.fmt.italic for r in runs):
        issues.append("phải là chữ đứng, không in nghiêng")
    if upper is True and not looks_upper(text or "".join(r.text for r in runs), runs):
        issues.append("phải viết chữ in hoa")
    if underline is False and any(r.fmt.underline for r in runs):
        issues.append("không được gạch chân")
    return issues


def sentence(subject: str, issues: list[str]) -> str:
    """`Quốc hiệu: phải in đậm; cỡ chữ ...`."""
    return f"{subject}: {'; '.join(issues)}."
