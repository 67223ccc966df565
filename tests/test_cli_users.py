"""The command line as its users meet it: mistakes that get help, options anywhere, the project
found upward, quiet success, Vietnamese everywhere, narrow terminals, every file type reported."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import COMMANDS, cli

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"


def run(*args: str, env: dict | None = None, root: Path | None = None):
    argv = (["--root", str(root)] if root is not None else []) + list(args)
    return CliRunner().invoke(cli, argv, env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """One copy of the bundled project for the tests that only read it."""
    root = tmp_path_factory.mktemp("bundled-copy")
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, root / name)
    (root / "outputs").mkdir()
    return root


def submission(root: Path, year: int = 2025) -> Path:
    return root / "inputs" / "submissions" / str(year)


# --- mistakes that get help ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), [("buld", "build"), ("vaildate", "validate"), ("stauts", "status"),
                                              ("agency", "agencies")])
def test_a_mistyped_command_gets_the_command_meant(typed: str, meant: str):
    result = run(typed)
    assert result.exit_code == 2
    assert f"Không có lệnh «{typed}»." in result.output
    assert f"Có phải bạn muốn: {meant}" in result.output


def test_a_command_nothing_like_any_gets_the_list_not_a_guess():
    result = run("xyzzy")
    assert result.exit_code == 2
    assert "Có phải bạn muốn" not in result.output and "reportgen --help" in result.output


@pytest.mark.parametrize("typed", ["SYTT", "SYY"])
def test_an_unknown_agency_code_suggests_the_closest(shared: Path, typed: str):
    result = run("plan", typed, "--year", "2025", root=shared)
    assert result.exit_code == 2, result.output
    assert f"«{typed}»" in result.output and "Có phải bạn muốn: SYT (Sở Y tế)" in result.output
    assert "reportgen agencies" in result.output
    assert not any((shared / "outputs").rglob("*.docx"))


@pytest.mark.parametrize("typed", ["syt", "Syt", "sở y tế", "SỞ Y TẾ", "so y te", "Sở  Y  tế"])
def test_an_agency_by_code_in_any_case_or_by_name_with_or_without_accents(project_dir: Path, typed: str):
    result = run("plan", typed, "--year", "2025", root=project_dir)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (project_dir / "outputs").rglob("*.docx")] == ["KH-SYT-2025.docx"]


def test_an_ended_agency_is_a_usage_error_like_an_unknown_one_and_names_successors_by_code(shared: Path):
    ended = run("plan", "UBND_H_NGA_SON", "--year", "2025", root=shared)
    unknown = run("plan", "KHONG_CO", "--year", "2025", root=shared)
    assert ended.exit_code == unknown.exit_code == 2
    assert "không còn hoạt động năm 2025" in ended.output
    assert "UBND_X_NGA_SON (UBND xã Nga Sơn)" in ended.output


def test_a_body_with_nothing_to_do_that_year_is_a_usage_error(shared: Path):
    result = run("plan", "HDND_TINH", "--year", "2025", root=shared)
    assert result.exit_code == 2
    assert "không có nhiệm vụ nào trong kế hoạch năm 2025" in result.output


def test_forms_take_agency_names_and_suggest_codes(project_dir: Path):
    ok = run("forms", "--year", "2025", "--agency", "sở y tế", root=project_dir)
    assert ok.exit_code == 0, ok.output
    assert [p.name for p in (project_dir / "outputs").rglob("*.xlsx")] == ["SYT-2025.xlsx"]
    bad = run("forms", "--year", "2025", "--agency", "STTC", root=project_dir)
    assert bad.exit_code == 2 and "Có phải bạn muốn: STC (Sở Tài chính)" in bad.output


def test_bare_plan_says_what_to_give(shared: Path):
    result = run("plan", root=shared)
    assert result.exit_code == 2
    assert "hãy ghi mã cơ quan" in result.output and "--all" in result.output
    assert "không dùng cả hai" not in result.output
    both = run("plan", "SYT", "--all", root=shared)
    assert both.exit_code == 2 and "không dùng cả hai" in both.output


def test_plan_has_the_list_its_summary_suggests(project_dir: Path):
    many = run("plan", "--all", "--year", "2024", root=project_dir)
    assert many.exit_code == 0, many.output
    assert "--list" in many.output
    listed = run("plan", "--all", "--year", "2024", "--force", "--list", root=project_dir)
    assert listed.exit_code == 0, listed.output
    assert "KH-SYT-2024.docx" in listed.output


def test_agencies_lists_and_searches_with_codes(shared: Path):
    everything = run("agencies", root=shared)
    assert everything.exit_code == 0, everything.output
    registry = yaml.safe_load((shared / "inputs" / "agencies.yaml").read_text(encoding="utf-8"))["agencies"]
    assert f"{len(registry)} cơ quan, đơn vị" in everything.output
    found = run("agencies", "nga", "son", "--year", "2025", root=shared)
    assert "UBND_X_NGA_SON" in found.output and "UBND_H_NGA_SON" not in found.output
    by_name = run("agencies", "y tế", root=shared)
    assert "SYT" in by_name.output and "Sở Y tế" in by_name.output
    none = run("agencies", "không có đơn vị này", root=shared)
    assert none.exit_code == 0 and "Không tìm thấy" in none.output


# --- options anywhere, the project found upward ----------------------------------------------


def test_global_options_after_the_command(shared: Path):
    before = run("-q", "--root", str(shared), "validate")
    after = run("validate", "-q", "--root", str(shared))
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output == ""
    as_json = run("validate", "--json", "--root", str(shared))
    assert as_json.output.lstrip().startswith("{")


def test_the_project_is_found_from_a_folder_inside_it(shared: Path, monkeypatch):
    inner = shared / "outputs" / "2025" / "ke-hoach"
    inner.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(inner)
    result = CliRunner().invoke(cli, ["validate", "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 47 chỉ tiêu" in result.output


def test_from_a_folder_inside_the_project_paths_are_shown_from_there(project_dir: Path, monkeypatch):
    """Run from outputs/, the closing line names files as typed from outputs/, and its `check` works as typed."""
    inner = project_dir / "outputs"
    inner.mkdir(exist_ok=True)
    monkeypatch.chdir(inner)
    result = CliRunner().invoke(cli, ["report", "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 2025/BC-tong-hop-2025.docx:" in result.stdout
    assert "sửa ../inputs/secretariat/2025.yaml rồi chạy lại" in result.stdout
    as_json = CliRunner().invoke(cli, ["report", "--year", "2025", "--json"])
    import json

    assert json.loads(as_json.stdout)["result"]["documents"][0]["path"] == "outputs/2025/BC-tong-hop-2025.docx"
    checked = CliRunner().invoke(cli, ["check", "2025/BC-tong-hop-2025.docx"])
    assert checked.exit_code in (0, 1) and "không có tệp" not in checked.output


def test_no_project_anywhere_is_a_usage_error(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "không thấy thư mục inputs/" in result.output and "reportgen init" in result.output
    assert run("build", root=tmp_path).exit_code == 2
    assert run("status", root=tmp_path).exit_code == 2


# --- quiet success -------------------------------------------------------------------------


def _warnings_by_code(root: Path) -> dict[str, list]:
    from reportgen.load import load_project

    out: dict[str, list] = {}
    for p in load_project(root).warnings:
        out.setdefault(p.code, []).append(p)
    return out


def test_warnings_are_one_summary_line_per_kind_and_each_with_verbose(shared: Path):
    by_code = _warnings_by_code(shared)
    estimates, late = by_code["submission.figure.estimate"], by_code["submission.late"]
    units = len({p.file for p in estimates})
    result = run("validate", root=shared)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    summary = [line for line in lines if line.startswith("Cảnh báo:")]
    assert len(summary) == 1
    assert f"{len(estimates)} số liệu ước thực hiện ở {units} đơn vị" in summary[0]
    assert f"{len(late)} báo cáo nộp muộn" in summary[0]
    assert "dùng --verbose để xem từng dòng" in summary[0]
    verbose = run("validate", "--verbose", root=shared)
    assert sum(1 for line in verbose.output.splitlines() if line.startswith("Cảnh báo:")) == \
        sum(len(v) for v in by_code.values())
    assert "(estimate)" not in verbose.output


def test_quiet_prints_errors_only(project_dir: Path):
    assert run("validate", "-q", root=project_dir).output == ""
    path = submission(project_dir) / "SYT.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["figures"][0]["value"] = "nhiều"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("validate", "-q", root=project_dir)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines()] == [
        line for line in result.output.splitlines() if line.startswith("Lỗi:")]
    assert "SYT.yaml" in result.output


def test_the_closing_line_says_what_next(shared: Path):
    result = run("validate", "--year", "2025", root=shared)
    assert result.output.strip().splitlines()[-1].endswith("Tiếp theo: reportgen build --year 2025.")


def test_a_status_line_while_working_when_stderr_is_a_terminal(shared: Path):
    on_terminal = run("validate", root=shared, env={"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1"})
    assert "Đang đọc và kiểm tra dữ liệu" in on_terminal.output
    assert "Đang đọc" not in run("validate", root=shared).output          # a pipe or a file: none
    assert "Đang đọc" not in run("validate", "-q", root=shared, env={"TTY_COMPATIBLE": "1"}).output


TERMINAL = {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1"}


@pytest.mark.parametrize(("args", "words"), [
    (["status", "--year", "2025"], "Đang đọc dữ liệu"),
    (["templates", "lint"], "Đang kiểm tra mẫu Word"),
    (["plan", "SYT", "--year", "2025"], "Đang đọc dữ liệu"),
    (["report", "--year", "2025"], "Đang tạo báo cáo tổng hợp"),
    (["links", "--year", "2025"], "Đang cấp liên kết cho 182 cơ quan"),
])
def test_slow_commands_show_what_they_do_from_the_start(project_dir: Path, args: list[str], words: str):
    """Every command that may take over a second says what it is doing on a terminal, never with -q or --json."""
    result = run(*args, root=project_dir, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert words in result.stderr
    again = run(*args, "-q", root=project_dir, env=TERMINAL)
    assert again.exit_code == 0 and again.stderr == ""


def test_forms_count_while_they_are_made(project_dir: Path):
    result = run("forms", "--year", "2025", "--agency", "SYT", "--agency", "STC", root=project_dir,
                 env={"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1"})
    assert result.exit_code == 0, result.output
    assert "Đang tạo biểu mẫu" in result.output


# --- Vietnamese everywhere -----------------------------------------------------------------

ENGLISH = re.compile(r"\b(OPTIONS|COMMAND|ARGS|INTEGER|TEXT|PATH|FILE|DIRECTORY|Usage|Options|Error|"
                     r"Show this message|Did you mean|integer|estimate|No such)\b|\[x[<>]=?\d")


def _help_pages() -> dict[str, str]:
    pages = {"reportgen": run("--help").output}
    for name in COMMANDS:
        pages[name] = run(name, "--help").output
    pages["templates lint"] = run("templates", "lint", "--help").output
    return pages


def test_every_help_page_is_vietnamese():
    for name, page in _help_pages().items():
        assert "Cách dùng:" in page and "[TÙY CHỌN]" in page, name
        assert not ENGLISH.search(page), (name, ENGLISH.search(page).group())


@pytest.mark.parametrize("args", [[], *[[name] for name in COMMANDS], ["templates", "lint"]])
def test_exit_codes_are_in_every_help_page(args: list[str]):
    page = run(*args, "--help").output
    for words in ("0 xong", "1 có phát", "2 dùng sai", "3 lỗi nội bộ", "130 người dùng dừng"):
        assert words in " ".join(page.split()), (args, words)


def test_every_command_has_examples_in_its_help():
    for name, page in _help_pages().items():
        assert "Ví dụ:" in page, name


@pytest.mark.parametrize("args", [
    ("build", "--year", "abc"), ("build", "-j", "0"), ("status", "--as-of", "31/02/2025"), ("forms",),
    ("build", "--bogus"), ("diff", "a.docx"), ("check", "khong-co.docx"), ("plan", "SYT", "--year", "1800"),
])
def test_usage_errors_are_vietnamese(shared: Path, args):
    result = run(*args, root=shared)
    assert result.exit_code == 2, result.output
    assert "Lỗi:" in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output).group()


def test_os_errors_are_vietnamese(project_dir: Path):
    folder = submission(project_dir) / "THU_MUC.yaml"
    folder.mkdir()
    (project_dir / "inputs" / "plan.yaml").chmod(0o000)
    try:
        if os.access(project_dir / "inputs" / "plan.yaml", os.R_OK):   # root reads anything
            pytest.skip("running as a user who can read any file")
        result = run("validate", root=project_dir)
        assert "không có quyền truy cập" in result.output
        assert "Permission denied" not in result.output
    finally:
        (project_dir / "inputs" / "plan.yaml").chmod(0o644)


def test_os_reason_words():
    import errno

    from reportgen.errors import os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "không có tệp hoặc thư mục này"
    assert "ổ đĩa đã đầy" == os_reason(OSError(errno.ENOSPC, "No space left on device"))
    sharing = PermissionError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32
    assert "đang được mở trong chương trình khác" in os_reason(sharing)
    assert os_reason(OSError(9999, "Weird")) == "lỗi hệ thống số 9999"


# --- every file in a submissions folder is read or reported ---------------------------------


@pytest.mark.parametrize(("name", "severity", "words"), [
    ("SYT.xls", "Lỗi", "Lưu thành (Save As)"),
    ("SYT.ods", "Lỗi", "Lưu thành (Save As) .xlsx"),
    ("SYT.csv", "Lỗi", "biểu mẫu Excel"),
    ("Báo cáo SYT.docx", "Cảnh báo", "văn bản Word không được đọc"),
    ("BC-SYT-da-ky.pdf", "Cảnh báo", "tệp PDF không được đọc"),
    ("ghi-chu.txt", "Cảnh báo", "không đọc loại tệp này"),
])
def test_every_file_type_in_a_submissions_folder_is_reported(project_dir: Path, name: str, severity: str, words: str):
    (submission(project_dir) / name).write_bytes(b"PK\x03\x04 not really")
    result = run("validate", "--verbose", root=project_dir)
    line = next((line for line in result.output.splitlines() if name in line), "")
    assert line.startswith(f"{severity}:"), result.output[-2000:]
    assert words in line
    assert "bảng mã cũ" not in line
    assert result.exit_code == (1 if severity == "Lỗi" else 0)


def test_lock_and_hidden_files_are_left_alone(project_dir: Path):
    for name in ("~$SYT.xlsx", ".~lock.SYT.xlsx#", ".DS_Store"):
        (submission(project_dir) / name).write_bytes(b"junk")
    result = run("validate", "--verbose", root=project_dir)
    assert result.exit_code == 0
    assert "~$SYT" not in result.output and "DS_Store" not in result.output


def test_a_docx_given_to_validate_is_not_called_a_legacy_encoding(project_dir: Path, tmp_path: Path):
    docx = tmp_path / "Báo cáo.docx"
    shutil.copy(BUNDLED / "templates" / "bao-cao-don-vi.docx", docx)
    result = run("validate", str(docx), root=project_dir)
    assert result.exit_code == 1
    assert "văn bản Word không được đọc" in result.output
    assert "bảng mã cũ" not in result.output and "UTF-8" not in result.output


# --- the secretariat's references ----------------------------------------------------------


def test_an_unknown_section_in_the_secretariat_file_is_an_error_with_its_line(project_dir: Path):
    path = project_dir / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"][0]["section"] = "III.99"
    data.setdefault("overrides", []).append({"indicator": "Z99", "assessment": "đã đạt", "reason": "thử"})
    data["sections"][0]["quote_indicators"] = ["B07", "Q42"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    section_line = next(i for i, line in enumerate(lines, 1) if "III.99" in line)
    result = run("validate", "--year", "2025", root=project_dir)
    assert result.exit_code == 1
    assert f"Lỗi: inputs/secretariat/2025.yaml, dòng {section_line}, sections[0].section: mục «III.99»" in result.output
    assert "mã chỉ tiêu «Z99» không có trong kế hoạch" in result.output
    assert "mã chỉ tiêu «Q42» không có trong kế hoạch" in result.output
    assert run("report", "--year", "2025", root=project_dir).exit_code == 1


# --- Windows: file names, LibreOffice -------------------------------------------------------


def test_file_names_with_vietnamese_letters_are_read_and_shown_as_nfc(project_dir: Path):
    folder = submission(project_dir)
    nfd = unicodedata.normalize("NFD", "Báo cáo Sở Y tế.yaml")
    (folder / "SYT.yaml").rename(folder / nfd)
    result = run("validate", "--year", "2025", "--verbose", root=project_dir)
    assert result.exit_code == 0, result.output
    nfc = "inputs/submissions/2025/Báo cáo Sở Y tế.yaml"
    assert nfc in result.output and unicodedata.normalize("NFD", nfc) not in result.output


def test_a_form_saved_under_a_vietnamese_name_is_read(project_dir: Path):
    made = run("forms", "--year", "2025", "--agency", "SYT", root=project_dir)
    assert made.exit_code == 0, made.output
    form = project_dir / "outputs" / "2025" / "bieu-mau" / "SYT-2025.xlsx"
    target = submission(project_dir) / "Báo cáo Sở Y tế.xlsx"
    (submission(project_dir) / "SYT.yaml").unlink()
    shutil.copy(form, target)
    result = run("validate", "--year", "2025", "--verbose", "--json", root=project_dir)
    import json

    data = json.loads(result.output)
    mine = [p for p in data["problems"] if p["file"] == "inputs/submissions/2025/Báo cáo Sở Y tế.xlsx"]
    assert mine and all(p["code"].startswith(("xlsx.", "submission.")) for p in mine)
    assert data["result"]["submissions"] >= 1


def test_libreoffice_is_found_from_the_environment_and_program_files(tmp_path: Path):
    from reportgen.render.pdf import find_soffice, install_locations

    exe = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    assert find_soffice({"LIBREOFFICE": str(exe)}) == str(exe)
    assert find_soffice({"SOFFICE": str(exe)}) == str(exe)
    assert find_soffice({"LIBREOFFICE": str(tmp_path / "khong-co.exe")}) != str(tmp_path / "khong-co.exe")
    places = install_locations({"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)"})
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in places
    assert r"C:\Program Files (x86)\LibreOffice\program\soffice.exe" in places


# --- tables that fit -----------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80])
def test_tables_fit_a_narrow_terminal(project_dir: Path, columns: int):
    env = {"COLUMNS": str(columns)}
    outputs = [
        run("status", "--year", "2025", "--as-of", "20/12/2025", root=project_dir, env=env).output,
        run("agencies", "--year", "2025", root=project_dir, env=env).output,
        run("plan", "SYT", "STC", "--year", "2025", root=project_dir, env=env).output,
        run("plan", "SYT", "STC", "--year", "2025", "--force", "--list", root=project_dir, env=env).output,
    ]
    for text in outputs:
        rows = [line for line in text.splitlines() if any(c in line for c in "│┃┏┓┡┩└┘━─")]
        assert rows, text
        for line in rows:   # sentences wrap in the terminal itself; a table's rows must fit
            assert len(line) <= columns, line
    assert "SYT" in outputs[3] and "Sở Y" in outputs[3]   # folded, not cut off


def test_file_names_carry_the_year_for_every_kind(project_dir: Path):
    assert run("plan", "SYT", "--year", "2024", root=project_dir).exit_code == 0
    assert (project_dir / "outputs" / "2024" / "ke-hoach" / "KH-SYT-2024.docx").is_file()


def test_group_and_subcommand_help_options_all_vietnamese_metavars():
    page = run("diff", "--help").output
    assert "BẢN_CŨ BẢN_MỚI" in page and "TỆP" in page
    assert "NĂM" in run("build", "--help").output and "SỐ" in run("build", "--help").output
    assert "NGÀY" in run("status", "--help").output


# --- init never loses an edited file ---------------------------------------------------------


def test_init_lists_edited_files_and_stops_then_force_keeps_a_backup(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "du-an").exit_code == 0
    plan = tmp_path / "du-an" / "inputs" / "plan.yaml"
    template = tmp_path / "du-an" / "templates" / "ke-hoach-don-vi.docx"
    edited_plan = plan.read_text(encoding="utf-8") + "# đã sửa\n"
    plan.write_text(edited_plan, encoding="utf-8")
    template.write_bytes(b"my own template")
    again = run("init", "du-an")
    assert again.exit_code == 1
    assert "du-an/inputs/plan.yaml: tệp đã có và khác bản đi kèm" in again.output
    assert "du-an/templates/ke-hoach-don-vi.docx" in again.output
    assert plan.read_text(encoding="utf-8") == edited_plan       # untouched
    unchanged = run("init", "du-an", "--force")
    assert unchanged.exit_code == 0, unchanged.output
    backups = list((tmp_path / "du-an" / ".reportgen-backup").iterdir())
    assert len(backups) == 1 and re.fullmatch(r"\d{8}-\d{6}", backups[0].name)
    assert (backups[0] / "inputs" / "plan.yaml").read_text(encoding="utf-8") == edited_plan
    assert (backups[0] / "templates" / "ke-hoach-don-vi.docx").read_bytes() == b"my own template"
    assert plan.read_bytes() == (BUNDLED / "inputs" / "plan.yaml").read_bytes()
    assert "Đã giữ 2 tệp cũ" in unchanged.output


def test_init_into_the_same_folder_twice_is_harmless_and_says_no_cd_dot(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = run("init", ".")
    assert first.exit_code == 0
    assert "cd ." not in first.output and "Tiếp theo: reportgen plan --all" in first.output
    again = run("init", ".")
    assert again.exit_code == 0
    assert not (tmp_path / ".reportgen-backup").exists()
    spaced = run("init", "Báo cáo 2025")
    assert 'cd "Báo cáo 2025" && reportgen' in spaced.output


def test_init_leaves_the_users_own_submissions_alone(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "du-an").exit_code == 0
    mine = tmp_path / "du-an" / "inputs" / "submissions" / "2025" / "SYT.yaml"
    mine.write_text("agency: SYT\n", encoding="utf-8")
    assert run("init", "du-an").exit_code == 0
    assert mine.read_text(encoding="utf-8") == "agency: SYT\n"
    samples = run("init", "du-an", "--samples")          # the bundled SYT sample would replace it
    assert samples.exit_code == 1 and "SYT.yaml" in samples.output


# --- codes and the diff's section --------------------------------------------------------------


def test_every_problem_of_a_broken_project_has_a_specific_code(project_dir: Path):
    import json

    folder = submission(project_dir, 2024)
    text = (folder / "SYT.yaml").read_text(encoding="utf-8")
    (folder / "SYT.yaml").write_text(text.replace("agency: SYT", "agency: SYT\ncolour: red")
                                     .replace("task: III.1.1", "task: III.9.9"), encoding="utf-8")
    (folder / "SNV.yaml").write_text("agency: [", encoding="utf-8")
    (folder / "SXD.yaml").write_text(
        (folder / "SXD.yaml").read_text(encoding="utf-8").replace("date: 2024-", "date: 2024-13-"), encoding="utf-8")
    (folder / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("validate", "--json", root=project_dir)
    problems = json.loads(result.output)["problems"]
    codes = {p["code"] for p in problems if p["severity"] == "error"}
    assert {"submission.unknown-field", "submission.task.unknown", "input.syntax", "submission.file-type"} <= codes, codes
    assert any(c.endswith(".not-date") for c in codes), codes
    assert all(p["code"] != "problem" for p in problems), [p for p in problems if p["code"] == "problem"]


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("III. NHIỆM VỤ TRỌNG TÂM", 80, "III. NHIỆM VỤ TRỌNG TÂM"),
    ("a" * 80, 80, "a" * 80),
    ("1. Tăng cường công tác tuyên truyền, nâng cao nhận thức về chính sách xã hội cho người dân", 40,
     "1. Tăng cường công tác tuyên truyền…"),
])
def test_a_diff_section_is_cut_between_words(text: str, limit: int, expected: str):
    from reportgen.diff.reader import clip

    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit
