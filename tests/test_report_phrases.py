"""How reports quote names and tasks: whole words, never cut with "…" (documents.report_text)."""

from __future__ import annotations

import pytest

from reportgen.documents.report_text import phrase, plain

CLAUSE = "Bảo đảm nhu cầu thiết yếu về nước sạch sinh hoạt theo quy chuẩn cho người dân, nhất là người dân ở vùng nông thôn"


def test_plain_keeps_the_whole_name_on_one_line():
    assert plain("Tỷ lệ hộ gia đình chăm sóc trẻ em\n   dưới 36 tháng tuổi, phụ nữ mang thai") == (
        "Tỷ lệ hộ gia đình chăm sóc trẻ em dưới 36 tháng tuổi, phụ nữ mang thai")


@pytest.mark.parametrize("limit, expected", [
    (len(CLAUSE), CLAUSE),                                                     # just inside: whole
    (len(CLAUSE) - 1, CLAUSE.split(", ")[0]),                                   # just outside: at the comma
    (len(CLAUSE.split(", ")[0]) + 2, CLAUSE.split(", ")[0]),                    # the comma just inside the limit
])
def test_phrase_ends_at_a_comma_when_too_long(limit, expected):
    assert phrase(CLAUSE, limit) == expected


def test_phrase_is_the_first_clause_and_never_an_ellipsis():
    text = "Hoàn thiện thể chế về an sinh xã hội; tổ chức thực hiện tốt các chính sách. Câu sau."
    assert phrase(text, 200) == "Hoàn thiện thể chế về an sinh xã hội"
    long_words = "Tăng cường " + " ".join(["công tác kiểm tra giám sát"] * 12)
    assert phrase(long_words, 40) == long_words             # no comma to end at: kept whole
    assert "…" not in phrase(CLAUSE, 10)
