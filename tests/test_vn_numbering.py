"""Heading numbers: Roman parts, Vietnamese điểm letters, Arabic ladders."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import DIEM_LETTERS, arabic_ladder, diem_letter, roman


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"),
     (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2024, "MMXXIV"), (3999, "MMMCMXCIX")],
)
def test_roman(n, text):
    assert roman(n) == text


@pytest.mark.parametrize("bad", [0, -1, 4000, 1.0, "3", True, None])
def test_roman_rejects_out_of_range(bad):
    with pytest.raises(ValueError, match="số La Mã|số nguyên|từ 1"):
        roman(bad)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_reads_back(n):
    text = roman(n)
    values = [_ROMAN_VALUES[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    assert total == n
    assert "IIII" not in text and "VV" not in text and "XXXX" not in text


def test_diem_letters_follow_the_vietnamese_alphabet():
    letters = [diem_letter(i) for i in range(1, 24)]
    assert letters == list("abcd") + ["đ"] + list("eghiklmnopqrstuvxy")
    assert tuple(letters) == DIEM_LETTERS
    assert diem_letter(5) == "đ" and diem_letter(6) == "e" and diem_letter(7) == "g"
    assert not {"f", "j", "w", "z"} & set(letters)


@pytest.mark.parametrize("bad", [0, 24, -3, "a", 2.0])
def test_diem_letter_out_of_range(bad):
    with pytest.raises(ValueError):
        diem_letter(bad)


def test_diem_letter_24_says_why():
    with pytest.raises(ValueError, match="23 điểm"):
        diem_letter(24)


def test_arabic_ladder():
    assert arabic_ladder(1) == "1."
    assert arabic_ladder(1, 2) == "1.2."
    assert arabic_ladder(3, 10, 2) == "3.10.2."
    for bad in [(), (0,), (1, -1), (1, "2")]:
        with pytest.raises(ValueError):
            arabic_ladder(*bad)
