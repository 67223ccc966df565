"""The Jinja environment every template renders in: sandboxed, autoescaping, strict.

User text is data, never template. Three things make that hold:

* the sandbox: a template (edited by a secretariat in Word) cannot reach Python internals;
* autoescaping plus `finalize`: every `{{ value }}` is turned into XML text here, with `&`,
  `<`, `>`, quotes escaped, the braces `{` `}` written as character references (so that
  docxtpl's post-render `{_{` → `{{` substitution cannot touch user text), characters XML
  forbids removed, and line breaks kept as `\\n` (docxtpl's `resolve_listing` turns them
  into `<w:br/>` after rendering);
* `MissingValue`: a variable the context does not provide is an error naming it, never a
  blank; `None`, floats and Decimals printed without a filter are errors too (a figure must
  go through `number` / `percent` to get its Vietnamese form), and so is anything that is
  not plain text or a whole number (a method such as `''.join`, a list, an object), whose
  Python form (`<built-in method join of str object at 0x7f…>`) would otherwise be printed.

A template is a file a person edits, so its work is bounded (`LimitedEnvironment`): every
block a template runs (a loop's body, a branch, a macro) and every call counts one step,
and a render stops at `MAX_STEPS` steps or `MAX_SECONDS` seconds; one part's output stops
at `MAX_OUTPUT_CHARS`; `*` and `**` refuse results that would not fit in a document, and so
do padding filters and methods (`center`, `indent`, `ljust`...), `~` and `+` joins, and the
`join` and `replace` filters and methods. The limits are far above what the largest bundled
document needs (see the figures by the constants). A value built by other means (`|string`
of a huge list) is still stopped by the step and time limits, not before it is allocated.
"""

from __future__ import annotations

import math
import re
import threading
import time
from decimal import Decimal
from typing import Any

from jinja2 import Environment, StrictUndefined, Undefined
from jinja2 import nodes as jinja_nodes
from jinja2.compiler import CodeGenerator
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing
from markupsafe import Markup

from .filters import FILTERS

# The largest bundled document (the consolidated report) takes 548 steps and 340,000
# characters for its largest part (measured over all 357 documents of 2025).
MAX_STEPS = 1_000_000            # blocks run and calls made while rendering one part
MAX_SECONDS = 60.0               # wall time for one part
MAX_OUTPUT_CHARS = 32 * 1024 * 1024   # XML characters of one rendered part
MAX_POWER_BITS = 4096            # size of `a ** b` (an integer of about 1,200 digits)
_PADDING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap"})
# A width or precision of a million or more in a %-format or a str.format field.
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(?:\d{6,}|\d*\.\d{6,})|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")


class ValueNotPrintable(ValueError):
    """A value reached the document that has no text form of its own (None, a float...)."""


class RenderLimitError(Exception):
    """A template asked for more work or output than a document can need (Vietnamese message)."""


