"""Pairs of drafts with known edits, shared by the alignment, redline and CLI tests."""

from __future__ import annotations

import io

import docx
from diff_helpers import make_docx

TABLE_OLD = [["Mã", "Chỉ tiêu", "Giá trị"],
             ["B07", "Tỷ lệ hộ dùng nước sạch (%)", "74,3"],
             ["B08", "Số xã đạt chuẩn nông thôn mới", "120"],
             ["B09", "Số hộ thoát nghèo", "1.200"]]
TABLE_NEW = [["Mã", "Chỉ tiêu", "Giá trị"],
             ["B07", "Tỷ lệ hộ dùng nước sạch (%)", "74,5"],
             ["B09", "Số hộ thoát nghèo", "1.200"],
             ["B10", "Số trường đạt chuẩn quốc gia", "45"]]

OLD_BLOCKS = [
    ("h1", "I. KẾT QUẢ THỰC HIỆN NĂM 2024"),
    "Công tác chỉ đạo, điều hành được triển khai đồng bộ từ tỉnh đến cơ sở.",
    "Tổng số 13.787 hộ được hỗ trợ, đạt 95,2% kế hoạch năm.",
    "Các sở, ngành đã ban hành 24 văn bản hướng dẫn thực hiện Kế hoạch 68/KH-UBND.",
    "Đoạn này sẽ bị xóa khỏi dự thảo mới.",
    "Công tác tuyên truyền được đẩy mạnh trên các phương tiện thông tin đại chúng.",
    ("h1", "II. NHIỆM VỤ NĂM 2025"),
    "Đoạn này sẽ được chuyển xuống cuối văn bản.",
    "Tiếp tục rà soát, hoàn thiện cơ chế, chính sách.",
    "Tăng cường kiểm tra, giám sát việc thực hiện.",
    ("table", TABLE_OLD),
    "Đề nghị Ủy ban nhân dân tỉnh xem xét, chỉ đạo.",
    "Nơi nhận: như trên.",
]

NEW_BLOCKS = [
    ("h1", "I. KẾT QUẢ THỰC HIỆN NĂM 2024"),
    "Công tác chỉ đạo, điều hành được triển khai đồng bộ từ tỉnh đến cơ sở.",
    "Tổng số 13.878 hộ được hỗ trợ, đạt 95,2% kế hoạch năm.",
    "Các sở, ngành đã ban hành 24 văn bản hướng dẫn thực hiện Kế hoạch 68/KH-UBND.",
    "Công tác tuyên truyền được đẩy mạnh trên các phương tiện thông tin đại chúng.",
    "Đoạn mới bổ sung về chuyển đổi số.",
    ("h1", "III. NHIỆM VỤ NĂM 2025"),
    "Tiếp tục rà soát, hoàn thiện cơ chế, chính sách.",
    "Tăng cường kiểm tra, giám sát việc thực hiện.",
    ("table", TABLE_NEW),
    "Đề nghị Ủy ban nhân dân tỉnh xem xét, chỉ đạo.",
    "Nơi nhận: như trên.",
    "Đoạn này sẽ được chuyển xuống cuối văn bản.",
]


def known_pair() -> tuple[bytes, bytes]:
    """OLD and NEW with words, paragraphs, a move, table cells and rows and a heading changed."""
    return (make_docx(OLD_BLOCKS, header="UBND TỈNH THANH HÓA", modified="2024-12-01T08:00:00Z"),
            make_docx(NEW_BLOCKS, header="ỦY BAN NHÂN DÂN TỈNH THANH HÓA", modified="2024-12-10T08:00:00Z"))


# --- formatting ----------------------------------------------------------------------------

BOLD, ITALIC = {"bold": True}, {"italic": True}

FORMAT_OLD = [
    ("h1", "I. KẾT QUẢ THỰC HIỆN NĂM 2024"),
    ("runs", ["Tổng số ", ("13.787 hộ", BOLD), " được hỗ trợ, đạt 95,2% kế hoạch năm."]),
    "Các sở, ngành đã ban hành 24 văn bản hướng dẫn.",
    ("runs", [("Kế hoạch 68/KH-UBND", ITALIC), " được triển khai đồng bộ."]),
    ("runs", ["Chỉ tiêu ", ("B07", {"bold": True, "size": 14}), " đạt ", ("74,3%", {"color": "FF0000"}), "."]),
    ("runs", [("Không đổi:", {"bold": False}), " chữ thường ghi rõ w:val=0."]),
    ("runs", [("Chữ đậm theo kiểu Strong", {"style": "Strong"}), " và chữ thường."]),
    ("runs", ["Công tác ", ("tuyên truyền", BOLD), " được đẩy mạnh."]),
    ("runs", [("Phông chữ", {"font": "Times New Roman"}), " và ", ("gạch chân", {"underline": True}), "."]),
    ("table", [["Mã", "Giá trị"], ["B07", [("74,3", BOLD)]], ["B08", "120"]]),
    "Nơi nhận: như trên.",
]

FORMAT_NEW = [
    ("h1", "I. KẾT QUẢ THỰC HIỆN NĂM 2024"),
    ("runs", ["Tổng số 13.787 hộ được hỗ trợ, đạt 95,2% kế hoạch năm."]),
    "Các sở, ngành đã ban hành 24 văn bản hướng dẫn.",
    ("runs", [("Kế hoạch 68/KH-UBND", {"italic": True, "underline": True}), " được triển khai đồng bộ."]),
    ("runs", ["Chỉ tiêu ", ("B07", {"size": 13}), " đạt ", ("74,3%", {"color": "0000FF"}), "."]),
    ("runs", ["Không đổi: chữ thường ghi rõ w:val=0."]),
    ("runs", [("Chữ đậm theo kiểu Strong", BOLD), " và chữ thường."]),
    ("runs", ["Công tác tuyên truyền được đẩy mạnh hơn nữa."]),
    ("runs", [("Phông chữ", {"font": "Arial"}), " và gạch chân."]),
    ("table", [["Mã", "Giá trị"], ["B07", "74,3"], ["B08", "120"]]),
    "Nơi nhận: như trên.",
]


