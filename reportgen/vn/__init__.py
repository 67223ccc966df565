"""Vietnamese conventions as pure functions: dates, numbers, text, legacy encodings,
alphabetical order, heading numbers and số, ký hiệu (Decree 30/2020)."""

from reportgen.vn.collation import VN_ALPHABET, collation_key, vn_sorted
from reportgen.vn.dates import nd30_date, parse_date, place_date, short_date
from reportgen.vn.kyhieu import (
    KyHieu,
    doc_type_abbrev,
    doc_type_abbrevs,
    parse_so_ky_hieu,
    so_ky_hieu,
)
from reportgen.vn.legacy import (
    convert_legacy,
    detect_legacy,
    encode_legacy,
    fix_legacy_text,
    is_capitals_font,
    is_vietnamese_syllable,
)
from reportgen.vn.numbering import DIEM_LETTERS, arabic_ladder, diem_letter, roman
from reportgen.vn.numbers import (
    ParsedNumber,
    format_number,
    format_percent,
    parse_number,
    parse_number_with_flags,
    to_decimal,
)
from reportgen.vn.text import normalize_text, normalized_key, vn_upper

__all__ = [
    "DIEM_LETTERS",
    "KyHieu",
    "ParsedNumber",
    "VN_ALPHABET",
    "arabic_ladder",
    "collation_key",
    "convert_legacy",
    "detect_legacy",
    "diem_letter",
    "doc_type_abbrev",
    "doc_type_abbrevs",
    "encode_legacy",
    "fix_legacy_text",
    "format_number",
    "format_percent",
    "is_capitals_font",
    "is_vietnamese_syllable",
    "nd30_date",
    "normalize_text",
    "normalized_key",
    "parse_date",
    "parse_number",
    "parse_number_with_flags",
    "parse_so_ky_hieu",
    "place_date",
    "roman",
    "short_date",
    "so_ky_hieu",
    "to_decimal",
    "vn_sorted",
    "vn_upper",
]
