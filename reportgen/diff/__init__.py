"""Compare two drafts: .docx → blocks → alignment → change list, HTML page or redline .docx.

Entry points: `compare_docx(old, new)` gives a `DocxDiff` (changes, notes, the alignment
the redline is written from); `redline_docx(diff, author=, date=)` gives NEW's package with
tracked changes; `render_html` and `render_terminal` present a diff; `structured` compares
two submission files (YAML/JSON) by task and indicator.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .align import Alignment, align_documents
from .changes import KIND_LABELS, OPTIONAL_KINDS, Change, collect_changes
from .reader import read_blocks, read_draft

__all__ = ["DocxDiff", "compare_docx", "redline_docx", "default_redline_date", "read_blocks", "read_draft"]


@dataclass
class DocxDiff:
    """The changes from OLD to NEW, with what was noticed on the way (accepted revisions...)."""

    old_name: str
    new_name: str
    changes: list[Change]
    alignment: Alignment
    notes: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.changes

    def summary(self) -> dict[str, int]:
        """How many changes of each kind, in a fixed order (insert, delete, change, move, then
        format only when there are formatting changes, so plain-text diffs read as before)."""
        counts = {k: 0 for k in KIND_LABELS}
        for c in self.changes:
            counts[c.kind] += 1
        return {k: n for k, n in counts.items() if n or k not in OPTIONAL_KINDS}

    def to_json(self) -> dict:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "equal": self.equal,
            "summary": self.summary(),
            "notes": self.notes,
            "changes": [c.to_json() for c in self.changes],
        }


def compare_docx(old: str | os.PathLike | bytes, new: str | os.PathLike | bytes) -> DocxDiff:
    """Read both drafts and list what changed from OLD to NEW."""
    a, b = read_draft(old), read_draft(new)
    alignment = align_documents(a, b)
    return DocxDiff(_name(old), _name(new), collect_changes(alignment), alignment, a.notes + b.notes)


def redline_docx(diff: DocxDiff, *, author: str, date: str) -> bytes:
    """NEW's .docx with tracked changes against OLD (call once per diff: it marks NEW's parts)."""
    from .redline import write_redline

    data, notes = write_redline(diff.alignment, author=author, date=date)
    diff.notes.extend(notes)
    return data


def default_redline_date(diff: DocxDiff, now: datetime | None = None) -> str:
    """The revision date when none is given: NEW's own 'modified' date from its core
    properties when it has one (the same two drafts then give the same redline bytes), else
    the current time (`now`, UTC, to the second)."""
    own = diff.alignment.new.package.modified()
    if own is not None:
        return own
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _name(src: str | os.PathLike | bytes) -> str:
    return "<bytes>" if isinstance(src, bytes) else Path(os.fspath(src)).name
