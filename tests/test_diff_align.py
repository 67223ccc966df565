"""Alignment of two drafts: the exact change list for pairs with known edits."""

from __future__ import annotations

from diff_helpers import make_docx, with_footnotes
from diff_pairs import format_pair, known_pair

from reportgen.diff import compare_docx


def _list(diff):
    return [(c.kind, c.where(), c.old_text, c.new_text,
             [(s.op, s.old_text(c.old_text), s.new_text(c.new_text)) for s in c.segments if s.op != "equal"])
            for c in diff.changes]


def test_known_edits_give_exactly_this_change_list():
    diff = compare_docx(*known_pair())
    assert _list(diff) == [
        ("change", "Đoạn 3", "Tổng số 13.787 hộ được hỗ trợ, đạt 95,2% kế hoạch năm.",
         "Tổng số 13.878 hộ được hỗ trợ, đạt 95,2% kế hoạch năm.", [("replace", "13.787", "13.878")]),
        ("delete", "Đoạn 5", "Đoạn này sẽ bị xóa khỏi dự thảo mới.", "", []),
        ("insert", "Đoạn 6", "", "Đoạn mới bổ sung về chuyển đổi số.", []),
        ("change", "Đoạn 7", "II. NHIỆM VỤ NĂM 2025", "III. NHIỆM VỤ NĂM 2025", [("replace", "II", "III")]),
        ("change", "Bảng 1, hàng 2, ô 3", "74,3", "74,5", [("replace", "74,3", "74,5")]),
        ("delete", "Bảng 1, hàng 3", "B08 | Số xã đạt chuẩn nông thôn mới | 120", "", []),
        ("insert", "Bảng 1, hàng 4", "", "B10 | Số trường đạt chuẩn quốc gia | 45", []),
        ("move", "Đoạn 8 → Đoạn 12", "Đoạn này sẽ được chuyển xuống cuối văn bản.",
         "Đoạn này sẽ được chuyển xuống cuối văn bản.", []),
        ("change", "Đầu trang", "UBND TỈNH THANH HÓA", "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
         [("replace", "UBND", "ỦY BAN NHÂN DÂN")]),
    ]
    assert diff.summary() == {"insert": 2, "delete": 2, "change": 4, "move": 1}
    assert diff.changes[0].section == "I. KẾT QUẢ THỰC HIỆN NĂM 2024"
    assert diff.changes[4].section == "III. NHIỆM VỤ NĂM 2025"


def test_formatting_edits_give_exactly_this_change_list():
    diff = compare_docx(*format_pair())
    got = [(c.kind, c.where(), [(s.op, s.old_text(c.old_text), s.new_text(c.new_text)) for s in c.segments if s.op != "equal"],
            [(c.new_text[f.new_start:f.new_end], f.description()) for f in c.formats]) for c in diff.changes]
    assert got == [
        ("format", "Đoạn 2", [], [("13.787 hộ", "in đậm → thường")]),
        ("format", "Đoạn 4", [], [("Kế hoạch 68/KH-UBND", "không gạch chân → gạch chân")]),
        ("format", "Đoạn 5", [], [("B07", "in đậm → thường; cỡ chữ 14 → 13"), ("74,3%", "màu chữ #FF0000 → #0000FF")]),
        ("change", "Đoạn 8", [("insert", "", " hơn nữa")], [("tuyên truyền", "in đậm → thường")]),
        ("format", "Đoạn 9", [], [("Phông chữ", "phông Times New Roman → Arial"), ("gạch chân", "gạch chân → không gạch chân")]),
        ("format", "Bảng 1, hàng 2, ô 2", [], [("74,3", "in đậm → thường")]),
    ]
    # Not changes: `w:b w:val="0"` against no bold (Đoạn 6), the Strong style against direct bold (Đoạn 7).
    assert diff.summary() == {"insert": 0, "delete": 0, "change": 1, "move": 0, "format": 5}
    edit = diff.changes[2].formats[0]
    assert (edit.properties(), edit.old_start, edit.old_end) == ([("bold", True, False), ("size", 28, 26)], 9, 12)
    assert diff.changes[5].section == "I. KẾT QUẢ THỰC HIỆN NĂM 2024"


