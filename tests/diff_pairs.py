"""Pairs of drafts with known edits, shared by the alignment, redline and CLI tests."""

from __future__ import annotations

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
