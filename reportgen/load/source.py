"""YAML and JSON files read with their source lines, so every problem can name its line.

PyYAML composes the file into nodes that carry their line; we convert those to plain
Python values and keep a `path → line` map beside them. JSON is read by the same loader
(JSON is, for practical purposes, YAML), so JSON inputs get lines too.

Whatever a file holds, reading it gives values or located problems, never an exception
from the YAML library: an impossible date (`2024-02-30`), an integer of thousands of
digits, `.inf`, a merge key (`<<: *x`), nesting thousands of levels deep. Only regular
files are read (`files.read_regular_file`), up to `MAX_INPUT_BYTES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import GENERIC_CODE, Problem, UnreadableFileError
from ..files import read_regular_file

Path_ = tuple[str | int, ...]
MAX_INPUT_BYTES = 20 * 1024 * 1024
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in
               ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge", "omap", "set")}
MAX_VALUES = 500_000   # values after following aliases: refuses "billion laughs" alias bombs
MAX_DIGITS = 30        # digits of an integer: 10^30 is far beyond any figure, number or year
MAX_DEPTH = 200        # nesting of mappings and lists
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass
class SourceDoc:
    """Plain data from one file, with the line (1-based) of every key and list item."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    places: dict[Path_, str] = field(default_factory=dict)   # spreadsheet cells: path → "Chỉ tiêu!E7"

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def place_of(self, path: Path_) -> str | None:
        """A spreadsheet cell for `path` (nearest ancestor), else the field path."""
        probe = tuple(path)
        while probe:
            if probe in self.places:
                return self.places[probe]
            probe = probe[:-1]
        return format_path(path) or None

    def problem(self, message: str, path: Path_ = (), severity: str = "error", code: str = GENERIC_CODE) -> Problem:
        return Problem(message, file=self.file, line=self.line_of(path) if not self.places else None,
                       place=self.place_of(path), severity=severity, code=code)  # type: ignore[arg-type]


