"""Decree 30 dates: day padded, only months 1–2 padded; parsing of the usual forms."""

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import nd30_date, parse_date, place_date, short_date


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 3, 8), "ngày 08 tháng 3 năm 2024"),
        (date(2019, 1, 24), "ngày 24 tháng 01 năm 2019"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2023, 11, 24), "ngày 24 tháng 11 năm 2023"),
        (date(2024, 12, 10), "ngày 10 tháng 12 năm 2024"),
        (date(2025, 7, 1), "ngày 01 tháng 7 năm 2025"),
    ],
)
def test_nd30_date(d, expected):
    assert nd30_date(d) == expected


def test_place_date_is_the_page_one_line():
    assert place_date("Thanh Hóa", date(2024, 3, 8)) == "Thanh Hóa, ngày 08 tháng 3 năm 2024"
    assert place_date(" Thanh Hóa ", date(2019, 1, 5)) == "Thanh Hóa, ngày 05 tháng 01 năm 2019"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 3, 8), "08/3/2024"),
        (date(2024, 1, 10), "10/01/2024"),
        (date(2023, 11, 24), "24/11/2023"),
        (date(2024, 2, 1), "01/02/2024"),
    ],
)
def test_short_date(d, expected):
    assert short_date(d) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-08",
        "08/03/2024",
        "8/3/2024",
        "08/3/2024",
        "08-03-2024",
        "08.03.2024",
        "ngày 08 tháng 3 năm 2024",
        "Ngày 8 tháng 03 năm 2024",
        "  ngày 08  tháng 3 năm 2024 ",
        unicodedata.normalize("NFD", "ngày 08 tháng 3 năm 2024"),
        "ngày\u00a008 tháng 3 năm 2024",
    ],
)
def test_parse_date_accepts_usual_forms(text):
    assert parse_date(text) == date(2024, 3, 8)


def test_parse_date_passes_dates_through():
    assert parse_date(date(2024, 3, 8)) == date(2024, 3, 8)
    assert parse_date(datetime(2024, 3, 8, 14, 30)) == date(2024, 3, 8)


@pytest.mark.parametrize(
    "text",
    ["31/02/2024", "29/02/2023", "2024-13-01", "00/01/2024", "32/1/2024"],
)
def test_parse_date_rejects_days_that_do_not_exist(text):
    with pytest.raises(ValueError, match="không có thật") as info:
        parse_date(text)
    assert text in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["", "hôm qua", "2024/03/08", "8/3-2024", "08/03/24", "3/2024", "ngày 8 tháng 3", "n/a"],
)
def test_parse_date_rejects_other_text_in_vietnamese(text):
    with pytest.raises(ValueError, match="Không đọc được ngày tháng"):
        parse_date(text)


def test_parse_date_rejects_non_text():
    with pytest.raises(ValueError, match="Không đọc được"):
        parse_date(20240308)  # type: ignore[arg-type]


_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@settings(max_examples=200)
@given(_dates)
def test_padding_rule_for_any_date(d):
    text = nd30_date(d)
    _, day, _, month, _, year = text.split(" ")
    assert len(day) == 2 and int(day) == d.day
    assert int(month) == d.month and int(year) == d.year
    assert len(month) == (2 if d.month <= 2 else len(str(d.month)))
    assert "tháng 0" not in text or d.month in (1, 2)


@settings(max_examples=200)
@given(_dates)
def test_every_written_form_reads_back(d):
    assert parse_date(nd30_date(d)) == d
    assert parse_date(short_date(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(place_date("Thanh Hóa", d).split(", ", 1)[1]) == d
