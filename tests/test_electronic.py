"""`--electronic`: number and date left to the e-office, blank `(Kèm theo …)` lines, a PDF and the Phụ lục VI metadata."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cycle_helpers import body_texts, page_one, read, run, signature_block

from reportgen.check.engine import check_docx
from reportgen.documents.electronic import electronic_context, field_names, metadata
from reportgen.render.pdfpages import page_count

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _header(**changes) -> dict:
    header = {"ky_hieu": "125/SNV-VP", "so_ky_hieu": "Số: 125/SNV-VP", "date": date(2025, 11, 14), "year": 2025,
              "place": "Thanh Hóa", "place_date": "Thanh Hóa, ngày 14 tháng 11 năm 2025", "issuer_name": "Sở Nội vụ",
              "parent_lines": ["UBND TỈNH THANH HÓA"], "doc_type": "Công văn", "is_draft": False}
    header.update(changes)
    return header


def test_the_context_loses_number_and_date_everywhere_they_appear():
    context = {
        "header": _header(),
        "appendix_ref": "(Kèm theo Công văn số 125/SNV-VP ngày 14/11/2025 của Sở Nội vụ)",
        "appendix": {"date": "14/11/2025"},
        "intro": "Công văn số 125/SNV-VP ngày 14/11/2025 đã gửi.",   # not an appendix line: kept as written
    }
    out = electronic_context(context)
    assert out["header"]["so_ky_hieu"] == "Số:      /SNV-VP"
    assert out["header"]["place_date"] == "Thanh Hóa, ngày      tháng      năm 2025"
    assert out["header"]["date"] is None and out["header"]["electronic"] is True
    assert out["appendix_ref"] == "(Kèm theo Công văn số       /SNV-VP ngày       /      /2025 của Sở Nội vụ)"
    assert out["appendix"]["date"] == "      /      /2025"
    assert out["intro"] == context["intro"]
    assert context["header"]["date"] == date(2025, 11, 14)          # the input context is not changed


def test_metadata_has_every_field_of_the_data_file_in_order():
    context = electronic_context({
        "header": _header(), "vv": "V/v báo cáo", "due_date": date(2025, 12, 10),
        "kinh_gui": {"lines": ["- Sở Y tế;", "- Sở Tư pháp."], "inline": ""},
        "recipients": ["- Như trên;", "- UBND tỉnh Thanh Hóa (để b/c);", "- Lưu: VT, VP."],
        "signature": {"title_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "name": "Lê Văn Thắng"},
    })
    data = metadata(context, pages=3, appendices=1)
    assert list(data) == list(field_names())
    assert data["CodeNumber"] is None and data["IssuedDate"] is None and data["CodeNotation"] == "SNV-VP"
    assert data["TypeName"] == "Công văn" and data["Subject"] == "V/v báo cáo"
    assert data["To"] == ["Sở Y tế", "Sở Tư pháp", "UBND tỉnh Thanh Hóa (để b/c)"]
    assert data["IssuedAmount"] == 3 + 2 and data["DueDate"] == "2025-12-10" and data["PageAmount"] == 3
    assert data["SignerInfo"] == {"Competence": "KT. GIÁM ĐỐC", "Position": "PHÓ GIÁM ĐỐC", "FullName": "Lê Văn Thắng"}


@pytest.mark.parametrize("data, ok", [(b"%PDF-1.6\n<</Type/Page/Parent 2 0 R>>\n<</Type /Pages/Count 1>>", 1),
                                      (b"%PDF-1.6\n<</Type/Pages/Count 0>>", None),
                                      (b"PK\x03\x04", None)])
def test_page_count_reads_page_objects_only(data: bytes, ok):
    if ok is None:
        with pytest.raises(ValueError):
            page_count(data)
    else:
        assert page_count(data) == ok


@needs_office
def test_request_electronic_writes_docx_pdf_and_metadata(project_dir: Path):
    result = run(project_dir, "request", "--year", "2025", "--electronic")
    assert result.exit_code == 0, result.output
    base = project_dir / "outputs" / "2025" / "cong-van" / "CV-yeu-cau-bao-cao-2025"
    doc = read(base.with_suffix(".docx"))
    left, right = page_one(doc)
    assert left[2] == "Số:      /SNV-VP" and right[-1] == "Thanh Hóa, ngày      tháng      năm 2025"
    notes = [t for t in body_texts(doc) if t.startswith("(Kèm theo")]
    assert notes == ["(Kèm theo Công văn số       /SNV-VP ngày       /      /2025 của Sở Nội vụ)"] * 2
    assert signature_block(doc)[1][-1] == "Lê Văn Thắng"               # signed digitally: the name stays
    assert not [f for f in check_docx(base.with_suffix(".docx")) if f.is_error]
    fields = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    info = subprocess.run(["pdfinfo", str(base.with_suffix(".pdf"))], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
    assert fields["PageAmount"] == pages and fields["AppendixAmount"] == 2
    assert fields["CodeNumber"] is None and fields["IssuedDate"] is None and fields["DueDate"] == "2025-12-10"
    assert len(fields["To"]) > 100 and "Sở Y tế" in fields["To"]     # every body addressed, by name


@needs_office
def test_plan_electronic_blanks_the_appendix_line_of_an_agency_plan(project_dir: Path):
    result = run(project_dir, "plan", "SYT", "--year", "2025", "--electronic")
    assert result.exit_code == 0, result.output
    path = project_dir / "outputs" / "2025" / "ke-hoach" / "KH-SYT-2025.docx"
    notes = [t for t in body_texts(read(path)) if t.startswith("(Kèm theo")]
    assert notes and all("      /KH-SYT ngày       /      /2025" in t for t in notes), notes
    assert path.with_suffix(".json").exists() and path.with_suffix(".pdf").exists()
    assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["TypeName"] == "Kế hoạch"


@needs_office
@pytest.mark.parametrize("args, name, type_name, issuer, appendices", [
    (["remind", "--year", "2025", "--as-of", "2025-12-11"], "cong-van/CV-don-doc-2025-20251211", "Công văn",
     "Sở Nội vụ", 1),
    (["report", "--year", "2025", "--level", "province"], "BC-UBND-tinh-2025", "Báo cáo",
     "Ủy ban nhân dân tỉnh Thanh Hóa", 1),
    (["review", "--from", "2024", "--to", "2025"], "BC-so-ket-2024-2025", "Báo cáo", "Sở Nội vụ", 2),
])
def test_every_cycle_document_has_its_electronic_form(project_dir: Path, args: list[str], name: str,
                                                       type_name: str, issuer: str, appendices: int):
    result = run(project_dir, *args, "--electronic")
    assert result.exit_code == 0, result.output
    base = project_dir / "outputs" / "2025" / name
    doc = read(base.with_suffix(".docx"))
    left, right = page_one(doc)
    assert any(line.startswith("Số:      /") for line in left) and "ngày      tháng      năm 2025" in right[-1]
    notes = [t for t in body_texts(doc) if t.startswith("(Kèm theo")]
    assert len(notes) == appendices and all(" ngày       /      /2025 " in t for t in notes)
    fields = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    info = subprocess.run(["pdfinfo", str(base.with_suffix(".pdf"))], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
    assert fields["PageAmount"] == pages and fields["AppendixAmount"] == appendices
    assert fields["TypeName"] == type_name and fields["OrganName"] == issuer
    assert fields["CodeNumber"] is None and fields["IssuedDate"] is None
    assert fields["SignerInfo"]["Position"] and fields["To"]
    manifest = json.loads((project_dir / "outputs" / ".reportgen-manifest.json").read_text(encoding="utf-8"))
    assert {f"outputs/2025/{name}{ext}" for ext in (".docx", ".pdf", ".json")} <= set(manifest["files"])
    assert not [f for f in check_docx(base.with_suffix(".docx")) if f.is_error]
