"""The consolidated report in LibreOffice: it opens, Phụ lục I and III are landscape, the charts are pictures."""

from __future__ import annotations

import shutil
import subprocess

import fixtures_consolidation as fx
from click.testing import CliRunner

from reportgen.cli import cli


def test_report_pdf_through_libreoffice(tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) is required for this test"
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required for this test"
    fx.write_project(tmp_path, fx.submissions_2024(), secretariat=fx.secretariat_2024())
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024", "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "outputs" / "2024" / "BC-tong-hop-2024.pdf"
    assert pdf.is_file()
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].split(" x ") for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    orientation = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
    assert orientation[0] == "portrait" and "portrait" in orientation[1:] and orientation[-1] == "landscape"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    assert "Phụ lục I" in text and "Phụ lục II" in text and "Phụ lục III" in text
    assert "01/07 chỉ tiêu vượt, 03/07 đạt" in text
    assert "Muộn 3 ngày" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            timeout=60, check=True).stdout.splitlines()[2:]
    assert len(images) >= 3          # two indicator-group charts and the tracking chart
