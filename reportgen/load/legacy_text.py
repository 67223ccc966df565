"""Find text typed in a legacy 8-bit Vietnamese encoding (TCVN3, VNI) inside loaded data.

Converted text replaces the original in the data with a warning naming the place; text
that looks legacy but cannot be decided is an error, so nothing garbled reaches a document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import Problem
from .source import Path_, SourceDoc

_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


def fix_legacy_strings(doc: SourceDoc, fonts: dict[Path_, str] | None = None) -> list[Problem]:
    """Convert legacy-encoded strings in `doc.data` in place; return warnings and errors."""
    problems: list[Problem] = []
    doc.data = _walk(doc, doc.data, (), problems, fonts or {})
    return problems


def _walk(doc: SourceDoc, value: Any, path: Path_, problems: list[Problem], fonts: dict[Path_, str]) -> Any:
    if isinstance(value, dict):
        return {k: _walk(doc, v, path + (k,), problems, fonts) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(doc, v, path + (i,), problems, fonts) for i, v in enumerate(value)]
    if isinstance(value, str) and value:
        from ..vn.legacy import convert_legacy

        kind = _detect(value, fonts.get(path))
        if kind in _NAMES:
            fixed = convert_legacy(value, kind)
            problems.append(doc.problem(
                f"văn bản gõ bằng bảng mã cũ {_NAMES[kind]} đã được chuyển sang Unicode: «{fixed[:60]}»", path,
                severity="warning", code="input.legacy-text"))
            return fixed
        if kind == "unknown":
            problems.append(doc.problem(
                f"văn bản có vẻ dùng bảng mã cũ nhưng không xác định được (TCVN3 hay VNI): «{value[:60]}»; "
                "hãy gõ lại bằng Unicode", path, code="input.legacy-text"))
    return value


@lru_cache(maxsize=65536)
def _detect(text: str, font: str | None) -> str:
    """Detection is pure and the same phrases recur across many submissions: cache it."""
    from ..vn.legacy import detect_legacy

    return detect_legacy(text, font)
