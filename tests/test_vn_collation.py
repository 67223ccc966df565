"""Vietnamese alphabetical order: letters first, then tones, then case."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import VN_ALPHABET, collation_key, vn_sorted


def test_the_example_from_the_spec():
    names = ["Đông Sơn", "Dân", "Zê", "Ân", "An"]
    assert sorted(names, key=collation_key) == ["An", "Ân", "Dân", "Đông Sơn", "Zê"]
    assert sorted(names) != ["An", "Ân", "Dân", "Đông Sơn", "Zê"]  # plain sorted is wrong


def test_alphabet_order():
    shuffled = list(reversed(VN_ALPHABET))
    assert vn_sorted(shuffled) == list(VN_ALPHABET)
    assert "".join(VN_ALPHABET) == "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def test_tone_order_ngang_huyen_hoi_nga_sac_nang():
    assert vn_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letters_before_tones():
    # The base letters of the whole string decide first: `mạ` < `mác` because `ma` < `mac`.
    assert vn_sorted(["mác", "mạ"]) == ["mạ", "mác"]
    assert vn_sorted(["bà ba", "ba bà"]) == ["ba bà", "bà ba"]


def test_case_insensitive_first():
    assert vn_sorted(["bình", "An", "Bình", "an"]) == ["an", "An", "bình", "Bình"]
    assert vn_sorted(["Đà", "da", "đa"]) == ["da", "đa", "Đà"]


def test_district_names_of_thanh_hoa():
    names = [
        "Yên Định", "Vĩnh Lộc", "Triệu Sơn", "Thường Xuân", "Thọ Xuân", "Thiệu Hóa",
        "Thạch Thành", "Quảng Xương", "Quan Sơn", "Quan Hóa", "Nông Cống", "Như Xuân",
        "Như Thanh", "Ngọc Lặc", "Nga Sơn", "Mường Lát", "Lang Chánh", "Hoằng Hóa",
        "Hậu Lộc", "Hà Trung", "Cẩm Thủy", "Bá Thước", "Đông Sơn", "Bỉm Sơn", "Sầm Sơn",
    ]
    expected = [
        "Bá Thước", "Bỉm Sơn", "Cẩm Thủy", "Đông Sơn", "Hà Trung", "Hậu Lộc", "Hoằng Hóa",
        "Lang Chánh", "Mường Lát", "Nga Sơn", "Ngọc Lặc", "Như Thanh", "Như Xuân",
        "Nông Cống", "Quan Hóa", "Quan Sơn", "Quảng Xương", "Sầm Sơn", "Thạch Thành",
        "Thiệu Hóa", "Thọ Xuân", "Thường Xuân", "Triệu Sơn", "Vĩnh Lộc", "Yên Định",
    ]
    assert vn_sorted(names) == expected


def test_spaces_and_digits_sort_before_letters():
    assert vn_sorted(["Hàm", "Hà Nội", "2 Sở", "Hà"]) == ["2 Sở", "Hà", "Hà Nội", "Hàm"]


def test_vn_sorted_with_key():
    rows = [{"name": "Sở Y tế"}, {"name": "Sở Tài chính"}, {"name": "Công an tỉnh"}]
    assert [r["name"] for r in vn_sorted(rows, key=lambda r: r["name"])] == [
        "Công an tỉnh", "Sở Tài chính", "Sở Y tế",
    ]


_word = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặđĐÂÊ ")), max_size=12
)


@settings(max_examples=200)
@given(_word)
def test_nfd_and_nfc_sort_the_same(s):
    assert collation_key(unicodedata.normalize("NFD", s)) == collation_key(s)


@settings(max_examples=200)
@given(_word, _word)
def test_order_is_total_and_consistent(a, b):
    ka, kb = collation_key(a), collation_key(b)
    assert (ka == kb) == (unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b))
    assert vn_sorted([a, b]) == vn_sorted([b, a])


@settings(max_examples=200)
@given(_word, _word)
def test_letters_decide_before_tones(a, b):
    def letters(s: str) -> str:
        drop = str.maketrans("", "", "\u0300\u0301\u0303\u0309\u0323")
        return unicodedata.normalize("NFC", unicodedata.normalize("NFD", s.lower()).translate(drop))

    la, lb = letters(a), letters(b)
    if la != lb:
        first = vn_sorted([a, b])[0]
        assert letters(first) == vn_sorted([la, lb])[0]
