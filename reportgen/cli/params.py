"""Parameter types that speak Vietnamese: their names in --help (`NĂM`, `SỐ`, `TỆP`) and their errors.

click's own types show `INTEGER` and `[x>=1]` and say "'abc' is not a valid integer";
these say `NĂM`, `SỐ` and «abc» không phải số nguyên. Paths keep click's type (its
names pass through the Vietnamese catalogue in `i18n`), with Vietnamese metavars.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click


class YearType(click.ParamType):
    """A year, `2025`: digits only (`2025a` is refused here, `1900` by the plan's period)."""

    name = "năm"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "NĂM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            year = value
        else:
            text = str(value).strip()
            if not text.isdigit():
                self.fail(f"«{value}» không phải một năm (ghi bốn chữ số, ví dụ 2025)", param, ctx)
            year = int(text)
        return year   # whether the plan covers it is checked against the plan (exit 2, naming its period)


class CountType(click.ParamType):
    """A whole number at least `minimum`: `-j 4`."""

    name = "số"

    def __init__(self, minimum: int = 1, maximum: int | None = None, metavar: str = "SỐ"):
        self.minimum, self.maximum, self.metavar = minimum, maximum, metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return self.metavar

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(f"«{value}» không phải số nguyên", param, ctx)
        if self.maximum is not None and not self.minimum <= number <= self.maximum:
            self.fail(f"{number} không hợp lệ: phải từ {self.minimum} đến {self.maximum}", param, ctx)
        if number < self.minimum:
            self.fail(f"{number} quá nhỏ: phải từ {self.minimum} trở lên", param, ctx)
        return number


class DateType(click.ParamType):
    """A day, `15/12/2025` or `2025-12-15`."""

    name = "ngày"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "NGÀY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from ..vn import parse_date

        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _NamedPath(click.Path):
    """click's Path with a Vietnamese metavar."""

    def __init__(self, metavar: str, **kwargs: Any):
        super().__init__(path_type=Path, **kwargs)
        self._metavar = metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return self._metavar


YEAR = YearType()
COUNT = CountType()
PORT = CountType(1, 65535, "CỔNG")
DAY = DateType()
FILE = _NamedPath("TỆP", dir_okay=False)
FOLDER = _NamedPath("THƯ_MỤC", file_okay=False)
FILE_OR_FOLDER = _NamedPath("ĐƯỜNG_DẪN")
