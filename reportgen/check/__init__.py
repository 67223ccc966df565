"""Decree 30/2020 format checking of any .docx: `check_docx(path_or_bytes) -> list[Finding]`."""

from __future__ import annotations

from .engine import check_docx, check_package
from .findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding", "check_docx", "check_package"]
