"""Exit codes and the last-resort handler: 0 done, 1 findings, 2 usage, 3 internal error, 130 interrupted.

An internal error (a bug) never shows a traceback: one Vietnamese message says what was
being done, where the full trace was saved and how to report it; `--debug` prints the trace.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def _crash_files() -> list[Path]:
    return sorted(Path(os.environ["REPORTGEN_CRASH_DIR"]).glob("reportgen-loi-*.txt"))


def _boom(*args, **kwargs):
    raise RuntimeError("a bug deep inside")


@pytest.mark.internal_error
def test_a_bug_gives_one_message_a_saved_trace_and_exit_3(project_dir: Path, monkeypatch):
    monkeypatch.setattr("reportgen.pipeline.build", _boom)
    done = run(project_dir, "build", "--year", "2024")
    assert done.exit_code == 3
    assert "Traceback" not in done.output
    assert "Lỗi nội bộ" in done.output
    assert f"--root {project_dir} build --year 2024" in done.output   # what was being done
    assert "--debug" in done.output                                  # how to see more
    [saved] = _crash_files()
    assert str(saved) in done.output                                  # where the trace is
    trace = saved.read_text(encoding="utf-8")
    assert "Traceback" in trace and "a bug deep inside" in trace and "build --year 2024" in trace


@pytest.mark.internal_error
def test_debug_prints_the_trace(project_dir: Path, monkeypatch):
    monkeypatch.setattr("reportgen.pipeline.build", _boom)
    done = CliRunner().invoke(cli, ["--debug", "--root", str(project_dir), "build", "--year", "2024"])
    assert done.exit_code == 3
    assert "Traceback" in done.output and "RuntimeError: a bug deep inside" in done.output
    assert "Lỗi nội bộ" in done.output


@pytest.mark.internal_error
def test_an_unwritable_crash_folder_still_gives_the_message(project_dir: Path, monkeypatch, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("REPORTGEN_CRASH_DIR", str(blocker / "sub"))
    monkeypatch.setattr("reportgen.pipeline.build", _boom)
    done = run(project_dir, "build", "--year", "2024")
    assert done.exit_code == 3
    assert "Không lưu được chi tiết kỹ thuật" in done.output and "Traceback" not in done.output


@pytest.mark.internal_error
def test_the_installed_command_never_prints_a_traceback(project_dir: Path):
    """A real process through the console-script entry point (`main` → `run_guarded`)."""
    script = ("import sys, reportgen.pipeline as p\n"
              "def boom(*a, **k): raise KeyError('body')\n"
              "p.build = boom\n"
              "from reportgen.cli import main\n"
              "sys.argv = ['reportgen', '--root', sys.argv[1], 'build', '--year', '2024']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script, str(project_dir)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "Lỗi nội bộ" in done.stderr
    assert done.stdout == ""


def test_interrupt_exits_130(project_dir: Path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("reportgen.pipeline.build", interrupt)
    done = run(project_dir, "build", "--year", "2024")
    assert done.exit_code == 130
    assert "Đã dừng" in done.output and "Traceback" not in done.output


def test_done_findings_and_usage_codes(project_dir: Path):
    assert run(project_dir, "validate", "--year", "2024").exit_code == 0
    bad = project_dir / "inputs" / "submissions" / "2024" / "SYT.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("agency: SYT", "agency: KHONG_CO"), encoding="utf-8")
    assert run(project_dir, "validate", "--year", "2024").exit_code == 1
    assert run(project_dir, "build", "--no-such-option").exit_code == 2
    assert run(project_dir, "no-such-command").exit_code == 2
    assert run(project_dir, "check", str(project_dir / "missing.docx")).exit_code == 2
