"""Legacy 8-bit Vietnamese text (TCVN3/ABC, VNI-Windows) seen as mojibake, back to Unicode.

Old Word files typed with the fonts `.VnTime` (TCVN3) or `VNI-Times` (VNI-Windows) store
one Latin-1 character per byte, so their text reads `B¶o Th¾ng` (= Bảo Thắng) or
`Xin chaøo` (= Xin chào). Python has no codec for either; the tables below are built
from the published character tables (TCVN 5712:1993, VNI-Windows).

Detection uses the font name when known, otherwise compares how many words are valid
Vietnamese syllables when read as Unicode, as TCVN3 and as VNI. Text that reads as
valid Vietnamese (or has no Latin-1 letters at all) is Unicode; legacy is reported
only when a legacy reading is clearly better. Never a byte-level guesser.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Literal

from reportgen.vn.text import TONE_MARKS

__all__ = [
    "Encoding",
    "detect_legacy",
    "convert_legacy",
    "encode_legacy",
    "fix_legacy_text",
    "is_capitals_font",
    "is_vietnamese_syllable",
]

Encoding = Literal["tcvn3", "vni", "unicode", "unknown"]


def detect_legacy(s: str, font: str | None = None) -> Encoding:
    """Which encoding the text is in: `tcvn3`, `vni`, `unicode` or `unknown` (unsure).

    A TCVN3 font (`.VnTime`, `.VnTimeH`, `.VnArial`...) or a VNI font (`VNI-Times`...)
    decides, unless the text holds Vietnamese Unicode letters that no legacy font can.
    """
    has_unicode_letters = bool(_VN_UNICODE_ONLY.search(s))
    by_font = _encoding_of_font(font)
    if by_font is not None:
        return "unicode" if has_unicode_letters else by_font
    scores = _reading_scores(s)
    if scores is None:
        return "unicode"
    n, u, t, v = scores
    best = max(t, v)
    legacy_wins = best > u and best >= math.ceil(n / 2)
    if legacy_wins:
        if has_unicode_letters or t == v:
            return "unknown"  # mixed text, or both legacy readings equally good
        return "tcvn3" if t > v else "vni"
    if u < n / 2 and not has_unicode_letters and _SUSPICIOUS.search(s):
        return "unknown"  # letters no Vietnamese word has, and no reading that fits
    return "unicode"


def convert_legacy(s: str, encoding: str, *, capitals: bool = False) -> str:
    """Unicode (NFC) text from TCVN3 or VNI mojibake; `capitals` for `.VnTimeH`-style fonts.

    `encoding` is `tcvn3`, `vni` or `unicode` (then only NFC is applied).
    """
    if encoding == "tcvn3":
        out = s.translate(_TCVN3_DECODE)
    elif encoding == "vni":
        out = _decode_vni(s)
    elif encoding == "unicode":
        out = s
    else:
        raise ValueError(f"Bảng mã “{encoding}” không được hỗ trợ (chỉ có tcvn3, vni, unicode).")
    if capitals:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


def encode_legacy(s: str, encoding: str) -> str:
    """The mojibake a legacy font would store for Unicode text (used to build test data).

    Raises ValueError for a letter the encoding cannot hold (TCVN3 lacks most toned capitals).
    """
    if encoding == "tcvn3":
        table = _TCVN3_ENCODE
    elif encoding == "vni":
        table = _VNI_ENCODE
    else:
        raise ValueError(f"Bảng mã “{encoding}” không được hỗ trợ (chỉ có tcvn3, vni).")
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in table:
            out.append(table[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"Ký tự “{ch}” không có trong bảng mã {encoding}.")
    return "".join(out)


def fix_legacy_text(s: str, font: str | None = None) -> tuple[str, str | None]:
    """(text, encoding): legacy text converted to Unicode, with the encoding found.

    Unicode text comes back unchanged with None; text that cannot be decided comes
    back unchanged with `unknown`, so that the caller can reject it.
    """
    encoding = detect_legacy(s, font)
    if encoding == "unknown":
        return s, "unknown"
    if encoding == "unicode":
        return s, None
    fixed = convert_legacy(s, encoding, capitals=encoding == "tcvn3" and is_capitals_font(font))
    return (s, None) if fixed == s else (fixed, encoding)


def is_capitals_font(font: str | None) -> bool:
    """TCVN3 capital-letter fonts end in `H` (`.VnTimeH`, `.VnArialH`): all glyphs upper case."""
    if not font or _encoding_of_font(font) != "tcvn3":
        return False
    family = _STYLE_SUFFIX.sub("", font.strip())
    return family.endswith("H")


def is_vietnamese_syllable(word: str) -> bool:
    """True when the word is spelled like one Vietnamese syllable (`thắng`, `Nguyễn`, `gì`)."""
    letters, tone = _strip_tone(unicodedata.normalize("NFC", word).lower())
    if tone is None:
        return False
    for initial in _INITIALS:
        if letters.startswith(initial):
            rhyme = letters[len(initial):]
            if rhyme in _RHYMES:
                return not (tone in (0, 1, 2, 3) and rhyme.endswith(_STOP_FINALS))
    return False


# ---------------------------------------------------------------- TCVN3 (ABC)

# TCVN 5712:1993, VN3 (the `.Vn*` fonts), bytes 0xA1-0xFF shown as Latin-1 characters.
# The lower-case letters and Ă Â Ê Ô Ơ Ư Đ are the VN3 set; the few toned capitals
# that VN1 puts in VN3's unused positions (0xAF, 0xBA, 0xBF-0xC5, ...) are included
# too, as VN3 text never uses those positions for anything else. Bytes 0xB0-0xB4 (VN1
# combining tones) are left alone: in VN3 text they are symbols such as `°` and `±`.
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă",
    0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ", 0xB5: "à",
    0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ",
    0xBE: "ắ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCD: "Ể",
    0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế",
    0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ", 0xDD: "í",
    0xDE: "ị", 0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ",
    0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ",
    0xEE: "ợ", 0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ",
    0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý",
    0xFE: "ỵ", 0xFF: "Ố",
}
_TCVN3_DECODE = {code: letter for code, letter in _TCVN3.items()}
# The VN3 set proper, used when guessing: the VN1 capitals would make plain Latin-1
# capitals (`Ù`, `À`) look like TCVN3.
_VN1_CAPITALS = frozenset((0xAF, 0xBA, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xCD, 0xD9,
                           0xDA, 0xDB, 0xE0, 0xF0, 0xFF))
_TCVN3_DECODE_VN3 = {c: v for c, v in _TCVN3_DECODE.items() if c not in _VN1_CAPITALS}
_TCVN3_ENCODE = {letter: chr(code) for code, letter in _TCVN3.items()}


# ---------------------------------------------------------------- VNI-Windows

# VNI-Windows writes a vowel as its base letter followed by one mark character (both
# shown as Latin-1). Tones in the order sắc, huyền, hỏi, ngã, nặng:
_VNI_TONES = ("ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX_TONES = ("á", "à", "å", "ã", "ä")  # circumflex and tone in one mark
_VNI_BREVE_TONES = ("é", "è", "ú", "ü", "ë")  # breve and tone in one mark
_UNICODE_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vni_lowercase_table() -> dict[str, str]:
    """Unicode lower-case letter → VNI characters."""
    table = {"đ": "ñ", "ơ": "ô", "ư": "ö", "â": "aâ", "ê": "eâ", "ô": "oâ", "ă": "aê"}
    for base in "aeouy":
        for mark, tone in zip(_VNI_TONES, _UNICODE_TONES, strict=True):
            table[_nfc(base + tone)] = base + mark
    for base, vni in (("ơ", "ô"), ("ư", "ö")):
        for mark, tone in zip(_VNI_TONES, _UNICODE_TONES, strict=True):
            table[_nfc(base + tone)] = vni + mark
    for base in "aeo":
        for mark, tone in zip(_VNI_CIRCUMFLEX_TONES, _UNICODE_TONES, strict=True):
            table[_nfc(base + "\u0302" + tone)] = base + mark
    for mark, tone in zip(_VNI_BREVE_TONES, _UNICODE_TONES, strict=True):
        table[_nfc("a\u0306" + tone)] = "a" + mark
    # i has single characters of its own, and so does ỵ.
    table.update({"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"})
    return table


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    lower = _vni_lowercase_table()
    encode = dict(lower)
    encode.update({letter.upper(): vni.upper() for letter, vni in lower.items()})
    decode = {vni: letter for letter, vni in encode.items() if vni != letter}
    for letter, vni in lower.items():
        if len(vni) == 2:  # Title-case typing: capital base, lower-case mark (`Aù` = Á)
            decode.setdefault(vni[0].upper() + vni[1], letter.upper())
    decode.setdefault("yï", "ỵ")  # written this way by some converters
    decode.setdefault("YÏ", "Ỵ")
    return encode, decode


_VNI_ENCODE, _VNI_DECODE = _build_vni()


def _decode_vni(s: str) -> str:
    out = []
    i = 0
    while i < len(s):
        pair = s[i : i + 2]
        if len(pair) == 2 and pair in _VNI_DECODE:
            out.append(_VNI_DECODE[pair])
            i += 2
            continue
        out.append(_VNI_DECODE.get(s[i], s[i]))
        i += 1
    return "".join(out)


# ---------------------------------------------------------------- detection


def _encoding_of_font(font: str | None) -> Encoding | None:
    if not font:
        return None
    name = font.strip().lower()
    if _VNI_FONT.match(name):
        return "vni"
    if _TCVN3_FONT.match(name):
        return "tcvn3"
    return None


_VNI_FONT = re.compile(r"vni[-_ ]")
_TCVN3_FONT = re.compile(r"\.vn|vn(time|arial|avant|century|courier|helvetica|univers)")
_STYLE_SUFFIX = re.compile(r"[\s,]+(bold|italic|regular|bold italic)$", re.IGNORECASE)

# Letters only Unicode text can hold (no legacy 8-bit font has them as code points).
_VN_UNICODE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
# Latin-1 characters that legacy text uses as letters or marks but Vietnamese Unicode
# text never has (`¶ ¾ ¬ ®` in TCVN3, `ø û ï ä ñ ö` in VNI): the marks of mojibake.
_VN_LATIN1_LETTERS = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_LEGACY_CHARS = (
    {chr(c) for c in _TCVN3}
    | {c for key in _VNI_DECODE for c in key if not c.isascii()}
)
_SUSPICIOUS = re.compile(
    "[" + re.escape("".join(sorted(_LEGACY_CHARS - set(_VN_LATIN1_LETTERS)))) + "]"
)
# Punctuation stripped around a word before checking it; other Latin-1 symbols are
# kept, as legacy text uses them as letters (`®a` is TCVN3 `đa`).
_WORD_PUNCT = "«»¡¿\u00a0"
_LATIN1 = frozenset(chr(c) for c in range(0xA0, 0x100))
# A token: a run of characters other than spaces, ASCII punctuation and digits.
_TOKEN = re.compile(r"[^\s!-@\[-`{-~]+")


def _reading_scores(s: str) -> tuple[int, int, int, int] | None:
    """(tokens, valid as Unicode, valid as TCVN3, valid as VNI) over the non-ASCII words
    with at least two letters in some reading; None when there are none."""
    tokens = [t for t in _TOKEN.findall(s) if not t.isascii() and _letter_count(t) >= 2]
    if not tokens:
        return None
    n = len(tokens)
    u = sum(_valid_word(t) for t in tokens)
    if u == n:
        return n, u, 0, 0  # every word is Vietnamese as written: no legacy reading can do better
    t3 = sum(_valid_word(t.translate(_TCVN3_DECODE_VN3)) for t in tokens)
    vn = sum(_valid_word(convert_legacy(t, "vni")) for t in tokens)
    return n, u, t3, vn


@lru_cache(maxsize=65536)
def _letter_count(token: str) -> int:
    return max(
        sum(c.isalpha() for c in token),
        sum(c.isalpha() for c in token.translate(_TCVN3_DECODE_VN3)),
    )


@lru_cache(maxsize=65536)
def _valid_word(token: str) -> bool:
    """A token counts as Vietnamese when every hyphen-joined part is a syllable written
    in lower, Title or UPPER case (TCVN3 mojibake puts capitals inside words: `bÝt`)."""
    word = token.strip(
        "".join(c for c in set(token) if not c.isalpha() and (c in _WORD_PUNCT or c not in _LATIN1))
    )
    return bool(word) and all(_valid_part(p) for p in word.split("-"))


def _valid_part(part: str) -> bool:
    cased = part in (part.lower(), part.upper(), part[:1].upper() + part[1:].lower())
    return cased and is_vietnamese_syllable(part)


# ---------------------------------------------------------------- syllables

_INITIALS = sorted(
    "ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x".split() + [""],
    key=len,
    reverse=True,
)
_RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uc ui um un ung up ut
    uê uêch uênh uơ uôc uôi uôm uôn uông uôt
    uy uya uych uyên uyêt uynh uyp uyt uyu
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y ych ynh yt yêm yên yêng yêt yêu
    """.split()
)
_STOP_FINALS = ("c", "ch", "p", "t")
_TONE_OF_MARK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _strip_tone(word: str) -> tuple[str, int | None]:
    """(letters without tone, tone 0-5 with sắc=4 and nặng=5), tone None if two tones."""
    tone = 0
    kept = []
    for c in unicodedata.normalize("NFD", word):
        if c in TONE_MARKS:
            if tone:
                return "", None
            tone = _TONE_OF_MARK[c]
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone
