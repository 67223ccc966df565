"""Số và ký hiệu of a document: `68/KH-UBND`, `05/BC-SYT`, công văn `12/UBND-VX`.

Decree 30/2020: numbers 1–9 are written 01–09; after `/` come the type abbreviation
(Phụ lục III, bundled in `reportgen/data/doc_types.yaml`) and the issuer's abbreviation
joined by `-`, without spaces. A công văn has no type: `<số>/<issuer>-<drafting unit>`.
A draft leaves the number blank: six ordinary spaces before `/` (`      /BC-SNV`), a
gap wide enough to write the number by hand once the document is registered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import NamedTuple

import yaml

from reportgen.vn.text import normalized_key, vn_upper

__all__ = [
    "KyHieu",
    "so_ky_hieu",
    "parse_so_ky_hieu",
    "doc_type_abbrev",
    "doc_type_abbrevs",
    "doc_type_name",
    "DRAFT_NUMBER_BLANK",
    "is_cong_van",
]

DRAFT_NUMBER_BLANK = " " * 6


class KyHieu(NamedTuple):
    """The parts of a số, ký hiệu; `number` None for a draft, `doc_type` None for a công văn."""

    number: int | None
    doc_type: str | None
    issuer: str
    unit: str | None


def so_ky_hieu(number: int | None, doc_type: str, issuer: str, unit: str | None = None) -> str:
    """Số, ký hiệu: (68, "Kế hoạch", "UBND") → `68/KH-UBND`; None → a draft's blank.

    The issuer's abbreviation may have parts joined by `-` (`12/BC-MTTQ-BTT`).

    `doc_type` is a type name or its abbreviation; "Công văn" or "" gives the công
    văn form `<số>/<issuer>-<unit>`. A `unit` after a typed document is appended
    (`12/BC-UBND-VX`), as some issuers do.
    """
    abbrev = None if _is_cong_van(doc_type) else doc_type_abbrev(doc_type)
    parts = [p for p in (abbrev, _code(issuer, "cơ quan ban hành", compound=True)) if p]
    if unit is not None and unit.strip():
        parts.append(_code(unit, "đơn vị soạn thảo"))
    return f"{_number_text(number)}/{'-'.join(parts)}"


def parse_so_ky_hieu(text: str, *, strict: bool = True) -> KyHieu:
    """Read `Số: 68/KH-UBND` (the `Số:` is optional) into its parts.

    `strict` enforces the decree's form: no spaces inside, numbers 1–9 as 01–09.
    Raises ValueError with a Vietnamese message naming the fault.
    """
    s = text.strip()
    s = _SO_PREFIX.sub("", s, count=1)
    m = _FORM.fullmatch(s)
    if not m:
        raise ValueError(
            f"Số, ký hiệu “{text}” không đúng dạng <số>/<loại văn bản>-<cơ quan ban hành>, "
            "ví dụ 68/KH-UBND hoặc 12/UBND-VX."
        )
    raw_number, tail = m["number"].strip(), m["tail"]
    if strict and (m["tail"] != m["tail"].strip() or re.search(r"\s", tail)):
        raise ValueError(f"Số, ký hiệu “{text}” có dấu cách bên trong ký hiệu.")
    if strict and raw_number and m["number"] != raw_number:
        raise ValueError(f"Số, ký hiệu “{text}” có dấu cách giữa số và dấu “/”.")
    number: int | None = None
    if raw_number and set(raw_number) != {"."}:
        if not raw_number.isdigit() or not raw_number.isascii():
            raise ValueError(f"Số văn bản “{raw_number}” trong “{text}” không phải là số.")
        number = int(raw_number)
        if number < 1:
            raise ValueError(f"Số văn bản trong “{text}” phải từ 01 trở lên.")
        if strict and number < 10 and len(raw_number) != 2:
            raise ValueError(
                f"Số văn bản trong “{text}” phải viết {number:02d} (số từ 1 đến 9 thêm số 0 ở trước)."
            )
    codes = [c.strip() for c in tail.split("-")]
    if any(not _CODE.fullmatch(c) for c in codes):
        raise ValueError(f"Ký hiệu “{tail}” trong “{text}” có phần trống hoặc ký tự lạ.")
    abbrevs = set(doc_type_abbrevs().values())
    if codes[0] in abbrevs and len(codes) >= 2:
        return KyHieu(number, codes[0], codes[1], "-".join(codes[2:]) or None)
    return KyHieu(number, None, codes[0], "-".join(codes[1:]) or None)


def doc_type_abbrev(name: str) -> str:
    """Abbreviation of a type name from the decree's table: "Kế hoạch" → `KH`.

    An abbreviation from the table is returned as it is; anything else is an error
    (invented abbreviations such as `QCh` are a known mistake).
    """
    table = doc_type_abbrevs()
    abbrev = table.get(normalized_key(name))
    if abbrev is not None:
        return abbrev
    if name.strip() in table.values():
        return name.strip()
    raise ValueError(
        f"Không có chữ viết tắt cho loại văn bản “{name}” trong Phụ lục III "
        "Nghị định 30/2020/NĐ-CP."
    )


def doc_type_name(abbrev: str) -> str | None:
    """The type name of an abbreviation of the decree's table: `TTr` → "Tờ trình"; None if not in it."""
    return dict(_load_table()[2]).get(abbrev)


@lru_cache(maxsize=1)
def doc_type_abbrevs() -> Mapping[str, str]:
    """Type name key (see `normalized_key`) → abbreviation, from the bundled data file."""
    return MappingProxyType(dict(_load_table()[0]))


# ---------------------------------------------------------------- helpers

_SO_PREFIX = re.compile(r"^số\s*:?\s*", re.IGNORECASE)
_FORM = re.compile(r"(?P<number>[0-9.]*\s*|\s+)/(?P<tail>.+)", re.DOTALL)
_CODE = re.compile(r"[^\W_]+(?:&[^\W_]+)*")


@lru_cache(maxsize=1)
def _load_table() -> tuple[tuple[tuple[str, str], ...], frozenset[str], tuple[tuple[str, str], ...]]:
    source = resources.files("reportgen").joinpath("data/doc_types.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    pairs = tuple((normalized_key(row["name"]), str(row["abbrev"])) for row in data["doc_types"])
    cong_van = frozenset(normalized_key(n) for n in data.get("cong_van_names", []))
    names = tuple((str(row["abbrev"]), str(row["name"])) for row in data["doc_types"])
    return pairs, cong_van, names


def is_cong_van(doc_type: str | None) -> bool:
    """True for a công văn (no type name, no type abbreviation): "Công văn" or an empty type."""
    return not doc_type or not doc_type.strip() or normalized_key(doc_type) in _load_table()[1]


_is_cong_van = is_cong_van


def _number_text(number: int | None) -> str:
    if number is None:
        return DRAFT_NUMBER_BLANK
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"Số văn bản phải là số nguyên từ 1 trở lên, không phải {number!r}.")
    return f"{number:02d}"


def _code(value: str, what: str, *, compound: bool = False) -> str:
    """An issuer's or unit's abbreviation in capitals (Decree 30/2020, Phụ lục I, II.3.c: `SNgV` → `SNGV`);
    `compound` allows parts joined by `-` (`MTTQ-BTT`: the Front's standing board)."""
    code = value.strip()
    parts = code.split("-") if compound else [code]
    if not all(_CODE.fullmatch(part) for part in parts):
        raise ValueError(f"Chữ viết tắt {what} “{value}” không hợp lệ (chỉ gồm chữ và số, không có dấu cách"
                         + (", các phần nối bằng dấu “-”)." if compound else ")."))
    return vn_upper(code)
