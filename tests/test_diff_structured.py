"""Two submissions compared by task and indicator, in the user's terms."""

from __future__ import annotations

import pytest

from reportgen.diff.structured import compare_submissions, load_plain
from reportgen.errors import UnreadableFileError

OLD = {
    "agency": "SYT", "year": 2024,
    "tasks": [
        {"task": "III.4.5", "status": "đang thực hiện", "results": ["Đã khảo sát 20 xã."]},
        {"task": "III.4.6", "status": "chưa thực hiện"},
        {"task": "II.1", "status": "hoàn thành"},
    ],
    "figures": [
        {"indicator": "B07", "value": 74.3, "previous": 70, "estimate": True},
        {"indicator": "B08", "value": 13787},
    ],
    "difficulties": ["Thiếu kinh phí."],
}
NEW = {
    "agency": "SYT", "year": 2024,
    "tasks": [
        {"task": "III.4.5", "status": "hoàn thành", "results": ["Đã khảo sát 20 xã.", "Hoàn thành đề án."]},
        {"task": "II.1", "status": "hoàn thành"},
        {"task": "IV.2", "status": "đang thực hiện"},
    ],
    "figures": [
        {"indicator": "B07", "value": "74,5", "previous": 70, "estimate": False},
        {"indicator": "B08", "value": "13.787"},
    ],
    "difficulties": ["Thiếu kinh phí.", "Thiếu nhân lực."],
}


def test_changes_by_task_and_indicator():
    assert [str(c) for c in compare_submissions(OLD, NEW)] == [
        "III.4.5: trạng thái đang thực hiện → hoàn thành",
        "III.4.5: kết quả: thêm «Hoàn thành đề án.»",
        "IV.2: thêm nhiệm vụ (trạng thái đang thực hiện)",
        "III.4.6: bỏ nhiệm vụ (trạng thái chưa thực hiện)",
        "Chỉ tiêu B07: 74,3 → 74,5",
        "Chỉ tiêu B07: ước thực hiện có → không",
        "Khó khăn, vướng mắc: thêm «Thiếu nhân lực.»",
    ]


def test_numbers_compare_as_numbers():
    # 13787 and "13.787" are the same figure; 74.30 and "74,3" too.
    a = {"figures": [{"indicator": "B08", "value": 13787}, {"indicator": "B07", "value": "74.30"}]}
    b = {"figures": [{"indicator": "B08", "value": "13.787"}, {"indicator": "B07", "value": "74,3"}]}
    assert compare_submissions(a, b) == []


def test_json_and_yaml_files_load_safely(tmp_path):
    y = tmp_path / "a.yaml"
    y.write_text("agency: SYT\nyear: 2024\n", encoding="utf-8")
    assert load_plain(y) == {"agency": "SYT", "year": 2024}
    j = tmp_path / "a.json"
    j.write_text('{"agency": "SYT", "figures": [{"indicator": "B07", "value": 74.3}]}', encoding="utf-8")
    assert str(load_plain(j)["figures"][0]["value"]) == "74.3"
    evil = tmp_path / "evil.yaml"
    evil.write_text("a: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        load_plain(evil)


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="quá nhiều phần tử"):
        load_plain(bomb)


def test_not_a_mapping_is_refused(tmp_path):
    f = tmp_path / "list.yaml"
    f.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        load_plain(f)
