"""Figures: both input conventions, the ambiguous rejected, Vietnamese output, Decimal only."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import (
    ParsedNumber,
    format_number,
    format_percent,
    parse_number,
    parse_number_with_flags,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13.787", "13787"),
        ("13 787", "13787"),
        ("13\u00a0787", "13787"),
        ("13\u202f787", "13787"),
        ("1 234 567,89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("95,2", "95.2"),
        ("95.2", "95.2"),
        ("2,5", "2.5"),
        ("-3", "-3"),
        ("\u22123", "-3"),
        ("+7", "7"),
        ("1,234.5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("0,125", "0.125"),
        ("0.125", "0.125"),
        ("1234,567", "1234.567"),
        ("1234.567", "1234.567"),
        ("12,3456", "12.3456"),
        (",5", "0.5"),
        (" 42 ", "42"),
        ("0", "0"),
        ("-0", "0"),
        ("007", "7"),
    ],
)
def test_parse_both_conventions(text, expected):
    value = parse_number(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


@pytest.mark.parametrize("text", ["1,234", "12,345", "-999,000", "1,234%"])
def test_comma_with_three_digits_is_ambiguous(text):
    with pytest.raises(ValueError, match="không rõ là số thập phân hay có dấu phân cách hàng nghìn"):
        parse_number(text)


def test_vietnamese_convention_reads_comma_as_decimal():
    assert parse_number("1,234", convention="vi") == Decimal("1.234")
    assert parse_number("1.234", convention="vi") == Decimal("1234")
    assert parse_number("1.234.567,89", convention="vi") == Decimal("1234567.89")
    with pytest.raises(ValueError):
        parse_number("95.2", convention="vi")  # a dot only groups thousands here


@pytest.mark.parametrize(
    "text",
    [
        "khoảng 95",
        "n/a",
        "95 người",
        "",
        "   ",
        "1e5",
        "12.34.5",
        "1.23,45",
        "1,234,56",
        "1.234,567.8",
        "1 23",
        "1 234.567,8",
        "95,",
        "--3",
        "٣",
        "%",
        "NaN",
        "1/2",
    ],
)
def test_not_a_number_gives_a_vietnamese_message(text):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    message = str(info.value)
    assert "số" in message
    if text.strip():
        assert f"“{text}”" in message


def test_percent_sign_is_noted_and_excluded():
    assert parse_number_with_flags("95,2%") == ParsedNumber(Decimal("95.2"), True)
    assert parse_number_with_flags("95,2 %") == ParsedNumber(Decimal("95.2"), True)
    assert parse_number_with_flags("95,2") == ParsedNumber(Decimal("95.2"), False)
    assert parse_number("95,2%") == Decimal("95.2")


def test_percent_requirement():
    assert parse_number("2,5%", percent=True) == Decimal("2.5")
    with pytest.raises(ValueError, match="Thiếu dấu %"):
        parse_number("2,5", percent=True)
    with pytest.raises(ValueError, match="phần trăm"):
        parse_number("2,5%", percent=False)
    assert parse_number("2,5", percent=False) == Decimal("2.5")


def test_numbers_from_excel():
    assert parse_number(95.2) == Decimal("95.2")
    assert parse_number(0.1 + 0.2) == Decimal("0.30000000000000004")
    assert parse_number(13787) == Decimal(13787)
    assert parse_number(Decimal("2.50")) == Decimal("2.5")
    for bad in (float("nan"), float("inf"), True, None, [1]):
        with pytest.raises(ValueError):
            parse_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("13787"), None, "13.787"),
        (Decimal("2.5"), None, "2,5"),
        (Decimal("1234567.89"), None, "1.234.567,89"),
        (-3, None, "-3"),
        (Decimal("95.20"), None, "95,2"),
        (Decimal("75"), None, "75"),
        (Decimal("75.000"), None, "75"),
        (Decimal("1E+3"), None, "1.000"),
        (Decimal("1E+12"), None, "1.000.000.000.000"),
        (Decimal("1E-7"), None, "0,0000001"),
        (Decimal("-0.00"), None, "0"),
        (Decimal("999"), None, "999"),
        (Decimal("-1234.5"), None, "-1.234,5"),
        (Decimal("95.25"), 1, "95,3"),
        (Decimal("95.2"), 2, "95,20"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("-0.04"), 1, "0,0"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (95.2, None, "95,2"),
    ],
)
def test_format_number(value, places, expected):
    assert format_number(value, places) == expected


def test_format_percent():
    assert format_percent(Decimal("95.2")) == "95,2%"
    assert format_percent(Decimal("2.65"), 1) == "2,7%"
    assert format_percent(100) == "100%"


def test_format_rejects_bad_places_and_values():
    with pytest.raises(ValueError):
        format_number(Decimal(1), -1)
    with pytest.raises(ValueError):
        format_number("12")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"))


_decimals = st.decimals(
    min_value=Decimal("-999999999999.9999"),
    max_value=Decimal("999999999999.9999"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=200)
@given(_decimals)
def test_format_then_parse_gives_the_same_decimal(value):
    text = format_number(value)
    assert parse_number(text, convention="vi") == value
    assert "E" not in text and "e" not in text
    whole = text.lstrip("-").split(",")[0]
    assert all(len(g) == 3 for g in whole.split(".")[1:])


@settings(max_examples=200)
@given(_decimals)
def test_auto_convention_reads_vietnamese_output_unless_ambiguous(value):
    text = format_number(value)
    whole, _, frac = text.lstrip("-").partition(",")
    ambiguous = len(frac) == 3 and "." not in whole and whole != "0"
    if ambiguous:
        with pytest.raises(ValueError, match="không rõ"):
            parse_number(text)
    else:
        assert parse_number(text) == value


@settings(max_examples=200)
@given(_decimals)
def test_english_convention_is_read_too(value):
    english = f"{value:,f}"  # 1,234,567.8900
    if "," not in english and "." in english and len(english.split(".")[1]) == 3:
        return  # `1.234` alone is the Vietnamese thousands dot by rule
    if english.count(",") == 1 and "." not in english and len(english.split(",")[1]) == 3:
        return  # `1,234` alone is ambiguous by rule
    assert parse_number(english) == value


@settings(max_examples=200)
@given(_decimals, st.integers(min_value=0, max_value=4))
def test_places_round_half_up_and_fix_the_decimals(value, places):
    text = format_number(value, places)
    frac = text.partition(",")[2]
    assert len(frac) == places
    assert abs(parse_number(text, convention="vi") - value) <= Decimal(1).scaleb(-places) / 2
