"""Heading numbers and điểm letters of the body (Phụ lục I, mục II.6.đ).

Roman `I.`, `II.` number the parts; Arabic `1.`, `2.` restart under each of them; `1.1.`,
`1.2.` restart under each `1.`; điểm `a)`, `b)` … follow the Vietnamese alphabet
(`vn.DIEM_LETTERS`: no f, j, w, z; đ after d) and restart under each heading.

Deliberately conservative, as these are warnings read from text alone:
- a numbered paragraph is a heading only when it looks like one: its number is bold, or
  it is a line of text with no closing punctuation. `1. Các đơn vị … thực hiện.` inside
  the text is a numbered list, not the outline, and is not judged; nor is a short item
  that goes on such a list (`2. Về nội dung` after `1. Căn cứ khoản 3 …;`);
- a paragraph Word numbers itself (`w:numPr`) shows a number or letter its text does
  not hold: the run of điểm it belongs to is not judged until a new one starts at `a)`;
- a run of điểm may always start again at `a)`; what is reported is a letter that skips,
  repeats or is not in the alphabet, once per run, at the first wrong letter;
- a heading that jumps a level (`1.1.1.` right under `1.`) is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...vn import DIEM_LETTERS, roman
from ..document import Para
from ..findings import Finding
from ..textutil import flat
from .common import Context

# The text may follow the number without a space (`6.1.Công tác`, a slip of typing).
_NUMBER = re.compile(r"^(?:(?P<roman>[IVXL]+)|(?P<arabic>\d{1,2}(?:\.\d{1,2})*))\.(?:\s+|(?=[^\W\d_]))(?P<rest>\S.*)$")
_DIEM = re.compile(r"^[“\"«‘']?(?P<letter>[a-zđ])\)\s+\S")  # a quoted text's điểm may open with a quote
_PART = re.compile(r"^(?:Phần|Chương|Mục|Tiểu mục|Điều)\s+\S")
_ROMAN_VALUES = {roman(n): n for n in range(1, 40)}
_CLOSING = ".;:,"
_NOT_LETTERS = "fjwz"  # Latin letters the Vietnamese alphabet has not
_UNKNOWN = "?"  # the letter of a paragraph Word numbers itself


def check(ctx: Context) -> Iterator[Finding]:
    outline = _Outline(ctx)
    bases = {id(p) for p in ctx.layout.legal_bases}
    for p in ctx.layout.body:
        if p.fmt.align != "center" and id(p) not in bases:
            yield from outline.read(p)


class _Outline:
    """The numbering read so far: the last Roman number, the Arabic ladder, the điểm run."""

    def __init__(self, ctx: Context):
        self.heading_rule = ctx.facts.rule("heading-numbers")
        self.diem_rule = ctx.facts.rule("diem-letters")
        self.roman = 0
        self.arabic: tuple[int, ...] = ()
        # After a wrong number, what the writer may have meant: the next heading may follow
        # either it or the number written, so that one slip is one finding.
        self.roman_meant: int | None = None
        self.arabic_meant: tuple[int, ...] | None = None
        self.diem: str | None = None  # the last letter of the current run of điểm
        self.diem_reported = False
        self.list_items: dict[int, int] = {}  # depth → last number of a numbered list (not headings)

    def read(self, p: Para) -> Iterator[Finding]:
        text = flat(p.text)
        if _PART.match(text):
            self.roman, self.arabic, self.roman_meant, self.arabic_meant = 0, (), None, None
            self._new_run()
            return
        number = _NUMBER.match(text)
        if number is not None:
            if number["arabic"]:
                parts = tuple(int(x) for x in number["arabic"].split("."))
                if _looks_like_heading(p, number) and not self._goes_on_a_list(p, parts):
                    self.list_items = {d: n for d, n in self.list_items.items() if d < len(parts)}
                    yield from self._arabic(p, parts)
                else:
                    self.list_items[len(parts)] = parts[-1]
            elif number["roman"] in _ROMAN_VALUES and _looks_like_heading(p, number):
                self.list_items = {}
                yield from self._roman(p, number["roman"])
            return
        if p.fmt.numbered:
            self.diem, self.diem_reported = _UNKNOWN, True
            return
        diem = _DIEM.match(text)
        if diem is not None:
            yield from self._diem(p, diem["letter"])

    def _goes_on_a_list(self, p: Para, parts: tuple[int, ...]) -> bool:
        """A plain (not bold) item numbered next after a numbered list: one more list item."""
        runs = p.text_runs()
        bold = bool(runs) and runs[0].fmt.bold
        return not bold and self.list_items.get(len(parts)) == parts[-1] - 1

    def _roman(self, p: Para, token: str) -> Iterator[Finding]:
        value = _ROMAN_VALUES[token]
        expected = self.roman + 1
        meant = self.roman_meant
        self.roman_meant = None
        if value != expected and (meant is None or value != meant + 1):
            previous = f"{roman(self.roman)}." if self.roman else None
            yield self.heading_rule.finding(
                _sequence_message(f"{token}.", previous, f"{roman(expected)}.", value < expected), p.location
            )
            self.roman_meant = expected
        self.roman, self.arabic, self.arabic_meant = value, (), None
        self._new_run()

    def _arabic(self, p: Para, parts: tuple[int, ...]) -> Iterator[Finding]:
        depth = len(parts)
        current = self.arabic
        meant = self.arabic_meant
        self.arabic_meant = None
        self.arabic = parts
        self._new_run()
        if depth > len(current) + 1:
            return  # a level skipped (`1.1.1.` under `1.`): not judged
        expected = _next_number(current, depth)
        if parts == expected or (meant is not None and depth <= len(meant) + 1 and parts == _next_number(meant, depth)):
            return
        if parts[: depth - 1] != current[: depth - 1]:
            message = (
                f"Số thứ tự đề mục «{_ladder(parts)}» không thuộc đề mục đang trình bày "
                f"«{_ladder(current[: depth - 1])}»; phải là «{_ladder(expected)}»."
            )
        else:
            previous = _ladder(current[:depth]) if expected[-1] > 1 else None
            message = _sequence_message(_ladder(parts), previous, _ladder(expected), parts < expected)
        yield self.heading_rule.finding(message, p.location)
        self.arabic_meant = expected

    def _diem(self, p: Para, letter: str) -> Iterator[Finding]:
        if letter == DIEM_LETTERS[0]:
            self.diem, self.diem_reported = letter, False  # a run may always start again at a)
            return
        previous, self.diem = self.diem, letter
        if previous is _UNKNOWN:
            self.diem_reported = False  # the letters typed after Word's own go on from here
            return
        if self.diem_reported:
            return
        expected = _next_letter(previous)
        if letter == expected:
            return
        self.diem_reported = True
        yield self.diem_rule.finding(_diem_message(letter, previous, expected), p.location)

    def _new_run(self) -> None:
        self.diem, self.diem_reported = None, False


def _looks_like_heading(p: Para, number: re.Match) -> bool:
    """A bold number, or a line of text without closing punctuation (`2. Yêu cầu`)."""
    rest = number["rest"]
    if not (rest[0].isalpha() or rest[0] in "\"“«("):
        return False
    runs = p.text_runs()
    return (bool(runs) and runs[0].fmt.bold) or rest[-1] not in _CLOSING


def _next_number(current: tuple[int, ...], depth: int) -> tuple[int, ...]:
    """The number a heading at `depth` takes after the ladder `current` (`(1, 2)`, 2 → `(1, 3)`)."""
    before = current[depth - 1] if len(current) >= depth else 0
    return current[: depth - 1] + (before + 1,)


def _ladder(parts: tuple[int, ...]) -> str:
    return "".join(f"{n}." for n in parts)


def _sequence_message(found: str, previous: str | None, expected: str, backwards: bool) -> str:
    if previous is None:
        return f"Số thứ tự đề mục «{found}» không đúng: đề mục đầu tiên ở cấp này phải là «{expected}»."
    if found == previous:
        return f"Số thứ tự đề mục «{found}» bị lặp lại; sau «{previous}» phải là «{expected}»."
    if backwards:
        return f"Số thứ tự đề mục «{found}» lùi lại sau «{previous}»; phải là «{expected}»."
    return f"Số thứ tự đề mục «{found}» bỏ qua «{expected}» (liền sau «{previous}» phải là «{expected}»)."


def _next_letter(previous: str | None) -> str | None:
    """The điểm letter after `previous` (`a` to start a run), None after the last one."""
    if previous is None:
        return DIEM_LETTERS[0]
    if previous not in DIEM_LETTERS:
        return None
    at = DIEM_LETTERS.index(previous) + 1
    return DIEM_LETTERS[at] if at < len(DIEM_LETTERS) else None


def _diem_message(letter: str, previous: str | None, expected: str | None) -> str:
    order = "Thứ tự điểm: " + " ".join(DIEM_LETTERS) + "."
    if previous is None:
        return f"Điểm đầu tiên phải là «a)» (đang «{letter})»). {order}"
    if expected is None:
        return f"Sau điểm «{previous})» không còn chữ cái để đánh điểm; hãy tách danh sách. {order}"
    if letter in _NOT_LETTERS:
        return (f"Điểm «{letter})» dùng chữ «{letter}», không có trong bảng chữ cái tiếng Việt; "
                f"sau «{previous})» là «{expected})». {order}")
    if letter == previous:
        return f"Điểm «{letter})» bị lặp lại; sau «{previous})» là «{expected})». {order}"
    return f"Điểm «{letter})» không đúng thứ tự: sau «{previous})» là «{expected})». {order}"
