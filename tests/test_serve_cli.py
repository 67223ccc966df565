"""`serve` and `links` on the CLI's conventions: Vietnamese usage errors (exit 2), the --json envelope,
options after the command, and Ctrl-C ending the server like any interrupted command (exit 130)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from serve_helpers import SEASON, free_port, make_project, wait_http

from reportgen.cli import cli

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("serve-cli"))


def envelope(result) -> dict:
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["exit_code"] == result.exit_code and data["ok"] is (result.exit_code == 0)
    return data


def test_a_port_in_use_is_a_usage_error_in_vietnamese(project: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        plain = CliRunner().invoke(cli, ["serve", "--port", str(port), "--root", str(project)])
        assert plain.exit_code == 2 and f"cổng {port}" in plain.stderr and "đang được chương trình khác dùng" in plain.stderr
        data = envelope(CliRunner().invoke(cli, ["serve", "--json", "--port", str(port), "--root", str(project)]))
    assert data["command"] == "serve" and data["result"] is None
    assert data["problems"][0]["code"] == "usage.serve.port-in-use"


@pytest.mark.parametrize("port, ok", [("1", True), ("65535", True), ("0", False), ("65536", False)])
def test_port_range_in_vietnamese(project: Path, port: str, ok: bool):
    result = CliRunner().invoke(cli, ["serve", "--port", port, "--host", "khong.co.may.nay.invalid",
                                      "--root", str(project)])
    assert result.exit_code == 2
    if ok:          # the port was accepted; the made-up host is what stops it
        assert "không tìm thấy địa chỉ" in result.stderr
    else:
        assert "--port" in result.stderr and "phải từ 1 đến 65535" in result.stderr and "<=" not in result.stderr


def test_no_project_is_an_envelope_too(tmp_path: Path):
    data = envelope(CliRunner().invoke(cli, ["serve", "--json", "--root", str(tmp_path)]))
    assert data["exit_code"] == 2 and data["problems"][0]["code"] == "project.not-found"


def _serve(project: Path, *extra: str) -> tuple[subprocess.CompletedProcess, int]:
    """`reportgen serve` in a child process, stopped with Ctrl-C (SIGINT) once it answers."""
    port = free_port()
    args = [sys.executable, "-c", "from reportgen.cli import main; main()", "serve", "--port", str(port),
            "--db", f"sqlite:///{project / 'cli.sqlite3'}", "--root", str(project), *extra]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/", proc=proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return subprocess.CompletedProcess(args, proc.returncode, out, err), port


def test_ctrl_c_stops_the_server_with_exit_130_and_a_closing_line(project: Path):
    done, port = _serve(project)
    assert done.returncode == 130, done.stderr
    assert f"Trang tiếp nhận báo cáo đang chạy tại http://127.0.0.1:{port}/" in done.stdout
    assert "Bấm Ctrl+C để dừng" in done.stdout and "Đã dừng trang tiếp nhận báo cáo" in done.stdout
    assert "Traceback" not in done.stderr and "INFO" not in done.stderr


def test_ctrl_c_with_json_prints_the_envelope_alone(project: Path):
    done, port = _serve(project, "--json")
    assert done.returncode == 130, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["command"] == "serve" and data["exit_code"] == 130 and data["ok"] is False
    assert data["result"]["url"] == f"http://127.0.0.1:{port}/" and data["result"]["intake_open"] is True
    assert data["result"]["database"].startswith("sqlite:///")


def test_quiet_server_says_nothing(project: Path):
    done, _ = _serve(project, "-q")
    assert done.returncode == 130 and done.stdout == ""


def test_links_envelope_for_issue_list_and_revoke(project: Path):
    db = f"sqlite:///{project / 'links-cli.sqlite3'}"
    base = ["--db", db, "--root", str(project)]
    issued = envelope(CliRunner().invoke(cli, ["links", "--json", "--year", str(SEASON), *base]))
    result = issued["result"]
    assert result["file"] == f"outputs/{SEASON}/lien-ket-{SEASON}.csv" and result["links"] is None
    assert len(result["issued"]) == 183 and result["issued"][0]["agency"] is None       # the secretariat's first
    listed = envelope(CliRunner().invoke(cli, ["links", "--list", "--year", str(SEASON), "--json", *base]))
    assert {k["state"] for k in listed["result"]["links"]} == {"active"} and listed["result"]["issued"] == []
    code = result["issued"][1]["code"]
    revoked = envelope(CliRunner().invoke(cli, ["links", "--revoke", code, "--json", *base]))
    assert revoked["result"]["revoked"] == [code] and revoked["result"]["year"] == SEASON
    unknown = envelope(CliRunner().invoke(cli, ["links", "--revoke", "LK-KHONGCO", "--json", *base]))
    assert unknown["exit_code"] == 2 and unknown["problems"][0]["code"] == "usage.link.unknown"
    ended = envelope(CliRunner().invoke(cli, ["links", "--year", str(SEASON), "--agency", "SYTT", "--json", *base]))
    assert ended["exit_code"] == 2 and ended["problems"][0]["code"] == "usage.agency.unknown"
    assert "SYT" in ended["problems"][0]["message"]


def test_links_usage_is_vietnamese():
    text = CliRunner().invoke(cli, ["links", "--help"]).output
    assert "[TÙY CHỌN]" in text and "Ví dụ" in text and "--year NĂM" in text and "--expires NGÀY" in text
    assert "--out TỆP" in text and "TEXT" not in text and "INTEGER" not in text
    serve = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--port CỔNG" in serve and "--host ĐỊA_CHỈ" in serve and "INTEGER" not in serve and "130" in serve
