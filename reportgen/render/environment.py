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
  go through `number` / `percent` to get its Vietnamese form).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing
from markupsafe import Markup

from .filters import FILTERS


class ValueNotPrintable(ValueError):
    """A value reached the document that has no text form of its own (None, a float...)."""


def make_environment() -> SandboxedEnvironment:
    """A fresh sandboxed environment with the Vietnamese filters and strict undefined values."""
    env = SandboxedEnvironment(
        autoescape=True,
        undefined=MissingValue,
        finalize=xml_text_value,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


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
    """`finalize`: the XML text of a printed value, or the value itself when it is markup."""
    if hasattr(value, "__html__"):
        return value
    if value is None:
        raise ValueNotPrintable("giá trị trống (None) được đưa vào văn bản; dữ liệu phải ghi rõ nội dung")
    if isinstance(value, bool):
        raise ValueNotPrintable(f"giá trị đúng/sai ({value}) không in được vào văn bản; dùng điều kiện {{% if %}}")
    if isinstance(value, (float, Decimal)):
        raise ValueNotPrintable(f"số {value} phải qua bộ lọc number hoặc percent để có dạng tiếng Việt")
    return Markup(xml_text(str(value)))


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