def format_path(path: Path_) -> str:
    """('tasks', 3, 'status') → 'tasks[3].status' (0-based indexes as in the file's order)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_structured(path: str | Path, display: str | None = None) -> SourceDoc:
    """Read a YAML or JSON file; broken syntax becomes one `Problem` with its line (exit 1)."""
    from ..errors import ReportgenError

    p = Path(path)
    name = display or str(p)
    raw = read_regular_file(p, limit=MAX_INPUT_BYTES, name=name)
    text = _decode(raw, name)
    if p.suffix.lower() == ".json":
        text = _join_surrogate_escapes(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ReportgenError(Problem(f"cú pháp YAML/JSON không hợp lệ: {_vi_yaml(exc.problem or exc.context or '')}",
                                     file=name, line=line, code="input.syntax")) from None
    except yaml.YAMLError:
        raise ReportgenError(Problem("cú pháp YAML/JSON không hợp lệ", file=name, code="input.syntax")) from None
    except RecursionError:
        raise UnreadableFileError(f"{name}: dữ liệu lồng nhau quá sâu, không đọc được.") from None
    doc = SourceDoc(name, None)
    if node is not None:
        problems: list[Problem] = []
        budget = [MAX_VALUES]
        try:
            doc.data = _plain(node, (), doc.lines, _Loader(""), problems, name, budget)
        except RecursionError:
            raise UnreadableFileError(f"{name}: dữ liệu lồng nhau quá sâu, không đọc được.") from None
        if problems:
            raise ReportgenError(problems)
    return doc


# A JSON string escape of a character outside the Basic Multilingual Plane is a surrogate
# pair (`"\ud83d\ude00"`, as `json.dump` writes an emoji); YAML only takes one escape per
# character. The pair is joined into the character before the text reaches the YAML parser.
# The lookbehind keeps `\\ud83d` (an escaped backslash, then text) as it is.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _join_surrogate_escapes(text: str) -> str:
    if "\\u" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        high, low = int(m.group(2), 16), int(m.group(3), 16)
        char = chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        return f"{m.group(1)}\\U{ord(char):08x}"

    return _SURROGATE_PAIR.sub(join, text)


# PyYAML's C loader (libyaml) when present: the composed nodes carry their line marks,
# which is all we need; the pure-Python round-trip loaders are ~20x slower on 200 files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _decode(raw: bytes, name: str) -> str:
    from ..errors import ReportgenError

    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReportgenError(Problem(
            "tệp không phải UTF-8 (có thể là bảng mã cũ TCVN3/VNI); hãy lưu lại dưới dạng UTF-8",
            file=name, line=line, code="input.encoding")) from None


# PyYAML's (and libyaml's) messages, by a distinctive fragment, in Vietnamese.
_YAML_WORDS = {
    "that cannot start any token": "có ký tự không được phép ở đầu giá trị (thử đặt giá trị trong dấu ngoặc kép)",
    "mapping values are not allowed": "dấu «:» không đúng chỗ (thử đặt giá trị trong dấu ngoặc kép)",
    "could not find expected ':'": "thiếu dấu «:» sau tên trường",
    "did not find expected key": "thụt lề không khớp hoặc thiếu tên trường",
    "found undefined alias": "dùng bí danh (alias) chưa định nghĩa",
    "found duplicate anchor": "tên neo (anchor) bị lặp lại",
    "expected <block end>": "thụt lề không khớp",
    "found a tab character": "có ký tự tab; YAML chỉ dùng dấu cách để thụt lề",
    "tab": "có ký tự tab; YAML chỉ dùng dấu cách để thụt lề",
    "found unexpected end of stream": "tệp kết thúc khi chuỗi trong dấu ngoặc kép chưa đóng",
    "unknown escape character": "chuỗi trong dấu ngoặc kép có ký tự thoát «\\» không hợp lệ",
    "invalid Unicode character escape code": "chuỗi có mã thoát Unicode «\\u…» không hợp lệ",
    "expected ',' or '}'": "thiếu dấu «,» hoặc «}» trong bảng khóa viết trên một dòng",
    "did not find expected ',' or '}'": "thiếu dấu «,» hoặc «}» trong bảng khóa viết trên một dòng",
    "expected ',' or ']'": "thiếu dấu «,» hoặc «]» trong danh sách viết trên một dòng",
    "did not find expected ',' or ']'": "thiếu dấu «,» hoặc «]» trong danh sách viết trên một dòng",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp (mỗi mục bắt đầu bằng «- »)",
    "expected a single document": "tệp chỉ được có một tài liệu (bỏ dòng «---» thứ hai)",
    "but found another document": "tệp chỉ được có một tài liệu (bỏ dòng «---» thứ hai)",
    "found unexpected ':'": "dấu «:» không đúng chỗ",
    "control characters are not allowed": "tệp có ký tự điều khiển không được phép",
    "special characters are not allowed": "tệp có ký tự đặc biệt không được phép",
    "could not find expected": "cấu trúc không đúng ở đây",
    "did not find expected": "cấu trúc không đúng ở đây",
    "found unknown": "có ký tự hoặc chỉ thị không hợp lệ",
}


def _vi_yaml(msg: str) -> str:
    for en, vi in _YAML_WORDS.items():
        if en in msg:
            return vi
    return "cấu trúc không đọc được ở đây"


def _plain(node: yaml.Node, path: Path_, lines: dict[Path_, int], loader: yaml.SafeLoader,
           problems: list[Problem], name: str, budget: list[int]) -> Any:
    """Nodes → plain values, recording each key's and item's line; duplicate keys are errors."""
    budget[0] -= 1
    if budget[0] < 0:
        raise UnreadableFileError(f"{name}: dữ liệu có quá nhiều phần tử (nghi là tệp độc hại, ví dụ bom bí danh YAML).")
    if len(path) > MAX_DEPTH:
        raise UnreadableFileError(f"{name}: dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} cấp), không đọc được.")
    line = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(f"thẻ YAML «{node.tag}» không được hỗ trợ", file=name, line=line, code="input.yaml-tag"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                problems.append(Problem("khóa gộp «<<» của YAML không được hỗ trợ; hãy viết đầy đủ các trường",
                                        file=name, line=key_line, code="input.yaml-merge"))
                continue
            before = len(problems)
            key = _scalar(key_node, loader, problems, name) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                if len(problems) == before:
                    problems.append(Problem("khóa không hợp lệ", file=name, line=key_line, code="input.key"))
                continue
            k = str(key)
            if k in out:
                problems.append(Problem(f"khóa «{k}» bị lặp lại trong cùng một mục", file=name, line=key_line, code="input.duplicate-key"))
                continue
            lines[path + (k,)] = key_line
            out[k] = _plain(value_node, path + (k,), lines, loader, problems, name, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            items.append(_plain(item, path + (i,), lines, loader, problems, name, budget))
        return items
    return _scalar(node, loader, problems, name, path)


def _scalar(node: yaml.Node, loader: yaml.SafeLoader, problems: list[Problem], name: str, path: Path_ = ()) -> Any:
    """One scalar as a plain value; what cannot be one (an impossible date, a huge number) is a problem."""
    line = node.start_mark.line + 1
    place = format_path(path) or None
    text = str(node.value)
    shown = text if len(text) <= 40 else text[:37] + "…"
    if node.tag == "tag:yaml.org,2002:int" and sum(c.isdigit() for c in text) > MAX_DIGITS:
        problems.append(Problem(f"số «{shown}» quá lớn (hơn {MAX_DIGITS} chữ số)", file=name, line=line, place=place, code="input.number-too-large"))
        return None
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError, TypeError, yaml.YAMLError):
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"ngày «{shown}» không có thật (ngày hoặc tháng vượt quá lịch)"
        else:
            message = f"giá trị «{shown}» không đọc được"
        problems.append(Problem(message, file=name, line=line, place=place, code="input.value"))
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            problems.append(Problem(f"«{shown}» không phải là một số hữu hạn", file=name, line=line, place=place, code="input.value"))
            return None
        return _float_text(value)
    return value


def _float_text(value: float) -> Any:
    """Floats from YAML go on as their shortest text so Decimal parsing sees `95.2`, not 95.19999."""
    from decimal import Decimal

    return Decimal(repr(float(value)))


def strip_bidi(doc: SourceDoc) -> list[Problem]:
    """Remove bidi control characters from every text of `doc` (in place), one warning per text.

    An override (U+202E) pasted into a submission would show the rest of its line reversed
    in the document; Vietnamese text never needs one. Each text that had some is named
    with its line (or cell) so the sender can clean the source.
    """
    from ..vn.text import BIDI_CONTROLS, strip_bidi_controls

    problems: list[Problem] = []

    def walk(value: Any, path: Path_) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str) and BIDI_CONTROLS.search(value):
            text, count = strip_bidi_controls(value)
            problems.append(doc.problem(
                f"đã bỏ {count} ký tự điều khiển hướng chữ (bidi, như U+202E) khỏi văn bản «{text[:60]}»; "
                "các ký tự này làm đảo ngược dòng chữ trong văn bản", path, severity="warning"))
            return text
        return value

    doc.data = walk(doc.data, ())
    return problems
