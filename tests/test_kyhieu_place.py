"""Ký hiệu in capitals and place names with their kind (Decree 30/2020, Phụ lục I, II.3.c and II.4.a).

The registry refuses an abbreviation in lower case or equal to a type abbreviation of Phụ lục
III; `so_ky_hieu` prints capitals; a unit named after a person keeps its kind in the địa
danh. The built documents are read back for both.
"""

from __future__ import annotations

import re

import pytest
import yaml
from pydantic import ValidationError
from render_helpers import BUNDLED, built_project, document

from reportgen.model import Agency
from reportgen.model.agencies import abbrev_problem, place_problem
from reportgen.vn import so_ky_hieu

BASE = {"code": "X", "name": "Sở Ngoại vụ", "kind": "so", "header_lines": ["UBND TỈNH THANH HÓA", "SỞ NGOẠI VỤ"],
        "abbrev": "SNGV", "head_title": "GIÁM ĐỐC"}


@pytest.mark.parametrize("abbrev, ok", [
    ("SNGV", True), ("SNgV", False), ("sngv", False),
    ("SGDĐT", True), ("SGDđT", False),                 # Đ is a capital letter, đ is not
    ("SNN&PTNT", True), ("MTTQ-BTT", True),              # a unit after "-" may match a type (BTT)
    ("TTT", True), ("TTR", False), ("TTr", False),       # TTr is Tờ trình
    ("KH", False), ("BC", False), ("QĐ", False), ("CTR", False),
])
def test_registry_abbreviation(abbrev, ok):
    assert (abbrev_problem(abbrev) is None) is ok
    if not ok:
        with pytest.raises(ValidationError):
            Agency.model_validate(BASE | {"abbrev": abbrev})


def test_messages_say_what_to_write():
    assert "«SNGV»" in abbrev_problem("SNgV")
    assert "Tờ trình" in abbrev_problem("TTr")


@pytest.mark.parametrize("number, issuer, expected", [
    (264, "SNgV", "264/BC-SNGV"),
    (5, "sngv", "05/BC-SNGV"),
    (174, "TTT", "174/BC-TTT"),
    (None, "UBND", "      /BC-UBND"),
])
def test_so_ky_hieu_prints_capitals(number, issuer, expected):
    assert so_ky_hieu(number, "Báo cáo", issuer) == expected


def test_type_abbreviations_keep_the_decrees_case():
    assert so_ky_hieu(12, "Tờ trình", "UBND") == "12/TTr-UBND"
    assert so_ky_hieu(3, "Chương trình", "SYT") == "03/CTr-SYT"


PHUONG = {"code": "P", "name": "Ủy ban nhân dân phường Đào Duy Từ", "kind": "ubnd-xa",
          "header_lines": ["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐÀO DUY TỪ"], "parent_lines": 0, "abbrev": "UBND",
          "head_title": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN", "place": "Đào Duy Từ"}


@pytest.mark.parametrize("extra, place_text", [
    ({}, "Đào Duy Từ"),                                             # a plain name: the name alone
    ({"named_after": "person"}, "Phường Đào Duy Từ"),
    ({"name": "Ủy ban nhân dân thị xã Quang Trung", "place": "Quang Trung", "named_after": "person"},
     "Thị xã Quang Trung"),
    ({"name": "Ủy ban nhân dân quận 1", "place": "1", "named_after": "number"}, "Quận 1"),
])
def test_place_text(extra, place_text):
    assert Agency.model_validate(PHUONG | extra).place_text == place_text


@pytest.mark.parametrize("name, place, named_after, fragment", [
    ("Ủy ban nhân dân quận 1", "1", None, "named_after: number"),            # a number keeps its kind
    ("Ủy ban nhân dân thành phố Thanh Hóa", "TP. Thanh Hóa", None, "không viết tắt"),
    ("Ủy ban nhân dân phường Đào Duy Từ", "Đào Duy", None, "phần cuối tên"),
    ("Ban quản lý Đào Duy Từ", "Đào Duy Từ", "person", "loại đơn vị hành chính"),
])
def test_place_problems(name, place, named_after, fragment):
    assert fragment in place_problem(name, place, named_after)


def test_bundled_registry_capitals_and_places():
    data = yaml.safe_load((BUNDLED / "inputs" / "agencies.yaml").read_text(encoding="utf-8"))
    abbrevs = {a["code"]: a["abbrev"] for a in data["agencies"]}
    assert abbrevs["SNGV"] == "SNGV" and abbrevs["TTR_TINH"] == "TTT"
    assert all(a == a.upper() for a in abbrevs.values())
    named = {a["code"] for a in data["agencies"] if a.get("named_after")}
    assert {"UBND_P_DAO_DUY_TU", "UBND_P_QUANG_TRUNG"} <= named


def _page_one(path) -> tuple[str, str]:
    doc = document(path)
    number = doc.tables[0].cell(1, 0).paragraphs[0].text
    place = doc.tables[0].cell(1, 1).paragraphs[0].text
    return number, place


KY_HIEU = re.compile(r"^Số:\s*\d*/(?P<type>[^-]+)-(?P<issuer>.+)$")


@pytest.mark.parametrize("year", [2024, 2025])
def test_built_documents_ky_hieu_in_capitals(year):
    out = built_project(year) / "outputs" / str(year)
    seen = 0
    for path in sorted(out.rglob("*.docx")):
        number, _ = _page_one(path)
        match = KY_HIEU.match(number)
        assert match, (path.name, number)
        assert match["issuer"] == match["issuer"].upper(), (path.name, number)
        seen += 1
    assert seen > 40


def test_built_documents_place_lines():
    out = built_project(2025) / "outputs" / "2025"
    assert _page_one(out / "bao-cao" / "BC-UBND_P_DAO_DUY_TU-2025.docx")[1].startswith("Phường Đào Duy Từ, ngày ")
    assert _page_one(out / "ke-hoach" / "KH-UBND_P_QUANG_TRUNG-2025.docx")[1].startswith("Phường Quang Trung, ngày ")
    assert _page_one(out / "ke-hoach" / "KH-UBND_P_HAC_THANH-2025.docx")[1].startswith("Hạc Thành, ngày ")
    assert _page_one(out / "ke-hoach" / "KH-SYT-2025.docx")[1].startswith("Thanh Hóa, ngày ")
    sngv = next(out.rglob("BC-SNGV-2025.docx"), None) or next(out.rglob("KH-SNGV-2025.docx"))
    assert "/SNGV" in _page_one(sngv)[0].replace("BC-", "/").replace("KH-", "/")