def test_identical_drafts_are_equal():
    old, _ = known_pair()
    assert compare_docx(old, old).equal


def test_json_locations_name_both_drafts():
    doc = compare_docx(*known_pair()).to_json()
    move = next(c for c in doc["changes"] if c["kind"] == "move")
    assert move["old_location"] == {"label": "Đoạn 8", "path": "body/p8"}
    assert move["new_location"] == {"label": "Đoạn 12", "path": "body/p12"}
    cell = next(c for c in doc["changes"] if c["kind"] == "change" and "t1" in c["new_location"]["path"])
    assert cell["new_location"]["path"] == "body/t1/r2/c3/p1"
    assert cell["words"] == [{"op": "replace", "old": "74,3", "new": "74,5"}]


def test_cells_are_compared_as_cells_not_as_a_flat_string():
    old = make_docx(["Bảng số liệu:", ("table", [["B01", "1.000", "2.000"], ["B02", "3.000", "4.000"]])])
    new = make_docx(["Bảng số liệu:", ("table", [["B01", "1.000 2.000", ""], ["B02", "3.000", "4.000"]])])
    got = [(c.kind, c.where(), c.old_text, c.new_text) for c in compare_docx(old, new).changes]
    # Flattened, "1.000 | 2.000" and "1.000 2.000 |" would look almost equal; as cells, two cells changed.
    assert got == [("change", "Bảng 1, hàng 1, ô 2", "1.000", "1.000 2.000"),
                   ("change", "Bảng 1, hàng 1, ô 3", "2.000", "")]


def test_a_new_column_grid_replaces_the_table():
    old = make_docx(["Trước bảng.", ("table", [["a", "b"], ["c", "d"]]), "Sau bảng."])
    new = make_docx(["Trước bảng.", ("table", [["a", "b", "x"], ["c", "d", "y"]]), "Sau bảng."])
    got = [(c.kind, c.what, c.where()) for c in compare_docx(old, new).changes]
    assert got == [("delete", "table", "Bảng 1"), ("insert", "table", "Bảng 1")]


def test_a_moved_table_row_is_a_move():
    rows = [["Mã", "Tên"], ["A1", "Một"], ["A2", "Hai"], ["A3", "Ba"], ["A4", "Bốn"]]
    moved = [rows[0], rows[2], rows[3], rows[4], rows[1]]
    got = [(c.kind, c.where()) for c in compare_docx(make_docx([("table", rows)]), make_docx([("table", moved)])).changes]
    assert got == [("move", "Bảng 1, hàng 2 → Bảng 1, hàng 5")]


def test_footnotes_are_compared_as_notes():
    base = ["Đoạn một.", "Đoạn hai."]
    old = with_footnotes(make_docx(base), ["Theo Kế hoạch 68/KH-UBND ngày 10/3/2024.", "Số liệu ước."])
    new = with_footnotes(make_docx(base), ["Theo Kế hoạch 68/KH-UBND ngày 12/3/2024.", "Số liệu ước."])
    got = [(c.kind, c.where(), c.segments and [(s.old_text(c.old_text), s.new_text(c.new_text))
                                               for s in c.segments if s.op != "equal"])
           for c in compare_docx(old, new).changes]
    assert got == [("change", "Chú thích 1", [("10/3/2024", "12/3/2024")])]


def test_unrelated_rewrite_in_a_gap_of_several_blocks_is_delete_and_insert():
    keep = ["Đoạn giữ nguyên số một của văn bản.", "Đoạn giữ nguyên số hai của văn bản."]
    old = make_docx([keep[0], "Công tác tuyên truyền được đẩy mạnh.", "Một nội dung cũ khác hẳn.", keep[1]])
    new = make_docx([keep[0], "Công tác tuyên truyền được đẩy mạnh hơn nữa.", "Nội dung mới hoàn toàn.",
                     "Thêm một đoạn.", keep[1]])
    got = [(c.kind, c.where()) for c in compare_docx(old, new).changes]
    assert got == [("change", "Đoạn 2"), ("delete", "Đoạn 3"), ("insert", "Đoạn 3"), ("insert", "Đoạn 4")]
