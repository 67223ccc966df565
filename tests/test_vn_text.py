"""Text normalisation: NFC, new-style tone placement, keys for matching, upper case."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import normalize_text, normalized_key, vn_upper


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoá", "hóa"),
        ("Hoá", "Hóa"),
        ("HOÁ", "HÓA"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("thuý", "thúy"),
        ("Thuý", "Thúy"),
        ("hoà", "hòa"),
        ("Hoà bình", "Hòa bình"),
        ("khoẻ", "khỏe"),
        ("Khoẻ", "Khỏe"),
        ("uỷ", "ủy"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("tuỳ", "tùy"),
        ("Thuỵ", "Thụy"),
        ("luỹ", "lũy"),
        ("hoạ", "họa"),
        ("toả", "tỏa"),
        ("hoã", "hõa"),
        ("xoè", "xòe"),
        ("khoé", "khóe"),
        ("loẹ", "lọe"),
        ("hoẽ", "hõe"),
        ("oà", "òa"),
        ("Oà", "Òa"),
        ("đoá", "đóa"),
        ("Đoá", "Đóa"),
        ("nguỵ", "ngụy"),
        ("Thiệu Hoá, Quan Hoá, Hoằng Hoá", "Thiệu Hóa, Quan Hóa, Hoằng Hóa"),
        ("(hoá)", "(hóa)"),
        ("hoá.", "hóa."),
        ("“Thuý”", "“Thúy”"),
        ("hoá-học", "hóa-học"),
    ],
)
def test_old_tone_placement_becomes_new(old, new):
    assert normalize_text(old) == new
    assert normalize_text(nfd(old)) == new


@pytest.mark.parametrize(
    "word",
    [
        "hoàng", "Hoàng", "toán", "ngoài", "khoản", "loạt", "hoạch", "khuyến", "khuỷu",
        "quý", "Quý", "QUÝ", "quả", "quà", "quỹ", "quỳnh", "huỳnh", "tuyệt", "huyện",
        "oản", "xoay", "hóa", "thúy", "ủy", "khỏe", "hòa", "Thụy", "mùa", "của",
        "coi", "café",
    ],
)
def test_other_syllables_are_left_alone(word):
    assert normalize_text(word) == word
    assert normalize_text(nfd(word)) == word


def test_nfd_input_becomes_nfc():
    text = "Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa"
    assert normalize_text(nfd(text)) == text
    assert unicodedata.is_normalized("NFC", normalize_text(nfd(text)))


def test_zero_width_characters_are_removed():
    assert normalize_text("Thanh\u200b Hóa\ufeff") == "Thanh Hóa"
    assert normalize_text("Sở\u200dY tế\u2060") == "SởY tế"


def test_spaces_are_kept_unless_asked():
    text = "  Sở  Y\u00a0tế \n"
    assert normalize_text(text) == text
    assert normalize_text(text, collapse_spaces=True) == "Sở Y tế"


def test_soft_hyphen_survives_normalize_text_for_legacy_repair():
    # In TCVN3 mojibake U+00AD is the letter ư; only the matching key drops it.
    assert normalize_text("M\u00adêng") == "M\u00adêng"
    assert normalized_key("Thanh\u00ad Hóa") == "thanh hóa"


@pytest.mark.parametrize(
    "variant",
    [
        "Sở Lao động - Thương binh và Xã hội",
        "sở lao động - thương binh và xã hội",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "  Sở Lao động  –  Thương binh và Xã hội. ",
        "Sở  Lao động — Thương binh\u00a0và Xã hội;",
        nfd("Sở Lao động - Thương binh và Xã hội"),
        "\u200bSở Lao động - Thương binh và Xã hội",
    ],
)
def test_normalized_key_matches_variants(variant):
    assert normalized_key(variant) == "sở lao động - thương binh và xã hội"


def test_normalized_key_matches_old_and_new_tone_placement():
    assert normalized_key("UBND huyện Thiệu Hoá") == normalized_key("UBND huyện Thiệu Hóa")
    assert normalized_key("Uỷ ban") == normalized_key("ỦY BAN")
    assert normalized_key("Thanh Hóa") != normalized_key("Thanh Hoa")


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        ("Sở Y tế", "SỞ Y TẾ"),
        ("ủy ban", "ỦY BAN"),
        ("đ", "Đ"),
        ("độc lập - tự do - hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (nfd("tỉnh Thanh Hóa"), "TỈNH THANH HÓA"),
        ("ăn ơn ưng", "ĂN ƠN ƯNG"),
    ],
)
def test_vn_upper(text, upper):
    assert vn_upper(text) == upper
    assert unicodedata.is_normalized("NFC", vn_upper(text))


# Vietnamese-looking text: letters, toned letters, spaces, punctuation.
_VN_CHARS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    " .,-;:()\"'"
)
_vn_text = st.text(alphabet=st.sampled_from(_VN_CHARS + _VN_CHARS.upper()), max_size=40)


@settings(max_examples=200)
@given(_vn_text)
def test_normalize_text_is_idempotent_and_nfc(s):
    once = normalize_text(s)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert normalize_text(nfd(s)) == once


@settings(max_examples=200)
@given(_vn_text)
def test_normalize_text_only_moves_tones(s):
    out = normalize_text(s)
    assert len(out) == len(s)
    strip = str.maketrans("", "", "\u0300\u0301\u0303\u0309\u0323")
    assert nfd(out).translate(strip) == nfd(s).translate(strip)


@settings(max_examples=200)
@given(_vn_text)
def test_normalized_key_is_stable_under_case_and_form(s):
    key = normalized_key(s)
    assert normalized_key(nfd(s)) == key
    assert normalized_key(vn_upper(s)) == key
    assert normalized_key(key) == key