def make_environment() -> LimitedEnvironment:
    """A fresh sandboxed environment with the Vietnamese filters and strict undefined values."""
    env = LimitedEnvironment(
        autoescape=True,
        undefined=MissingValue,
        finalize=xml_text_value,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    for name in ("center", "indent", "wordwrap", "format", "replace", "join"):
        env.filters[name] = _bounded_filter(name, env.filters[name])
    return env


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator, with one step counted at the start of every block it writes.

    It also keeps constant expressions that are not plain text or whole numbers (`''.join`,
    `1.5`, `none`) for run time, where `finalize` refuses them: Jinja would otherwise fold
    them into the template at compile time, escaped but never finalized.
    """

    def blockvisit(self, nodes, frame) -> None:  # type: ignore[no-untyped-def]
        self.writeline("environment.step()")
        super().blockvisit(nodes, frame)

    def visit_Concat(self, node, frame) -> None:  # type: ignore[no-untyped-def]
        self.write("environment.checked_text(")
        super().visit_Concat(node, frame)
        self.write(")")

    def _output_child_to_const(self, node, frame, finalize):  # type: ignore[no-untyped-def]
        const = node.as_const(frame.eval_ctx)
        if not isinstance(node, jinja_nodes.TemplateData) and \
                (isinstance(const, bool) or not isinstance(const, (str, int))):
            raise jinja_nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with a budget of steps, seconds and output (see the module docstring)."""

    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._budget = threading.local()

    def start(self) -> None:
        """Start a fresh budget for one render (per thread)."""
        self._budget.steps = 0
        self._budget.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        budget = self._budget
        if not hasattr(budget, "steps"):
            self.start()
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            raise RenderLimitError(f"mẫu chạy quá {MAX_STEPS:,} bước (vòng lặp quá lớn hoặc lồng nhau quá nhiều)"
                                   .replace(",", "."))
        if budget.steps % 4096 == 0 and time.monotonic() > budget.deadline:
            raise RenderLimitError(f"mẫu chạy quá {MAX_SECONDS:.0f} giây (vòng lặp quá lớn hoặc lồng nhau quá nhiều)")

    def checked_text(self, value: Any) -> Any:
        """A joined string (`a ~ b`), refused when it passes what one document can hold."""
        if len(value) > MAX_OUTPUT_CHARS:
            raise RenderLimitError(_TOO_BIG)
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        __self.step()
        # the sandbox hands out `str.format` wrapped (functools.update_wrapper): look through it
        owner = getattr(__obj, "__self__", None) or getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        if isinstance(owner, str):
            _check_str_method(owner, getattr(__obj, "__name__", ""), [*args, *kwargs.values()])
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.step()
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if right * math.log2(abs(left)) > MAX_POWER_BITS:
                raise RenderLimitError("lũy thừa quá lớn: kết quả không vừa một văn bản")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and \
                        len(seq) * times > MAX_OUTPUT_CHARS:
                    raise RenderLimitError(_TOO_BIG)
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                and len(left) + len(right) > MAX_OUTPUT_CHARS:
            raise RenderLimitError(_TOO_BIG)
        return super().call_binop(context, operator, left, right)


_TOO_BIG = "giá trị tạo ra trong mẫu quá lớn: kết quả không vừa một văn bản"


def _check_str_method(text: str, name: str, values: list[Any]) -> None:
    """Refuse a string method call whose result would not fit in a document."""
    if name in _PADDING and any(isinstance(v, int) and v > MAX_OUTPUT_CHARS for v in values):
        raise RenderLimitError(f"«{name}» với độ rộng quá lớn: kết quả không vừa một văn bản")
    if name in ("format", "format_map") and _FORMAT_WIDTH.search(text):
        raise RenderLimitError("chuỗi định dạng có độ rộng quá lớn: kết quả không vừa một văn bản")
    if name == "replace" and len(values) >= 2:
        _check_replace(text, values[0], values[1])
    if name == "join" and values:
        _check_join(text, values[0])


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        if len(text) + (text.count(old) if old else len(text) + 1) * (len(new) - len(old)) > MAX_OUTPUT_CHARS:
            raise RenderLimitError(_TOO_BIG)


def _check_join(sep: Any, items: Any) -> None:
    if isinstance(items, (list, tuple)):
        size = len(str(sep)) * len(items) + sum(len(i) if isinstance(i, str) else 0 for i in items)
        if size > MAX_OUTPUT_CHARS:
            raise RenderLimitError(_TOO_BIG)


def _bounded_filter(name: str, func: Any) -> Any:
    """A Jinja filter that refuses widths and sizes no document can hold (same name and arguments)."""
    import functools

    @functools.wraps(func)   # keeps Jinja's pass-context marker: `join` and `replace` still get it
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = list(args)
        if values and isinstance(values[0], (Environment, EvalContext)):
            values = values[1:]
        values += list(kwargs.values())
        if not values:
            return func(*args, **kwargs)
        if name == "format":
            text = str(values[0])
            star_width = "*" in text and any(isinstance(v, int) and v > MAX_OUTPUT_CHARS for v in values[1:])
            if star_width or _FORMAT_WIDTH.search(text):
                raise RenderLimitError("bộ lọc format có độ rộng quá lớn: kết quả không vừa một văn bản")
        elif name == "replace":
            if len(values) >= 3:
                _check_replace(str(values[0]), values[1], values[2])
        elif name == "join":
            if isinstance(values[0], (list, tuple)):
                _check_join(values[1] if len(values) > 1 else "", values[0])
        elif any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_OUTPUT_CHARS for v in values[1:]):
            raise RenderLimitError(f"bộ lọc {name} với độ rộng quá lớn: kết quả không vừa một văn bản")
        return func(*args, **kwargs)

    return bounded


class MissingValue(StrictUndefined):
    """An undefined value that fails on any use, with a Vietnamese message naming it."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = self._undefined_name
        if self._undefined_obj is missing:
            return f"biến «{name}» không có trong dữ liệu của văn bản"
        obj = self._undefined_obj
        if isinstance(obj, dict):
            keys = ", ".join(sorted(str(k) for k in obj)[:12]) or "không có khóa nào"
            return f"không có «{name}» trong dữ liệu (chỉ có: {keys})"
        return f"không có «{name}» trong {type(obj).__name__}"


def xml_text_value(value: Any) -> Any:
    """`finalize`: the XML text of a printed value, or the value itself when it is markup.

    Only plain text and whole numbers print; anything else is a `ValueNotPrintable` naming
    what it is, so no Python internals (a memory address) ever reach a document.
    """
    if hasattr(value, "__html__"):
        return value
    if value is None:
        raise ValueNotPrintable("giá trị trống (None) được đưa vào văn bản; dữ liệu phải ghi rõ nội dung")
    if isinstance(value, bool):
        raise ValueNotPrintable(f"giá trị đúng/sai ({value}) không in được vào văn bản; dùng điều kiện {{% if %}}")
    if isinstance(value, (float, Decimal)):
        raise ValueNotPrintable(f"số {value} phải qua bộ lọc number hoặc percent để có dạng tiếng Việt")
    if isinstance(value, Undefined):
        return str(value)   # raises the missing-value error naming the variable
    if not isinstance(value, (str, int)):
        raise ValueNotPrintable(_not_plain(value))
    return Markup(xml_text(str(value)))


def _not_plain(value: Any) -> str:
    if callable(value):
        name = getattr(value, "__name__", "")
        return (f"«{name}» là một hàm (phương thức), không phải giá trị; trong mẫu phải gọi nó với dấu ngoặc "
                "hoặc in một trường dữ liệu") if name else "một hàm không in được vào văn bản"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "một danh sách không in trực tiếp được vào văn bản; dùng vòng lặp {% for %} hoặc bộ lọc join"
    if isinstance(value, dict):
        return "một bảng khóa: giá trị không in trực tiếp được vào văn bản; in từng trường của nó"
    return f"giá trị kiểu {type(value).__name__} không in được vào văn bản; dùng một bộ lọc (ví dụ nd30_date, number)"


def xml_text(text: str) -> str:
    """Escape `text` for a `w:t` element: XML specials, braces, forbidden characters; keep newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FORBIDDEN.sub("", text)
    return text.translate(_ESCAPES)


# Characters XML 1.0 does not allow (C0 controls other than tab and newline, surrogates,
# U+FFFE/U+FFFF). \a and \f would otherwise be read by docxtpl as paragraph/page breaks.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&#34;",
    "'": "&#39;",
    "{": "&#123;",
    "}": "&#125;",
})
