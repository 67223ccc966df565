"""Pydantic validation errors turned into Vietnamese problems at the file's line and field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .source import Path_, SourceDoc

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: SourceDoc, data: Any = None, path: Path_ = ()) -> tuple[M | None, list[Problem]]:
    """Validate `data` (default: the whole document) as `model`; every error becomes a Problem."""
    data = doc.data if data is None else data
    kind = _KINDS.get(model.__name__, model.__name__.lower())
    if data is None:
        return None, [doc.problem("tệp rỗng: không có nội dung", path, code=f"{kind}.empty")]
    if not isinstance(data, dict):
        return None, [doc.problem("nội dung phải là một bảng khóa: giá trị (mapping), không phải danh sách hay văn bản",
                                  path, code=f"{kind}.not-mapping")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [doc.problem(vietnamese_message(err), path + tuple(err["loc"]),
                                  code=problem_code(kind, path + tuple(err["loc"]), err["type"]))
                      for err in _dedupe(exc.errors())]


# The first part of a problem's code, by the model of the file (see errors.py).
_KINDS = {"Plan": "plan", "Agency": "registry", "Submission": "submission", "Overlay": "overlay",
          "SecretariatInput": "secretariat"}
# pydantic's error types → the last part of the code.
_WHAT = {"missing": "missing", "extra_forbidden": "unknown-field", "literal_error": "not-allowed",
         "int_parsing": "not-integer", "int_type": "not-integer", "int_from_float": "not-integer",
         "decimal_parsing": "not-number", "decimal_type": "not-number", "float_parsing": "not-number",
         "float_type": "not-number", "string_type": "not-text", "list_type": "not-list", "dict_type": "not-mapping",
         "model_type": "not-mapping", "model_attributes_type": "not-mapping", "bool_type": "not-boolean",
         "bool_parsing": "not-boolean", "greater_than_equal": "out-of-range", "less_than_equal": "out-of-range",
         "greater_than": "out-of-range", "less_than": "out-of-range"}


def problem_code(kind: str, loc: tuple, error_type: str) -> str:
    """`submission.figure.not-number` for a bad value under `figures[3].value` of a submission.

    The middle part is the top-level field, singular when it is a list (`figures` → `figure`);
    the last part says what is wrong (`missing`, `not-number`, ...; `invalid` for a rule of the model).
    """
    what = _WHAT.get(error_type)
    if what is None:
        what = "not-date" if error_type.startswith(("date", "datetime")) else "invalid"
    if error_type == "extra_forbidden":   # the unknown key is the user's typo: the code names where it was
        loc = loc[:-1]
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return f"{kind}.{what}"
    section = names[0]
    first = loc.index(section)
    if first + 1 < len(loc) and isinstance(loc[first + 1], int) and section.endswith("s"):
        section = section.removesuffix("ies") + "y" if section.endswith("ies") else section[:-1]
    if kind == "registry" and section == "agency":
        rest = [p for p in loc[first + 1:] if isinstance(p, str)]
        section = rest[0] if rest else section
    return f"{kind}.{section.replace('_', '-')}.{what}"


def _dedupe(errors: list[dict]) -> list[dict]:
    seen, out = set(), []
    for e in errors:
        key = (tuple(e["loc"]), e["type"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def vietnamese_message(err: dict) -> str:
    """One pydantic error dict → a Vietnamese sentence (the field is named by the location)."""
    kind = err["type"]
    loc = err["loc"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if ctx.get("detail"):   # our own validators' words (a number or date that cannot be read)
        return str(ctx["detail"])
    if kind == "missing":
        return f"thiếu trường bắt buộc «{field}»"
    if kind == "extra_forbidden":
        return f"trường «{field}» không được phép (gõ sai tên trường?)"
    if kind == "literal_error":
        return f"giá trị «{given}» không hợp lệ; chỉ nhận: {ctx.get('expected', '')}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"«{given}» không phải số nguyên"
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return f"«{given}» không phải là số"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"«{given}» không phải ngày hợp lệ (dùng dạng 2024-12-05 hoặc 05/12/2024)"
    if kind in ("string_type",):
        return f"«{given}» phải là văn bản"
    if kind in ("list_type",):
        return "phải là một danh sách (mỗi mục một dòng bắt đầu bằng «- »)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "phải là một bảng khóa: giá trị"
    if kind in ("bool_type", "bool_parsing"):
        return f"«{given}» không phải giá trị đúng/sai (true/false)"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        sign = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}[kind]
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        return f"giá trị «{given}» không hợp lệ: phải {sign} {bound}"
    if kind in ("value_error", "assertion_error"):
        msg = str(ctx.get("error", err.get("msg", "")))
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in _SIMPLE:
        values = _Blank({k: _shown(v) for k, v in ctx.items()}, given=_shown(given))
        return _SIMPLE[kind].format_map(values)
    return f"giá trị «{_shown(given)}» không hợp lệ (mã lỗi kiểm tra: {kind})"


class _Blank(dict):
    """Format values where a context key pydantic did not give prints as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# Vietnamese for the pydantic error types our models can raise that need no special handling.
