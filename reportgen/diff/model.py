"""What a draft is made of, as the diff sees it: stories of paragraphs and tables, with locations.

A `DraftDocument` keeps the parsed XML of every story part (after accepting any tracked
changes already in the file), so the redline writer can mark up NEW's own elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from ..ooxml import DocxPackage
from .formatting import FormatSpans, ParaLook, RunFormats

StoryKind = Literal["body", "header", "footer", "footnote", "endnote"]

STORY_LABELS: dict[str, str] = {
    "body": "",
    "header": "Đầu trang",
    "footer": "Chân trang",
    "footnote": "Chú thích",
    "endnote": "Chú thích cuối",
}


@dataclass(frozen=True)
class Location:
    """Where a block sits: a story and a path of steps (`p` paragraph, `t` table, `r` row, `c` cell).

    `show_last_para` is False when the last `p` step is the only paragraph of its
    container (a one-paragraph cell or footnote), so the label can leave it out.
    """

    story: str
    story_no: int = 0
    steps: tuple[tuple[str, int], ...] = ()
    story_count: int = 1
    show_last_para: bool = True

    def child(self, kind: str, n: int, *, show: bool = True) -> Location:
        return Location(self.story, self.story_no, (*self.steps, (kind, n)), self.story_count, show)

    @property
    def path(self) -> str:
        """A stable machine-readable path such as `body/t1/r3/c2/p1` or `footnote2/p1`."""
        head = "body" if self.story == "body" else f"{self.story}{self.story_no}"
        return "/".join([head, *(f"{k}{n}" for k, n in self.steps)])

    @property
    def label(self) -> str:
        """The location in the reader's words: `Đoạn 12`, `Bảng 1, hàng 3, ô 2`, `Chú thích 2`."""
        parts: list[str] = []
        if self.story != "body":
            name = STORY_LABELS[self.story]
            parts.append(name if self.story_count == 1 and self.story in ("header", "footer") else f"{name} {self.story_no}")
        names = {"p": "đoạn", "t": "bảng", "r": "hàng", "c": "ô"}
        for i, (kind, n) in enumerate(self.steps):
            last = i == len(self.steps) - 1
            if kind == "p" and last and not self.show_last_para:
                continue
            parts.append(f"{names[kind]} {n}")
        if not parts:
            return "Toàn văn bản"
        text = ", ".join(parts)
        return text[0].upper() + text[1:]

    def to_json(self) -> dict:
        return {"label": self.label, "path": self.path}


@dataclass(eq=False)
class Para:
    """One paragraph: its text as displayed (no list label), the comparison key, heading level."""

    el: etree._Element
    text: str
    key: str
    loc: Location
    heading: int | None = None
    list_label: str = ""
    section: str = ""  # text of the nearest heading above, for context
    objects: tuple[str, ...] = ()  # signatures of pictures and text boxes (see text.object_signatures)
    formats: FormatSpans = ()  # run formatting per stretch of `text` (see formatting.RunFormats)
    look: ParaLook | None = None  # the paragraph's own compared properties (style, alignment, list...)
    object_names: tuple[str, ...] = ()  # one description per object character, for the reader

    kind = "paragraph"


@dataclass(eq=False)
class Cell:
    el: etree._Element
    items: list[Item]
    loc: Location

    @property
    def text(self) -> str:
        return "\n".join(item_text(i) for i in self.items)

    @property
    def key(self) -> str:
        return "\n".join(i.key for i in self.items)


@dataclass(eq=False)
class Row:
    el: etree._Element
    cells: list[Cell]
    loc: Location
    section: str = ""

    kind = "row"

    @property
    def key(self) -> str:
        return "\x1f".join(c.key for c in self.cells)

    @property
    def text(self) -> str:
        return " | ".join(c.text.replace("\n", " ") for c in self.cells)


@dataclass(eq=False)
class Table:
    el: etree._Element
    rows: list[Row]
    grid_cols: int
    loc: Location
    section: str = ""

    kind = "table"

    @property
    def key(self) -> str:
        return "\x1e".join(r.key for r in self.rows)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows)


Item = Para | Table


def item_text(item: Item) -> str:
    return item.text


@dataclass(eq=False)
class Story:
    """A run of content with its own container: the body, one header, one footnote..."""

    kind: StoryKind
    number: int
    part: str
    container: etree._Element
    items: list[Item]
    loc: Location
    slots: tuple[tuple[int, str], ...] = ()  # headers and footers: (section number, type) that use it

    @property
    def key(self) -> str:
        return "\x1d".join(i.key for i in self.items)

    @property
    def text(self) -> str:
        return "\n".join(i.text for i in self.items)


@dataclass(frozen=True)
class Block:
    """One entry of the flat, ordered block list of a draft (what `read_blocks` returns)."""

    kind: Literal["paragraph", "row"]
    location: Location
    text: str
    heading: int | None = None
    list_label: str = ""
    cells: tuple[str, ...] = ()


@dataclass(eq=False)
class DraftDocument:
    """A draft read for comparison: its stories, parsed parts and what was done on the way in."""

    source: str
    package: DocxPackage
    roots: dict[str, etree._Element]
    stories: list[Story]
    accepted_revisions: int = 0
    notes: list[str] = field(default_factory=list)
    formats: RunFormats | None = None  # resolves run formatting with this draft's styles

    def story_group(self, kind: str) -> list[Story]:
        return [s for s in self.stories if s.kind == kind]

    def blocks(self) -> list[Block]:
        """The draft as an ordered list of blocks: paragraphs and table rows, story by story."""
        out: list[Block] = []
        for story in self.stories:
            _flatten(story.items, out)
        return out


def _flatten(items: list[Item], out: list[Block]) -> None:
    for item in items:
        if isinstance(item, Para):
            out.append(Block("paragraph", item.loc, item.text, item.heading, item.list_label))
        else:
            for row in item.rows:
                out.append(Block("row", row.loc, row.text, cells=tuple(c.text for c in row.cells)))
                for cell in row.cells:
                    nested = [i for i in cell.items if isinstance(i, Table)]
                    _flatten(nested, out)