def format_pair() -> tuple[bytes, bytes]:
    """OLD and NEW with known formatting edits (and one text edit), plus look-alikes that
    are not changes: `w:b w:val="0"` against no bold, the Strong style against direct bold."""
    return make_docx(FORMAT_OLD, modified="2024-12-01T08:00:00Z"), make_docx(FORMAT_NEW, modified="2024-12-10T08:00:00Z")


# --- pairs every redline test runs over -------------------------------------------------

T = ("table", [["Mã", "Giá trị"], ["B01", "10"], ["B02", "20"]])
T2 = ("table", [["Mã", "Giá trị"], ["B01", "11"], ["B03", "30"]])
LONG = [f"Đoạn văn bản số {i} nói về kết quả thực hiện nhiệm vụ thứ {i}." for i in range(1, 7)]

def _cell_with_table(inner: bool, *, paragraph_after: bool = True) -> bytes:
    """A table whose first cell holds a paragraph and, if `inner`, a nested table (followed by
    a paragraph, as Word writes it, unless `paragraph_after` is False)."""
    d = docx.Document()
    d.add_paragraph("Trước bảng.")
    table = d.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "Ô một."
    if inner:
        nested = cell.add_table(rows=1, cols=2)
        nested.cell(0, 0).text, nested.cell(0, 1).text = "Mã", "Giá trị"
        if paragraph_after:
            cell.add_paragraph("Sau bảng con.")
    table.cell(0, 1).text = "Ô hai."
    d.add_paragraph("Sau bảng.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


PAIRS = {
    "known edits": known_pair,
    "last paragraphs deleted": lambda: (make_docx(LONG), make_docx(LONG[:4])),
    "paragraphs added at the end": lambda: (make_docx(LONG[:3]), make_docx(LONG)),
    "paragraph deleted before a table": lambda: (make_docx([LONG[0], LONG[1], T, LONG[2]]), make_docx([LONG[0], T, LONG[2]])),
    "paragraph inserted before a table": lambda: (make_docx([LONG[0], T, LONG[2]]), make_docx([LONG[0], LONG[1], T, LONG[2]])),
    "end rewritten": lambda: (make_docx(LONG[:3] + ["Một nội dung cũ.", "Hai nội dung cũ."]),
                              make_docx(LONG[:3] + ["Ba điều khác hẳn.", "Bốn điều khác hẳn.", "Năm điều mới."])),
    "table inserted and deleted": lambda: (make_docx([LONG[0], T, LONG[1], LONG[2]]),
                                           make_docx([LONG[0], LONG[1], ("table", [["X", "Y", "Z"]]), LONG[2]])),
    "rows and cells": lambda: (make_docx([LONG[0], T, LONG[1]]), make_docx([LONG[0], T2, LONG[1]])),
    "everything replaced": lambda: (make_docx(["Cũ một.", "Cũ hai."]), make_docx(["Khác ba.", "Khác bốn.", "Khác năm."])),
    "first paragraphs deleted": lambda: (make_docx(LONG), make_docx(LONG[2:])),
    "table at the very end deleted": lambda: (make_docx(LONG[:2] + [T]), make_docx(LONG[:2])),
    "paragraph and table at the end deleted": lambda: (make_docx(LONG[:2] + [T]), make_docx(LONG[:1])),
    "table at the very end inserted": lambda: (make_docx(LONG[:2]), make_docx(LONG[:2] + [T])),
    "table and last paragraph deleted": lambda: (make_docx([LONG[0], T, LONG[1]]), make_docx([LONG[0]])),
    "table and last paragraph inserted": lambda: (make_docx([LONG[0]]), make_docx([LONG[0], T, LONG[1]])),
    "table and paragraph deleted before a table": lambda: (make_docx([LONG[0], T, LONG[1], T2, LONG[2]]),
                                                           make_docx([LONG[0], T2, LONG[2]])),
    "nested table deleted at the end of a cell": lambda: (_cell_with_table(True), _cell_with_table(False)),
    "nested table inserted at the end of a cell": lambda: (_cell_with_table(False), _cell_with_table(True)),
    "nested table ending a cell deleted": lambda: (_cell_with_table(True, paragraph_after=False),
                                                   _cell_with_table(False)),
    "formatting": format_pair,
    "paragraph moved up": lambda: (make_docx(LONG), make_docx([LONG[0], LONG[3], LONG[1], LONG[2], LONG[4], LONG[5]])),
    "paragraph properties": lambda: (make_docx(LONG[:3]), make_docx([LONG[0], ("h1", LONG[1]), LONG[2]])),
}

# LibreOffice (7.4) drops a revision on a paragraph mark that sits right before a table when
# it opens a file, and never removes the last paragraph of the body or of a cell. So when a
# whole table and the paragraph after it, the last of its container, are deleted (or
# inserted), no paragraph mark can carry the change that LibreOffice would honour: its Accept
# All (Reject All) leaves one empty paragraph there. reportgen's own routine, and the rule
# of spec/ooxml-redline.md it follows (the mark goes on the paragraph before), get it right.
LIBREOFFICE_LEAVES_AN_EMPTY_PARAGRAPH = {
    "table and last paragraph deleted", "table and last paragraph inserted",
    "table and paragraph deleted before a table", "nested table deleted at the end of a cell",
    "nested table inserted at the end of a cell", "nested table ending a cell deleted",
}