_SIMPLE = {
    "string_too_short": "«{given}» quá ngắn (ít nhất {min_length} ký tự)",
    "string_too_long": "«{given}» quá dài (tối đa {max_length} ký tự)",
    "too_short": "quá ít mục (ít nhất {min_length})",
    "too_long": "quá nhiều mục (tối đa {max_length})",
    "string_pattern_mismatch": "«{given}» không đúng dạng quy định",
    "string_unicode": "«{given}» không phải văn bản Unicode hợp lệ",
    "enum": "giá trị «{given}» không hợp lệ; chỉ nhận: {expected}",
    "multiple_of": "giá trị «{given}» phải là bội số của {multiple_of}",
    "finite_number": "«{given}» không phải là một số hữu hạn",
    "decimal_max_digits": "«{given}» có quá nhiều chữ số (tối đa {max_digits})",
    "decimal_max_places": "«{given}» có quá nhiều chữ số thập phân (tối đa {decimal_places})",
    "decimal_whole_digits": "«{given}» có quá nhiều chữ số phần nguyên (tối đa {whole_digits})",
    "int_from_float": "«{given}» không phải số nguyên",
    "float_finite": "«{given}» không phải là một số hữu hạn",
    "none_required": "trường này phải để trống",
    "set_type": "phải là một danh sách không trùng lặp",
    "tuple_type": "phải là một danh sách",
    "frozen_set_type": "phải là một danh sách không trùng lặp",
    "iterable_type": "phải là một danh sách",
    "mapping_type": "phải là một bảng khóa: giá trị",
    "bytes_type": "«{given}» phải là văn bản",
    "is_instance_of": "«{given}» không đúng kiểu dữ liệu",
    "union_tag_invalid": "loại «{given}» không hợp lệ; chỉ nhận: {expected_tags}",
    "union_tag_not_found": "thiếu trường xác định loại ({discriminator})",
    "frozen_field": "trường này không được sửa",
    "frozen_instance": "không được sửa dữ liệu này",
    "url_parsing": "«{given}» không phải địa chỉ web hợp lệ",
    "url_type": "«{given}» không phải địa chỉ web hợp lệ",
    "uuid_parsing": "«{given}» không phải mã UUID hợp lệ",
    "uuid_type": "«{given}» không phải mã UUID hợp lệ",
    "json_invalid": "«{given}» không phải JSON hợp lệ",
    "time_parsing": "«{given}» không phải giờ hợp lệ (dùng dạng 08:30)",
    "time_type": "«{given}» không phải giờ hợp lệ (dùng dạng 08:30)",
    "timedelta_parsing": "«{given}» không phải khoảng thời gian hợp lệ",
    "timedelta_type": "«{given}» không phải khoảng thời gian hợp lệ",
    "callable_type": "«{given}» không hợp lệ",
    "no_such_attribute": "trường «{attribute}» không có",
    "dataclass_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "get_attribute_error": "không đọc được giá trị",
    "recursion_loop": "dữ liệu tự tham chiếu vòng lặp",
    "string_sub_type": "«{given}» phải là văn bản",
    "int_parsing_size": "số «{given}» quá lớn",
}
