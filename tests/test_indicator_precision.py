"""Figures at the unit's precision (plan.yaml `unit_decimals`): rounded half up, no trailing zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from reportgen.indicator_text import target_text, unit_text, value_text
from reportgen.model.plan import Indicator


def _ind(unit: str, decimals: int | None) -> Indicator:
    return Indicator.model_validate({"code": "X", "group": "a", "name": "x", "unit": unit, "comparator": "≥",
                                     "target": "10", "decimals": decimals})


@pytest.mark.parametrize("unit, decimals, value, text", [
    ("căn", 0, "4500.57", "4.501"),
    ("căn", 0, "4500.5", "4.501"),          # half up
    ("căn", 0, "4500.49", "4.500"),
    ("%", 2, "2.5825", "2,58%"),
    ("%", 2, "2.585", "2,59%"),
    ("%", 2, "95.2", "95,2%"),              # no trailing zero added
    ("%", 2, "95", "95%"),
    ("tuổi", 1, "73.84", "73,8"),
    ("tuổi", None, "73.845", "73,845"),     # no precision given: as reported
])
def test_value_text(unit, decimals, value, text):
    assert value_text(_ind(unit, decimals), Decimal(value)) == text


def test_unit_decimals_fill_indicators_and_are_checked():
    from test_forms_fixture import plan_data

    from reportgen.model import Plan

    data = plan_data() | {"unit_decimals": {"người": 0, "%": 1}}
    plan = Plan.model_validate(data)
    assert plan.indicator("A02").decimals == 0 and plan.indicator("A01").decimals == 1
    with pytest.raises(ValidationError, match="không có chỉ tiêu nào có đơn vị «căn hộ»"):
        Plan.model_validate(data | {"unit_decimals": {"căn hộ": 0}})
    with pytest.raises(ValidationError):
        Plan.model_validate(data | {"unit_decimals": {"người": 7}})


def test_target_without_unit_and_a_breakable_unit():
    ind = _ind("điều dưỡng viên/10.000 dân", 1)
    assert target_text(ind) == "≥ 10 điều dưỡng viên/10.000 dân"
    assert target_text(ind, unit=False) == "≥ 10"
    assert unit_text(ind.unit) == "điều dưỡng viên/\u200b10.000 dân"
