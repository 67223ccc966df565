"""Heading numbers of Vietnamese documents: `I.`, `1.2.`, `a)`.

Heading numbers are computed text (never Word list numbering) so they never restart
wrongly and diff cleanly. Điểm letters follow the Vietnamese alphabet, which has `đ`
and no `f j w z`.
"""

from __future__ import annotations

__all__ = ["roman", "diem_letter", "arabic_ladder", "DIEM_LETTERS"]

# Decree 30 heading ladder: điểm letters a) b) ... y) in Vietnamese alphabetical order.
DIEM_LETTERS: tuple[str, ...] = tuple("a b c d đ e g h i k l m n o p q r s t u v x y".split())


def roman(n: int) -> str:
    """Roman numeral for a part heading: 1 → `I`, 4 → `IV` (1..3999)."""
    _check_positive(n, "số La Mã")
    if n > 3999:
        raise ValueError(f"Không viết được số La Mã cho {n}: chỉ từ 1 đến 3999.")
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def diem_letter(i: int) -> str:
    """Letter of the i-th điểm (1 → `a`, 5 → `đ`, 23 → `y`).

    The Vietnamese alphabet has 23 such letters; there is no agreed continuation
    after `y`, so a 24th điểm is an error (split the list instead).
    """
    _check_positive(i, "thứ tự điểm")
    if i > len(DIEM_LETTERS):
        raise ValueError(
            f"Không có chữ cái cho điểm thứ {i}: bảng chữ cái chỉ có "
            f"{len(DIEM_LETTERS)} điểm (a đến y); hãy tách danh sách."
        )
    return DIEM_LETTERS[i - 1]


def arabic_ladder(*parts: int) -> str:
    """Multi-level Arabic heading number: (1,) → `1.`, (1, 2) → `1.2.`."""
    if not parts:
        raise ValueError("Cần ít nhất một cấp số thứ tự.")
    for p in parts:
        _check_positive(p, "số thứ tự")
    return "".join(f"{p}." for p in parts)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def _check_positive(n: object, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"Giá trị {what} phải là số nguyên, không phải {n!r}.")
    if n < 1:
        raise ValueError(f"Giá trị {what} phải từ 1 trở lên, không phải {n}.")
