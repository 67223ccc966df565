"""The list of changes a reviewer reads, built from an alignment of two drafts.

One `Change` per inserted, deleted, changed or moved block, in NEW's reading order,
each with its location in both drafts and, for a changed paragraph, its word diff. A
paragraph whose text is equal but whose run formatting changed is a `format` change; a
changed paragraph also lists the formatting changes of its unchanged words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .align import Alignment, Op
from .formatting import FormatEdit, ParaEdit
from .model import Location, Para, Row, Story, Table
from .words import Segment

ChangeKind = Literal["insert", "delete", "change", "move", "format"]
BlockKind = Literal["paragraph", "table", "row", "story"]

KIND_LABELS: dict[str, str] = {"insert": "Thêm", "delete": "Xóa", "change": "Sửa", "move": "Di chuyển",
                               "format": "Định dạng"}
OPTIONAL_KINDS = ("format",)  # counted and listed only when a diff has some


@dataclass
class Change:
    """One difference between the drafts, located in both."""

    kind: ChangeKind
    what: BlockKind
    old: Location | None
    new: Location | None
    old_text: str = ""
    new_text: str = ""
    segments: list[Segment] = field(default_factory=list)
    section: str = ""
    formats: list[FormatEdit] = field(default_factory=list)
    paragraph: ParaEdit | None = None  # the paragraph's own properties (style, alignment, list...) changed
    old_objects: tuple[str, ...] = ()  # descriptions of the pictures and text boxes in OLD's block
    new_objects: tuple[str, ...] = ()

    def objects_line(self) -> str:
        """The pictures and text boxes a change touches, named: `hình «a.png» 5,0 × 3,0 cm → …`."""
        if self.old_objects == self.new_objects:
            return ""
        old = ", ".join(self.old_objects) or "không có"
        new = ", ".join(self.new_objects) or "không có"
        if self.kind == "insert":
            return f"thêm {new}"
        if self.kind == "delete":
            return f"xóa {old}"
        return f"{old} → {new}"

    @property
    def location(self) -> Location:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def where(self) -> str:
        """`Đoạn 12`, or `Đoạn 3 → Đoạn 9` for a move."""
        if self.kind == "move" and self.old is not None and self.new is not None:
            return f"{self.old.label} → {self.new.label}"
        return self.location.label

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "place": self.where(),
            "text": f"{self.label} {self.where()}" + (f" ({self.section})" if self.section else ""),
            "block": self.what,
            "old_location": self.old.to_json() if self.old else None,
            "new_location": self.new.to_json() if self.new else None,
            "section": self.section,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "words": [
                {"op": s.op, "old": s.old_text(self.old_text), "new": s.new_text(self.new_text)}
                for s in self.segments
            ],
            "formats": [f.to_json(self.new_text) for f in self.formats],
            "paragraph": self.paragraph.to_json() if self.paragraph else None,
            "objects": {"old": list(self.old_objects), "new": list(self.new_objects)},
        }


def collect_changes(alignment: Alignment) -> list[Change]:
    """Every change of an alignment, story by story, in NEW's reading order."""
    out: list[Change] = []
    for op in alignment.stories:
        if op.kind == "change":
            _items(op.items or [], out)
        elif op.kind in ("insert", "delete"):
            out.append(Change(op.kind, "story", _loc(op.old), _loc(op.new),
                              op.old.text if op.old else "", op.new.text if op.new else ""))
    return out


def _items(ops: list[Op], out: list[Change]) -> None:
    for op in ops:
        if op.kind == "equal" and (op.formats or op.para):
            out.append(Change("format", "paragraph", op.old.loc, op.new.loc, op.old.text, op.new.text,
                              section=op.new.section, formats=list(op.formats or []), paragraph=op.para))
        if op.kind == "equal" or (op.moved and op.kind == "delete"):
            continue
        block = op.new if op.new is not None else op.old
        what: BlockKind = "paragraph" if isinstance(block, Para) else "table" if isinstance(block, Table) else "row"
        section = getattr(block, "section", "")
        if op.moved:
            src = op.partner.old
            out.append(Change("move", what, src.loc, op.new.loc, src.text, op.new.text, section=section))
        elif op.kind == "insert":
            out.append(Change("insert", what, None, block.loc, "", block.text, section=section,
                              new_objects=_objects(block)))
        elif op.kind == "delete":
            out.append(Change("delete", what, block.loc, None, block.text, "", section=section,
                              old_objects=_objects(block)))
        elif op.words is not None:
            out.append(Change("change", what, op.old.loc, op.new.loc, op.old.text, op.new.text,
                              list(op.words), section, list(op.formats or []), op.para,
                              _objects(op.old), _objects(op.new)))
        elif op.rows is not None:
            _items(op.rows, out)
        elif op.cells is not None:
            for cell_ops in op.cells:
                _items(cell_ops, out)


def _objects(block) -> tuple[str, ...]:
    return block.object_names if isinstance(block, Para) else ()


def _loc(block: Story | Row | None) -> Location | None:
    return None if block is None else block.loc
