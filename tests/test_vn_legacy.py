"""Legacy TCVN3 / VNI mojibake: detection by font and by pattern, conversion, round trips."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vn import (
    convert_legacy,
    detect_legacy,
    encode_legacy,
    fix_legacy_text,
    is_capitals_font,
    is_vietnamese_syllable,
)

SOFT_HYPHEN = "\u00ad"  # TCVN3 `ư`


@pytest.mark.parametrize(
    ("mojibake", "text"),
    [
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("B¸t X¸t", "Bát Xát"),
        (f"M{SOFT_HYPHEN}êng Kh{SOFT_HYPHEN}¬ng", "Mường Khương"),
        ("Së Y tÕ Thanh Hãa", "Sở Y tế Thanh Hóa"),
        ("Uû ban nh©n d©n tØnh Thanh Hãa", "Uỷ ban nhân dân tỉnh Thanh Hóa"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ],
)
def test_tcvn3_detected_and_converted(mojibake, text):
    assert detect_legacy(mojibake) == "tcvn3"
    assert convert_legacy(mojibake, "tcvn3") == text
    assert fix_legacy_text(mojibake) == (text, "tcvn3")


@pytest.mark.parametrize(
    ("mojibake", "text"),
    [
        ("Xin chaøo", "Xin chào"),
        ("Vieät Nam", "Việt Nam"),
        ("Caùc baïn", "Các bạn"),
        ("Sôû Y teá Thanh Hoùa", "Sở Y tế Thanh Hóa"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("ngöôøi daân", "người dân"),
        ("Tænh uûy", "Tỉnh ủy"),
        ("Aùnh saùng", "Ánh sáng"),
    ],
)
def test_vni_detected_and_converted(mojibake, text):
    assert detect_legacy(mojibake) == "vni"
    assert convert_legacy(mojibake, "vni") == text
    assert fix_legacy_text(mojibake) == (text, "vni")


def test_inverted_table_builds_real_mojibake():
    assert encode_legacy("Sở Y tế Thanh Hóa", "tcvn3") == "Së Y tÕ Thanh Hãa"
    assert encode_legacy("Bảo Thắng", "tcvn3") == "B¶o Th¾ng"
    assert encode_legacy("Xin chào", "vni") == "Xin chaøo"
    assert encode_legacy("Việt Nam", "vni") == "Vieät Nam"
    with pytest.raises(ValueError, match="không có trong bảng mã tcvn3"):
        encode_legacy("Ả", "tcvn3")  # VN3 has no capital Ả


@pytest.mark.parametrize("font", [".VnTime", ".VnTimeH", ".VnArial", ".VnArialH", ".VnCentury Schoolbook", "VnTime"])
def test_tcvn3_fonts(font):
    assert detect_legacy("Ban chØ ®¹o", font=font) == "tcvn3"
    assert detect_legacy("ABC", font=font) == "tcvn3"


@pytest.mark.parametrize("font", ["VNI-Times", "VNI-Helve", "vni-times bold", "VNI Times"])
def test_vni_fonts(font):
    assert detect_legacy("Ban chæ ñaïo", font=font) == "vni"


def test_capitals_font_gives_upper_case():
    assert is_capitals_font(".VnTimeH")
    assert is_capitals_font(".VnArialH Bold")
    assert not is_capitals_font(".VnTime")
    assert not is_capitals_font("Times New Roman")
    assert fix_legacy_text("bé y tÕ", font=".VnTimeH") == ("BỘ Y TẾ", "tcvn3")
    assert fix_legacy_text("bé y tÕ", font=".VnTime") == ("bộ y tế", "tcvn3")
    assert convert_legacy("ñy ban", "tcvn3", capitals=True) == "ỦY BAN"


def test_unicode_text_in_a_legacy_font_run_stays_unicode():
    assert detect_legacy("Sở Y tế Thanh Hóa", font=".VnTime") == "unicode"
    assert fix_legacy_text("Sở Y tế", font="VNI-Times") == ("Sở Y tế", None)


def test_ascii_in_a_legacy_font_is_unchanged():
    assert fix_legacy_text("UBND", font=".VnTime") == ("UBND", None)


def test_other_font_falls_back_to_patterns():
    assert detect_legacy("B¶o Th¾ng", font="Times New Roman") == "tcvn3"
    assert detect_legacy("Bảo Thắng", font="Times New Roman") == "unicode"


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế Thanh Hóa",
        "Xin chào các bạn",
        "Tôi là người Việt Nam",
        "Kế hoạch số 68/KH-UBND ngày 08/3/2024",
        "Thanh Hoá",  # old tone placement is still Unicode
        "Hoà",  # also a VNI reading (Hồ): ties stay Unicode
        "Có, không",
        "Hello world",
        "The quick brown fox jumps over the lazy dog.",
        "café crème",
        "© 2024 reportgen",
        "",
        "95,2% — 13.787 căn",
    ],
)
def test_unicode_and_english_are_unicode(text):
    assert detect_legacy(text) == "unicode"
    assert fix_legacy_text(text) == (text, None)


def test_undecidable_text_is_unknown_and_unchanged():
    for text in ["Müller Straße ñ", "Sở Y tế B¶o Th¾ng"]:  # foreign; Unicode mixed with legacy
        assert detect_legacy(text) == "unknown"
        assert fix_legacy_text(text) == (text, "unknown")


def test_unknown_encoding_name_is_refused():
    with pytest.raises(ValueError, match="không được hỗ trợ"):
        convert_legacy("abc", "viqr")
    assert convert_legacy(unicodedata.normalize("NFD", "Hóa"), "unicode") == "Hóa"


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("thắng", True), ("Nguyễn", True), ("gì", True), ("giường", True), ("khuỷu", True),
        ("quý", True), ("hóa", True), ("hoá", True), ("nghiêng", True), ("oanh", True),
        ("bát", True), ("bàt", False), ("thank", False), ("Müller", False), ("mờng", False),
        ("đ", False), ("chaøo", False), ("ả̀", False),
    ],
)
def test_syllable_check(word, ok):
    assert is_vietnamese_syllable(word) is ok


# ---------------------------------------------------------------- properties

_LOWER = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_TCVN3_CAPITALS = "ĂÂÊÔƠƯĐẰẲẴẮẦẨẪẤỀỂỄẾỒỔỖỐ"
_ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789.,;:-/()"


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(_LOWER + _TCVN3_CAPITALS + _ASCII), max_size=60))
def test_tcvn3_round_trip(text):
    assert convert_legacy(encode_legacy(text, "tcvn3"), "tcvn3") == unicodedata.normalize("NFC", text)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(_LOWER + _LOWER.upper() + _ASCII), max_size=60))
def test_vni_round_trip(text):
    assert convert_legacy(encode_legacy(text, "vni"), "vni") == unicodedata.normalize("NFC", text)


_INITIALS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split() + [""]
_RHYMES = (
    "a ai ao au ay anh ang an am at ac ach ăn ăng ăm ăt ăc âm ân âng ât âu ây e em en eo et "
    "ê êm ên ênh êt êu i ia inh in im it ich iu iên iêng iêt iêu o oi om on ong ot oc oa oai "
    "oan oang oanh oat oay oăn oăng oe oen ô ôi ôm ôn ông ôt ôc ơ ơi ơm ơn ơt u ua ui um un "
    "ung ut uc uân uât uây uê uôi uôn uông uôt uy uya uyên uyêt uynh ư ưa ưi ưng ưu ươi ươn "
    "ương ươc ươt y yên yêu"
).split()
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_STOPS = ("c", "ch", "p", "t")


def _place_tone(rhyme: str, tone: str, old_style: bool) -> str:
    """Put the tone on the vowel that carries it (either style for open oa/oe/uy)."""
    vowels = [i for i, c in enumerate(rhyme) if c in "aăâeêioôơuưy"]
    marked = [i for i in vowels if rhyme[i] in "ăâêôơư"]
    open_syllable = vowels[-1] == len(rhyme) - 1
    if marked:
        at = marked[-1]
    elif len(vowels) == 1 or not open_syllable:
        at = vowels[-1]
    elif len(vowels) == 3:
        at = vowels[1]
    elif rhyme in ("oa", "oe", "uy"):
        at = vowels[1] if old_style else vowels[0]
    else:
        at = vowels[0]
    return unicodedata.normalize("NFC", rhyme[: at + 1] + tone + rhyme[at + 1 :])


@st.composite
def vietnamese_words(draw):
    initial = draw(st.sampled_from(_INITIALS))
    rhyme = draw(st.sampled_from(_RHYMES))
    tones = _TONES[4:] if rhyme.endswith(_STOPS) else _TONES
    word = initial + _place_tone(rhyme, draw(st.sampled_from(tones)), draw(st.booleans()))
    case = draw(st.sampled_from(["lower", "title", "upper"]))
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


_english = st.sampled_from(["UBND", "report", "KH", "2024", "68/KH-UBND", "%", "-", "(a)", "v.v."])


@settings(max_examples=200)
@given(st.lists(vietnamese_words(), min_size=1, max_size=12))
def test_vietnamese_words_are_never_flagged(words):
    text = " ".join(words)
    assert all(is_vietnamese_syllable(w) for w in words)
    assert detect_legacy(text) == "unicode"
    assert fix_legacy_text(text) == (text, None)


@settings(max_examples=200)
@given(st.lists(st.one_of(vietnamese_words(), _english), min_size=1, max_size=12))
def test_vietnamese_with_codes_and_numbers_is_never_flagged(words):
    assert detect_legacy(", ".join(words)) == "unicode"


@settings(max_examples=200)
@given(st.lists(vietnamese_words(), min_size=1, max_size=12), st.sampled_from(["tcvn3", "vni"]))
def test_legacy_renderings_of_vietnamese_words_are_repaired(words, encoding):
    text = unicodedata.normalize("NFC", " ".join(words))
    if encoding == "tcvn3":
        text = text.lower()  # VN3 has no toned capitals: capitals come from `.VnTimeH`
    legacy = encode_legacy(text, encoding)
    fixed, found = fix_legacy_text(legacy)
    other = "vni" if encoding == "tcvn3" else "tcvn3"
    evidence = [w for w in legacy.split() if len(w) >= 2 and not w.isascii()]
    if not evidence or _reads_as_vietnamese(" ".join(evidence)):
        # Nothing to repair, or the mojibake is itself valid Vietnamese (TCVN3 `cã` for
        # `có`): Unicode wins such ties, so that real Unicode text is never altered.
        # Only one-letter legacy words (`«` for `ô`) are too little evidence to act on.
        assert (fixed, found) == (legacy, None)
    elif len(evidence) == 1 and len(evidence[0]) <= 2:
        # A lone two-letter legacy word (`«i` for `ôi`) is thin evidence: repairing it and
        # leaving it are both accepted (hypothesis found `ôi` in a CI-like run).
        assert (fixed, found) in ((text, encoding), (legacy, None))
    elif _reads_as_vietnamese(convert_legacy(" ".join(evidence), other)):
        # Both legacy readings are Vietnamese (`bö`: TCVN3 bử, VNI bư): undecidable.
        assert (fixed, found) in ((text, encoding), (legacy, "unknown"))
    else:
        assert (fixed, found) == (text, encoding)


def _reads_as_vietnamese(text: str) -> bool:
    words = text.split()
    return all(
        w in (w.lower(), w.upper(), w[:1].upper() + w[1:].lower()) and is_vietnamese_syllable(w)
        for w in words
    )
