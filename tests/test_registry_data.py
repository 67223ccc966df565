"""The bundled agency registry (inputs/agencies.yaml): shape, text form and dated routing.

These tests pin the facts the reports depend on: which bodies existed in 2024 and in late
2025, how the 2025 reorganisation routes the plan's tasks, and that every district hands
its work to sourced commune-level units from 1/7/2025.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

import reportgen
from reportgen.model.agencies import AGENCY_KINDS, Agency, Registry
from reportgen.vn.text import normalize_text

REGISTRY_FILE = Path(reportgen.__file__).parent / "bundled" / "inputs" / "agencies.yaml"

Y2024 = date(2024, 12, 10)      # report deadline under the old structure
Y2025 = date(2025, 12, 10)      # report deadline after both 2025 reforms
PLAN_DATE = date(2024, 3, 8)    # Plan 68/KH-UBND was issued

DISTRICTS_2024 = {
    "UBND_TP_THANH_HOA", "UBND_TP_SAM_SON", "UBND_TX_BIM_SON", "UBND_TX_NGHI_SON",
    "UBND_H_BA_THUOC", "UBND_H_CAM_THUY", "UBND_H_DONG_SON", "UBND_H_HA_TRUNG", "UBND_H_HAU_LOC",
    "UBND_H_HOANG_HOA", "UBND_H_LANG_CHANH", "UBND_H_MUONG_LAT", "UBND_H_NGA_SON", "UBND_H_NGOC_LAC",
    "UBND_H_NHU_THANH", "UBND_H_NHU_XUAN", "UBND_H_NONG_CONG", "UBND_H_QUAN_HOA", "UBND_H_QUAN_SON",
    "UBND_H_QUANG_XUONG", "UBND_H_THACH_THANH", "UBND_H_THIEU_HOA", "UBND_H_THO_XUAN",
    "UBND_H_THUONG_XUAN", "UBND_H_TRIEU_SON", "UBND_H_VINH_LOC", "UBND_H_YEN_DINH",
}

# vn-context.md: the 14 provincial agencies after 1/3/2025.
SO_2025 = {
    "SNNMT", "STC", "TTR_TINH", "VP_UBND", "SNV", "SKHCN", "SXD", "SVHTTDL", "SGDDT", "SYT",
    "SCT", "STP", "SDTTG", "SNGV",
}
SO_2024 = (SO_2025 - {"SNNMT", "SDTTG"}) | {
    "SLDTBXH", "STTTT", "SKHDT", "SNNPTNT", "STNMT", "SGTVT", "BDT",
}


@pytest.fixture(scope="module")
def raw() -> dict:
    with REGISTRY_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def registry(raw: dict) -> Registry:
    return Registry([Agency.model_validate(a) for a in raw["agencies"]])


def _strings(value):
    """Every string inside a nested YAML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _fold(text: str) -> str:
    """ASCII code form of a Vietnamese name: 'Hạc Thành' -> 'HAC_THANH'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


# --- shape and text ------------------------------------------------------------------------

def test_file_has_source_and_agencies_only(raw):
    assert set(raw) == {"source", "agencies"}
    assert raw["source"].strip()
    assert len(raw["agencies"]) > 200


def test_codes_are_unique_and_upper_ascii(raw):
    codes = [a["code"] for a in raw["agencies"]]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", c) for c in codes)


def test_every_kind_is_known(registry):
    assert {a.kind for a in registry.agencies.values()} <= set(AGENCY_KINDS)


def test_header_lines_are_upper_nfc_and_canonical(registry):
    for a in registry.agencies.values():
        assert a.header_lines, a.code
        for line in a.header_lines:
            assert line == line.upper(), (a.code, line)
            assert line == unicodedata.normalize("NFC", line), (a.code, line)
            assert line == normalize_text(line) == line.strip(), (a.code, line)


def test_file_text_is_already_canonical(raw):
    """Loading normalises text; the bundled file must not depend on that."""
    for text in _strings(raw):
        assert text == unicodedata.normalize("NFC", text)
        assert normalize_text(text) == text, text


def test_titles_and_abbrevs_are_upper_without_spaces(registry):
    for a in registry.agencies.values():
        assert a.head_title == a.head_title.upper()
        assert a.deputy_title is None or a.deputy_title == a.deputy_title.upper()
        assert a.authority is None or a.authority == a.authority.upper()
        assert a.abbrev and " " not in a.abbrev, a.code


def test_provincial_committee_signs_as_collective_body(registry):
    ubnd = registry["UBND_TINH"]
    assert ubnd.header_lines == ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"]
    assert ubnd.parent_lines == 0
    assert (ubnd.abbrev, ubnd.head_title, ubnd.deputy_title) == ("UBND", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert ubnd.authority == "TM. ỦY BAN NHÂN DÂN"


def test_departments_sit_under_the_provincial_committee(registry):
    for a in registry.agencies.values():
        if a.kind == "so":
            assert a.header_lines[0] == "UBND TỈNH THANH HÓA", a.code
            assert a.parent_lines == 1 and a.authority is None, a.code
    assert registry["SYT"].header_lines == ["UBND TỈNH THANH HÓA", "SỞ Y TẾ"]
    assert registry["SLDTBXH"].abbrev == "SLĐTBXH"


def test_people_committees_have_no_parent_line(registry):
    for a in registry.agencies.values():
        if a.kind in ("ubnd-huyen", "ubnd-xa"):
            assert a.header_lines[0] == "ỦY BAN NHÂN DÂN" and a.parent_lines == 0, a.code
            assert (a.abbrev, a.head_title, a.authority) == ("UBND", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    assert registry["UBND_H_NGA_SON"].header_lines == ["ỦY BAN NHÂN DÂN", "HUYỆN NGA SƠN"]
    assert registry["UBND_P_HAC_THANH"].header_lines == ["ỦY BAN NHÂN DÂN", "PHƯỜNG HẠC THÀNH"]


# --- dates and successor rules -----------------------------------------------------------

def test_every_successor_exists_when_it_takes_over(registry):
    for a in registry.agencies.values():
        for rule in a.successors:
            assert rule.body in registry, (a.code, rule.body)
            assert registry[rule.body].exists_on(rule.date), (a.code, rule.body, rule.date)


def test_ended_bodies_hand_over_the_next_day(registry):
    for a in registry.agencies.values():
        if a.valid_to is None:
            assert not a.successors, a.code
            continue
        assert a.successors, f"{a.code} ended with no successor"
        for rule in a.successors:
            assert rule.date == a.valid_to + timedelta(days=1), (a.code, rule.body)


def test_domains_are_slugs(registry):
    for a in registry.agencies.values():
        for rule in a.successors:
            assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", d) for d in rule.domains), a.code


@pytest.mark.parametrize("day", [PLAN_DATE, Y2024, date(2025, 1, 15), date(2025, 3, 1), date(2025, 7, 1), Y2025])
def test_bodies_of_the_plan_always_route_somewhere(registry, day):
    for a in registry.existing_on(PLAN_DATE):
        assert registry.successors_on(a.code, day), (a.code, day)


# --- who existed when --------------------------------------------------------------------

def test_27_districts_in_2024_none_in_late_2025(registry):
    assert {a.code for a in registry.existing_on(Y2024, ["ubnd-huyen"])} == DISTRICTS_2024
    assert {a.code for a in registry.existing_on(date(2025, 3, 1), ["ubnd-huyen"])} == DISTRICTS_2024 - {"UBND_H_DONG_SON"}
    assert registry.existing_on(Y2025, ["ubnd-huyen"]) == []


def test_provincial_departments_in_2024(registry):
    assert {a.code for a in registry.existing_on(Y2024, ["so"])} == SO_2024


def test_provincial_departments_on_10_december_2025(registry):
    assert {a.code for a in registry.existing_on(Y2025, ["so"])} == SO_2025
    assert {a.code for a in registry.existing_on(Y2025, ["nganh"])} == {"CA_TINH", "BCHQS_TINH"}


def test_no_commune_level_body_before_july_2025(registry):
    assert registry.existing_on(date(2025, 6, 30), ["ubnd-xa"]) == []
    assert len(registry.existing_on(date(2025, 7, 1), ["ubnd-xa"])) == 166


def test_all_166_communes_by_kind(registry):
    communes = registry.existing_on(Y2025, ["ubnd-xa"])
    wards = [a for a in communes if a.header_lines[1].startswith("PHƯỜNG ")]
    xa = [a for a in communes if a.header_lines[1].startswith("XÃ ")]
    assert (len(communes), len(wards), len(xa)) == (166, 19, 147)
    assert all(a.code.startswith("UBND_P_") for a in wards)
    assert all(a.code.startswith("UBND_X_") for a in xa)


def test_commune_codes_follow_their_names(registry):
    for a in registry.existing_on(Y2025, ["ubnd-xa"]):
        level, _, place = a.header_lines[1].partition(" ")
        assert a.code == f"UBND_{'P' if level == 'PHƯỜNG' else 'X'}_{_fold(place)}"
        assert a.short_name == "UBND " + a.name.removeprefix("Ủy ban nhân dân ")
        assert a.valid_from == date(2025, 7, 1) and a.source


# --- routing of the 2025 reorganisation ----------------------------------------------------

@pytest.mark.parametrize(
    ("domains", "expected"),
    [
        (["giam-ngheo"], ["SNNMT"]),
        (["bao-tro-xa-hoi"], ["SYT"]),
        (["lao-dong", "bao-tro-xa-hoi"], ["SNV", "SYT"]),
        (["nguoi-co-cong"], ["SNV"]),
        (["giao-duc-nghe-nghiep"], ["SGDDT"]),
        (["cai-nghien"], ["CA_TINH"]),
        (["mot-linh-vuc-khac"], ["SNV"]),
        ([], ["SNV"]),
    ],
)
def test_labour_department_split_by_domain(registry, domains, expected):
    assert registry.successors_on("SLDTBXH", Y2025, domains) == expected


def test_labour_department_before_and_at_the_split(registry):
    assert registry.successors_on("SLDTBXH", Y2024) == ["SLDTBXH"]
    assert registry.successors_on("SLDTBXH", date(2025, 2, 28), ["giam-ngheo"]) == ["SLDTBXH"]
    assert registry.successors_on("SLDTBXH", date(2025, 3, 1), ["giam-ngheo"]) == ["SNNMT"]


def test_information_department_split(registry):
    assert registry.successors_on("STTTT", Y2025, ["bao-chi"]) == ["SVHTTDL"]
    assert registry.successors_on("STTTT", Y2025, ["chuyen-doi-so"]) == ["SKHCN"]
    assert registry.successors_on("STTTT", Y2025) == ["SKHCN"]
    assert registry.successors_on("STTTT", Y2024, ["bao-chi"]) == ["STTTT"]


@pytest.mark.parametrize(
    ("old", "new"),
    [("SKHDT", "STC"), ("SNNPTNT", "SNNMT"), ("STNMT", "SNNMT"), ("SGTVT", "SXD"), ("BDT", "SDTTG")],
)
def test_merged_departments(registry, old, new):
    assert registry.successors_on(old, Y2024) == [old]
    assert registry.successors_on(old, Y2025) == [new]


def test_continuing_departments_route_to_themselves(registry):
    for code in ("SNV", "SYT", "SGDDT", "STC", "SXD", "SVHTTDL", "SKHCN"):
        assert registry.successors_on(code, Y2024) == [code]
        assert registry.successors_on(code, Y2025) == [code]


def test_dong_son_joins_thanh_hoa_city_then_its_communes(registry):
    assert registry.successors_on("UBND_H_DONG_SON", Y2024) == ["UBND_H_DONG_SON"]
    assert registry.successors_on("UBND_H_DONG_SON", date(2025, 3, 1)) == ["UBND_TP_THANH_HOA"]
    assert registry.successors_on("UBND_H_DONG_SON", Y2025) == registry.successors_on("UBND_TP_THANH_HOA", Y2025)


def test_districts_hand_over_only_to_communes(registry):
    for code in DISTRICTS_2024:
        successors = registry.successors_on(code, Y2025)
        assert successors, code
        assert all(registry[s].kind == "ubnd-xa" for s in successors), code


def test_every_commune_takes_over_some_district(registry):
    taken = {s for code in DISTRICTS_2024 for s in registry.successors_on(code, Y2025)}
    assert taken == {a.code for a in registry.existing_on(Y2025, ["ubnd-xa"])}


def test_communes_formed_across_a_district_line_succeed_both(registry):
    def succ(code):
        return set(registry.successors_on(code, Y2025))

    assert "UBND_P_BIM_SON" in succ("UBND_TX_BIM_SON") & succ("UBND_H_HA_TRUNG")
    assert "UBND_X_CONG_CHINH" in succ("UBND_H_NONG_CONG") & succ("UBND_H_NHU_THANH")
    assert "UBND_P_NAM_SAM_SON" in succ("UBND_TP_SAM_SON") & succ("UBND_H_QUANG_XUONG")
    assert succ("UBND_H_NGA_SON") == {
        "UBND_X_NGA_SON", "UBND_X_TAN_TIEN", "UBND_X_NGA_THANG", "UBND_X_HO_VUONG", "UBND_X_NGA_AN",
        "UBND_X_BA_DINH",
    }
