"""Charts: 300 dpi PNG, byte-identical across runs and processes, Vietnamese number forms, serif font."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from reportgen.charts import ProgressBar, progress_chart, tracking_chart
from reportgen.charts.embed import Picture, png_dpi, png_size
from reportgen.charts.style import decimal_comma, serif_font, shorten

BARS = [ProgressBar("A01 Tỷ lệ thất nghiệp khu vực thành thị", 94.3, False),
        ProgressBar("A02 Tỷ lệ hộ nghèo đa chiều", 103.4, True),
        ProgressBar("C01 Số căn nhà ở xã hội hoàn thành", 250.0, True)]
SCRIPT = """
import hashlib, sys
from reportgen.charts import ProgressBar, progress_chart
bars = [ProgressBar("A01 Tỷ lệ thất nghiệp khu vực thành thị", 94.3, False),
        ProgressBar("A02 Tỷ lệ hộ nghèo đa chiều", 103.4, True),
        ProgressBar("C01 Số căn nhà ở xã hội hoàn thành", 250.0, True)]
sys.stdout.write(hashlib.sha256(progress_chart(bars, target_year=2030)).hexdigest())
"""


def test_png_at_300_dpi_and_text_width():
    png = progress_chart(BARS, target_year=2030)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert abs(png_dpi(png) - 300) < 0.5
    width, _ = png_size(png)
    assert abs(width / 300 * 2.54 - 15.5) < 0.1            # the text width of an A4 page under the decree
    assert b"Software" not in png and b"matplotlib" not in png.lower()


def test_byte_identical_in_process_and_in_a_fresh_process():
    png = progress_chart(BARS, target_year=2030)
    assert progress_chart(BARS, target_year=2030) == png
    other = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    assert other.stdout == hashlib.sha256(png).hexdigest()


def test_tracking_chart_deterministic():
    rows = [("Cơ quan, đơn vị cấp tỉnh", {"đúng hạn": 20, "muộn": 2, "chưa nộp": 1}),
            ("UBND cấp xã", {"đúng hạn": 150, "muộn": 10, "chưa nộp": 6})]
    assert tracking_chart(rows) == tracking_chart(rows)


def test_decimal_comma_ticks_and_labels():
    assert decimal_comma(1, "%")(12.5, 0) == "12,5%"
    assert decimal_comma(0)(13787.0, 0) == "13.787"
    assert shorten("Tỷ lệ người có công và gia đình người có công với cách mạng", 30) == "Tỷ lệ người có công và gia…"


def test_times_like_font():
    assert serif_font() in ("Times New Roman", "Liberation Serif")


def test_picture_size_from_png():
    png = tracking_chart([("Cấp tỉnh", {"đúng hạn": 1})])
    cx, cy = Picture("rId1", "a.png", png).size_emu()
    width, height = png_size(png)
    assert cx == round(width / png_dpi(png) * 914_400) and cy > 0
