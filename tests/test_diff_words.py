"""Vietnamese-aware tokens and the word diff inside one changed block."""

from __future__ import annotations

import unicodedata

import pytest

from reportgen.diff.words import similarity, tokenize, word_diff


def _words(text: str) -> list[str]:
    return [text[t.start:t.end] for t in tokenize(text) if not text[t.start:t.end].isspace()]


@pytest.mark.parametrize("text, tokens", [
    ("Theo 68/KH-UBND ngày 10/12/2024", ["Theo", "68/KH-UBND", "ngày", "10/12/2024"]),
    ("đạt 95,2% (13.787 hộ).", ["đạt", "95,2%", "(", "13.787", "hộ", ")", "."]),
    ("nhiệm vụ III.4.5 hoàn thành;", ["nhiệm", "vụ", "III.4.5", "hoàn", "thành", ";"]),
    ("lúc 08:30, ngày 1-2", ["lúc", "08:30", ",", "ngày", "1-2"]),
])
def test_figures_codes_and_dates_are_single_tokens(text, tokens):
    assert _words(text) == tokens


def test_a_word_keeps_its_combining_marks():
    nfd = unicodedata.normalize("NFD", "Nguyễn Việt Hưởng")
    words = _words(nfd)
    assert len(words) == 3
    assert [unicodedata.normalize("NFC", w) for w in words] == ["Nguyễn", "Việt", "Hưởng"]


def _ops(old: str, new: str) -> list[tuple[str, str, str]]:
    return [(s.op, s.old_text(old), s.new_text(new)) for s in word_diff(old, new) if s.op != "equal"]


def test_a_changed_figure_is_one_replacement():
    old = "Tổng số 13.787 hộ, đạt 95,2% kế hoạch năm."
    new = "Tổng số 13.878 hộ, đạt 96,1% kế hoạch của năm."
    assert _ops(old, new) == [("replace", "13.787", "13.878"), ("replace", "95,2%", "96,1%"),
                              ("insert", "", "của ")]


def test_changes_separated_by_a_space_read_as_one_phrase():
    assert _ops("Một hai ba bốn năm sáu", "Một hai bảy tám năm sáu") == [("replace", "ba bốn", "bảy tám")]


def test_short_equal_word_between_long_changes_is_absorbed():
    old = "các sở ngành triển khai thực hiện nghiêm túc và kịp thời"
    new = "các đơn vị chủ động xây dựng kế hoạch và báo cáo định kỳ"
    ops = _ops(old, new)
    assert ops == [("replace", "sở ngành triển khai thực hiện nghiêm túc và kịp thời",
                    "đơn vị chủ động xây dựng kế hoạch và báo cáo định kỳ")]


def test_nfd_and_nfc_words_are_equal_in_the_diff():
    old = unicodedata.normalize("NFD", "Báo cáo kết quả")
    new = unicodedata.normalize("NFC", "Báo cáo kết quả")
    assert _ops(old, new) == []


def test_segments_cover_both_texts_exactly():
    old = "Năm 2024, tỷ lệ hộ nghèo giảm còn 2,1%; thu nhập bình quân 58 triệu đồng."
    new = "Năm 2024, tỷ lệ hộ nghèo đa chiều giảm còn 1,9%; thu nhập 61,5 triệu đồng/người."
    segs = word_diff(old, new)
    assert "".join(s.old_text(old) for s in segs) == old
    assert "".join(s.new_text(new) for s in segs) == new


def test_similarity_counts_shared_words():
    assert similarity("một hai ba bốn", "một hai ba bốn") == 1.0
    assert similarity("một hai ba bốn", "năm sáu bảy tám") == 0.0
    assert 0.4 < similarity("một hai ba bốn", "một hai năm sáu") < 0.6
