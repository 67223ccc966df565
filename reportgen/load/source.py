"""YAML and JSON files read with their source lines, so every problem can name its line.

PyYAML composes the file into nodes that carry their line; we convert those to plain
Python values and keep a `path → line` map beside them. JSON is read by the same loader
(JSON is, for practical purposes, YAML), so JSON inputs get lines too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import GENERIC_CODE, Problem, UnreadableFileError, os_reason

Path_ = tuple[str | int, ...]
MAX_INPUT_BYTES = 20 * 1024 * 1024
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in
               ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge", "omap", "set")}
MAX_VALUES = 500_000   # values after following aliases: refuses "billion laughs" alias bombs


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
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"{name}: không đọc được tệp ({os_reason(exc)}).") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise UnreadableFileError(f"{name}: tệp quá lớn ({len(raw)} byte).")
    text = _decode(raw, name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ReportgenError(Problem(f"cú pháp YAML/JSON không hợp lệ: {_vi_yaml(exc.problem or '')}",
                                     file=name, line=line, code="input.syntax")) from None
    except yaml.YAMLError as exc:
        raise ReportgenError(Problem(f"cú pháp YAML/JSON không hợp lệ: {exc}", file=name, code="input.syntax")) from None
    doc = SourceDoc(name, None)
    if node is not None:
        problems: list[Problem] = []
        budget = [MAX_VALUES]
        doc.data = _plain(node, (), doc.lines, _Loader(""), problems, name, budget)
        if problems:
            raise ReportgenError(problems)
    return doc


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


_YAML_WORDS = {
    "found character that cannot start any token": "có ký tự không được phép ở đầu giá trị (thử đặt giá trị trong dấu ngoặc kép)",
    "mapping values are not allowed here": "dấu «:» không đúng chỗ (thử đặt giá trị trong dấu ngoặc kép)",
    "could not find expected ':'": "thiếu dấu «:» sau tên trường",
    "found undefined alias": "dùng bí danh (alias) chưa định nghĩa",
    "expected <block end>, but found": "thụt lề không khớp",
    "found a tab character": "có ký tự tab; YAML chỉ dùng dấu cách để thụt lề",
}


def _vi_yaml(msg: str) -> str:
    for en, vi in _YAML_WORDS.items():
        if en in msg:
            return vi
    return msg


def _plain(node: yaml.Node, path: Path_, lines: dict[Path_, int], loader: yaml.SafeLoader,
           problems: list[Problem], name: str, budget: list[int]) -> Any:
    """Nodes → plain values, recording each key's and item's line; duplicate keys are errors."""
    budget[0] -= 1
    if budget[0] < 0:
        raise UnreadableFileError(f"{name}: dữ liệu có quá nhiều phần tử (nghi là tệp độc hại, ví dụ bom bí danh YAML).")
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(f"thẻ YAML «{node.tag}» không được hỗ trợ", file=name, line=node.start_mark.line + 1,
                                code="input.yaml-tag"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                problems.append(Problem("khóa không hợp lệ", file=name, line=key_node.start_mark.line + 1,
                                        code="input.key"))
                continue
            k = str(key)
            if k in out:
                problems.append(Problem(f"khóa «{k}» bị lặp lại trong cùng một mục", file=name,
                                        line=key_node.start_mark.line + 1, code="input.duplicate-key"))
                continue
            lines[path + (k,)] = key_node.start_mark.line + 1
            out[k] = _plain(value_node, path + (k,), lines, loader, problems, name, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            items.append(_plain(item, path + (i,), lines, loader, problems, name, budget))
        return items
    value = loader.construct_object(node)
    if isinstance(value, float):
        return _float_text(value)
    return value


def _float_text(value: float) -> Any:
    """Floats from YAML go on as their shortest text so Decimal parsing sees `95.2`, not 95.19999."""
    from decimal import Decimal

    return Decimal(repr(float(value)))
