"""`reportgen diff` through click: exit codes, terminal, --stat, --json, --html, --redline."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from diff_helpers import accepted, make_docx, paragraph_texts, rejected
from diff_pairs import format_pair, known_pair

from reportgen.cli import cli

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = known_pair()
    (tmp_path / "old.docx").write_bytes(old)
    (tmp_path / "new.docx").write_bytes(new)
    return tmp_path / "old.docx", tmp_path / "new.docx"


def _run(*args: str):
    return CliRunner().invoke(cli, ["diff", *map(str, args)])


def test_terminal_lists_changes_with_locations_and_word_marks(pair):
    result = _run(*pair)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "1. Sửa — Đoạn 3  (mục: I. KẾT QUẢ THỰC HIỆN NĂM 2024)" in out
    assert "Tổng số [-13.787-]{+13.878+} hộ được hỗ trợ" in out
    assert "Xóa — Đoạn 5" in out and "[-Đoạn này sẽ bị xóa khỏi dự thảo mới.-]" in out
    assert "Thêm — Bảng 1, hàng 4" in out and "{+B10 | Số trường đạt chuẩn quốc gia | 45+}" in out
    assert "Sửa — Bảng 1, hàng 2, ô 3" in out and "[-74,3-]{+74,5+}" in out
    assert "Di chuyển — Đoạn 8 → Đoạn 12" in out
    assert "Sửa — Đầu trang" in out
    assert out.strip().endswith("Tổng cộng 9 thay đổi: 2 thêm, 2 xóa, 4 sửa, 1 di chuyển.")


def test_stat_is_one_line_per_kind(pair):
    result = _run(*pair, "--stat")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Thêm: 2 (1 đoạn, 1 hàng)",
        "Xóa: 2 (1 đoạn, 1 hàng)",
        "Sửa: 4 (3 đoạn, 1 ô bảng)",
        "Di chuyển: 1 (1 đoạn)",
    ]


def test_equal_drafts_exit_zero(pair):
    result = _run(pair[0], pair[0])
    assert result.exit_code == 0
    assert "giống nhau" in result.output


def test_json_is_the_full_change_list(pair):
    result = _run(*pair, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.output)["result"]
    assert doc["equal"] is False and doc["summary"] == {"insert": 2, "delete": 2, "change": 4, "move": 1}
    assert [c["kind"] for c in doc["changes"]] == ["change", "delete", "insert", "change", "change", "delete",
                                                   "insert", "move", "change"]
    assert doc["changes"][0]["words"][1] == {"op": "replace", "old": "13.787", "new": "13.878"}


def test_unreadable_input_exits_two(tmp_path, pair):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    result = _run(pair[0], bad)
    assert result.exit_code == 2
    assert "hong.docx: không phải tệp Word .docx" in result.output
    missing = _run(pair[0], tmp_path / "khong-co.docx")
    assert missing.exit_code == 2 and "không mở được tệp" in missing.output


def test_mixed_kinds_are_a_usage_error(tmp_path, pair):
    other = tmp_path / "a.yaml"
    other.write_text("agency: SYT\n", encoding="utf-8")
    assert _run(pair[0], other).exit_code == 2


def test_redline_written_deterministically_and_not_overwritten(tmp_path, pair):
    out = tmp_path / "redline.docx"
    first = _run(*pair, "--redline", out, "--author", "Văn phòng UBND", "--date", "10/12/2024")
    assert first.exit_code == 1, first.output
    data = out.read_bytes()
    old, new = known_pair()
    assert paragraph_texts(accepted(data)) == paragraph_texts(new)
    assert paragraph_texts(rejected(data)) == paragraph_texts(old)
    assert b'w:author="V\xc4\x83n ph\xc3\xb2ng UBND"' in data or "Văn phòng UBND" in _document_xml(data)
    assert 'w:date="2024-12-10T00:00:00Z"' in _document_xml(data)
    again = _run(*pair, "--redline", out)
    assert again.exit_code == 1 and "đã tồn tại" in again.output
    assert out.read_bytes() == data
    forced = _run(*pair, "--redline", out, "--force", "--author", "Văn phòng UBND", "--date", "2024-12-10")
    assert forced.exit_code == 1 and out.read_bytes() == data


def test_redline_date_defaults_to_new_modified_date(tmp_path, pair):
    out = tmp_path / "r.docx"
    assert _run(*pair, "--redline", out).exit_code == 1
    assert 'w:date="2024-12-10T08:00:00Z"' in _document_xml(out.read_bytes())
    assert 'w:author="reportgen"' in _document_xml(out.read_bytes())


def test_redline_without_any_date_is_dated_now(tmp_path):
    """A draft with no modified date (reportgen's own plans have none) still gets a redline,
    dated with the current time; a bad --date is still a usage error."""
    import re
    from datetime import UTC, datetime, timedelta

    old, new = tmp_path / "a.docx", tmp_path / "b.docx"
    old.write_bytes(make_docx(["Một."], modified=None))
    new.write_bytes(make_docx(["Hai."], modified=None))
    # python-docx's template carries a modified date; remove it.
    from reportgen.ooxml import DocxPackage, deterministic_zip

    pkg = DocxPackage.open(new)
    parts = dict(pkg.parts)
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(b"dcterms:modified", b"dcterms:x")
    new.write_bytes(deterministic_zip(parts))
    before = datetime.now(UTC).replace(microsecond=0)
    result = _run(old, new, "--redline", tmp_path / "r.docx")
    after = datetime.now(UTC)
    assert result.exit_code == 1, result.output
    dates = set(re.findall(r'w:date="([^"]+)"', _document_xml((tmp_path / "r.docx").read_bytes())))
    assert len(dates) == 1
    when = datetime.strptime(dates.pop(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= when <= after
    assert _run(old, new, "--redline", tmp_path / "r2.docx", "--date", "31/02/2024").exit_code == 2


def _document_xml(data: bytes) -> str:
    from reportgen.ooxml import DocxPackage

    return DocxPackage.open(data).parts["word/document.xml"].decode("utf-8")


def test_html_page_is_self_contained(tmp_path, pair):
    out = tmp_path / "diff.html"
    result = _run(*pair, "--html", out)
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "<del>13.787</del>" in page and "<ins>13.878</ins>" in page
    assert 'href="#c9"' in page and 'id="c9"' in page
    for external in ("http://", "https://", "src=", "@import", "<link"):
        assert external not in page


def test_html_renders_the_changes_in_headless_chromium(tmp_path, pair):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "headless Chromium is required for this test"
    out = tmp_path / "diff.html"
    assert _run(*pair, "--html", out).exit_code == 1
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "diff-html.png"
    shot.unlink(missing_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1280,1000"]
    with tempfile.TemporaryDirectory(prefix="rg-chromium-") as profile:
        subprocess.run([chromium, *flags, f"--user-data-dir={profile}", f"--screenshot={shot}", out.as_uri()],
                       capture_output=True, timeout=90, check=False)
    with tempfile.TemporaryDirectory(prefix="rg-chromium-") as profile:
        dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", out.as_uri()],
                             capture_output=True, timeout=90, check=False, text=True).stdout
    assert shot.exists() and shot.stat().st_size > 10_000
    assert dom.count('class="card k-') == 9
    assert "<del>13.787</del>" in dom and "<ins>13.878</ins>" in dom
    assert "Danh sách thay đổi (9)" in dom
    assert "Di chuyển" in dom and "Đoạn 8 → Đoạn 12" in dom


def test_structured_yaml_pair(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("agency: SYT\nyear: 2024\ntasks:\n  - task: III.4.5\n    status: đang thực hiện\n"
                   "figures:\n  - indicator: B07\n    value: 74.3\n", encoding="utf-8")
    new.write_text("agency: SYT\nyear: 2024\ntasks:\n  - task: III.4.5\n    status: hoàn thành\n"
                   "figures:\n  - indicator: B07\n    value: '74,5'\n", encoding="utf-8")
    result = _run(old, new)
    assert result.exit_code == 1
    assert result.output.splitlines() == ["III.4.5: trạng thái đang thực hiện → hoàn thành",
                                          "Chỉ tiêu B07: 74,3 → 74,5"]
    assert _run(old, old).exit_code == 0
    assert _run(old, new, "--redline", tmp_path / "x.docx").exit_code == 2


@pytest.fixture
def format_files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = format_pair()
    (tmp_path / "cu.docx").write_bytes(old)
    (tmp_path / "moi.docx").write_bytes(new)
    return tmp_path / "cu.docx", tmp_path / "moi.docx"


def test_formatting_changes_in_the_terminal(format_files):
    result = _run(*format_files)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "1. Định dạng — Đoạn 2  (mục: I. KẾT QUẢ THỰC HIỆN NĂM 2024)\n   «13.787 hộ»: in đậm → thường\n" in out
    assert "   «B07»: in đậm → thường; cỡ chữ 14 → 13\n   «74,3%»: màu chữ #FF0000 → #0000FF\n" in out
    assert "4. Sửa — Đoạn 8" in out and "đẩy mạnh{+ hơn nữa+}." in out
    assert "   Định dạng «tuyên truyền»: in đậm → thường" in out
    assert "Định dạng — Bảng 1, hàng 2, ô 2" in out
    assert out.strip().endswith("Tổng cộng 6 thay đổi: 0 thêm, 0 xóa, 1 sửa, 0 di chuyển, 5 định dạng.")


def test_formatting_changes_in_stat_and_json(format_files):
    stat = _run(*format_files, "--stat")
    assert stat.exit_code == 1
    assert stat.output.splitlines() == ["Thêm: 0", "Xóa: 0", "Sửa: 1 (1 đoạn)", "Di chuyển: 0",
                                        "Định dạng: 5 (4 đoạn, 1 ô bảng)"]
    doc = json.loads(_run(*format_files, "--json").output)["result"]
    assert doc["summary"]["format"] == 5
    first = doc["changes"][0]
    assert (first["kind"], first["label"], first["words"]) == ("format", "Định dạng", [])
    assert first["formats"] == [{"text": "13.787 hộ", "old_start": 8, "old_end": 17, "new_start": 8, "new_end": 17,
                                 "changes": [{"property": "bold", "old": True, "new": False}],
                                 "description": "in đậm → thường"}]
    assert doc["changes"][3]["formats"][0]["description"] == "in đậm → thường"


def test_formatting_changes_in_html(tmp_path, format_files):
    out = tmp_path / "dinh-dang.html"
    assert _run(*format_files, "--html", out).exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.count('class="card k-format"') == 5
    assert "<li>Định dạng «13.787 hộ»: in đậm → thường</li>" in page
    assert 'title="in đậm → thường" style="font-weight:bold;' in page  # OLD drawn bold
    assert 'title="in đậm → thường" style="font-weight:normal;' in page  # NEW drawn plain
    assert "color:#FF0000" in page and "color:#0000FF" in page
    for external in ("http://", "https://", "src=", "@import", "<link"):
        assert external not in page


def test_formatting_changes_in_the_redline(tmp_path, format_files):
    out = tmp_path / "r.docx"
    assert _run(*format_files, "--redline", out).exit_code == 1
    assert _document_xml(out.read_bytes()).count("<w:rPrChange ") == 8
