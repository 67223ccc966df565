"""`reportgen links` and `reportgen serve` as commands: issuing, listing, revoking; usage errors."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import datetime

import httpx
import pytest
from click.testing import CliRunner
from serve_helpers import SEASON, ThreadServer, make_project

from reportgen.cli import cli
from reportgen.serve.db import open_database, sessions
from reportgen.serve.links import list_links, resolve


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def run(project, *args):
    db = f"sqlite:///{project / 'links.sqlite3'}"
    return CliRunner().invoke(cli, ["--root", str(project), "links", *args, "--db", db])


def result_of(project, *args):
    """The `result` of `links ... --json` (the envelope every command prints)."""
    out = run(project, *args, "--json")
    data = json.loads(out.stdout)
    assert data["command"] == "links" and data["exit_code"] == out.exit_code == 0, out.output
    return data["result"]


def factory(project):
    return sessions(open_database(f"sqlite:///{project / 'links.sqlite3'}"))


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_links_are_issued_once_stored_hashed_and_written_for_mailing(project):
    result = run(project, "--year", str(SEASON), "--base-url", "https://baocao.example.vn/")
    assert result.exit_code == 0, result.output
    assert "Liên kết của cơ quan tổng hợp (LK-" in result.output and "Đã cấp 183 liên kết năm 2026" in result.output
    path = project / "outputs" / "2026" / "lien-ket-2026.csv"
    rows = read_csv(path)
    assert len(rows) == 183 and (path.stat().st_mode & 0o777) == 0o600
    assert rows[0]["Mã cơ quan"] == "" and {r["Mã cơ quan"] for r in rows[1:]} >= {"SYT", "SNV"}
    assert all(r["Đường liên kết"].startswith("https://baocao.example.vn/l/") for r in rows)
    assert rows[1]["Hiệu lực đến"] == "23:59 ngày 10/03/2027"                 # 90 days after 10/12/2026
    tokens = {r["Mã cơ quan"]: r["Đường liên kết"].rsplit("/", 1)[1] for r in rows}
    stored = (project / "links.sqlite3").read_bytes()
    assert all(t.encode() not in stored for t in tokens.values())
    links = {k.agency: k for k in list_links(factory(project), SEASON)}
    assert links["SYT"].token_hash == hashlib.sha256(tokens["SYT"].encode()).hexdigest()
    assert len({k.code for k in links.values()}) == 183

    again = run(project, "--year", str(SEASON))
    assert again.exit_code == 0 and "183 cơ quan đã có liên kết còn hiệu lực" in again.output
    assert read_csv(path) == rows                                           # not rewritten


def test_renew_revoke_and_list(project):
    first = result_of(project, "--year", str(SEASON))
    old = next(i for i in first["issued"] if i["agency"] == "SYT")
    new = result_of(project, "--year", str(SEASON), "--agency", "sở y tế", "--renew")   # a name does too
    assert [i["agency"] for i in new["issued"]] == ["SYT"] and new["revoked"] == [old["code"]]
    f = factory(project)
    now = datetime(2026, 12, 5)
    assert resolve(f, old["url"].rsplit("/", 1)[1], now) is None
    assert resolve(f, new["issued"][0]["url"].rsplit("/", 1)[1], now).agency == "SYT"
    code = new["issued"][0]["code"]
    revoked = run(project, "--revoke", code.lower())
    assert revoked.exit_code == 0 and f"Đã thu hồi liên kết {code} (SYT, năm 2026)" in revoked.output
    assert run(project, "--revoke", code).exit_code == 0                        # twice is harmless
    assert resolve(f, new["issued"][0]["url"].rsplit("/", 1)[1], now) is None
    listing = run(project, "--year", str(SEASON), "--list")
    row = next(line for line in listing.output.splitlines() if old["code"] in line)
    assert "SYT" in row and "đã thu hồi" in row and listing.output.count("đã thu hồi") == 2
    assert "184 liên kết năm 2026, 182 còn hiệu lực." in listing.output
    listed = result_of(project, "--year", str(SEASON), "--list")["links"]
    assert sum(1 for k in listed if k["state"] == "revoked") == 2 and len(listed) == 184
    unknown = run(project, "--revoke", "LK-KHONGCO")
    assert unknown.exit_code == 2 and "không có liên kết mã «LK-KHONGCO»" in unknown.output


def test_expiry_is_the_end_of_the_given_day_in_vietnam(project):
    out = result_of(project, "--year", str(SEASON), "--expires", "31/01/2027")
    assert {i["expires"] for i in out["issued"]} == {"2027-01-31T16:59:59"}     # 23:59:59 at UTC+7, stored as UTC


@pytest.mark.parametrize("args, message", [
    (["--year", "1999"], "nằm ngoài thời gian thực hiện của kế hoạch"),
    (["--year", "2026", "--agency", "SYTT"], "SYT"),                              # did you mean
    ([], "hãy ghi rõ --year"),
    (["--year", "2026", "--agency", "UBND_TINH"], "không phải cơ quan phải báo cáo năm 2026"),
    (["--year", "2026", "--expires", "31/02/2027"], "--expires"),
])
def test_links_usage_errors_exit_2(project, args, message):
    result = run(project, *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("url, message", [
    ("khong-phai-dia-chi", "địa chỉ cơ sở dữ liệu không hợp lệ"),
    ("mysql://u@127.0.0.1/x", "chỉ hỗ trợ SQLite và PostgreSQL"),
    ("postgresql://u@127.0.0.1:1/x", "máy chủ cơ sở dữ liệu không trả lời"),
    ("sqlite:////khong/co/thu/muc/nay/x.sqlite3", "không có thư mục"),
])
def test_a_bad_database_url_is_said_in_vietnamese(project, url, message):
    result = CliRunner().invoke(cli, ["--root", str(project), "links", "--year", "2026", "--db", url])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_serve_needs_a_project_and_speaks_vietnamese(tmp_path):
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "serve"])
    assert result.exit_code == 2 and "không thấy thư mục inputs/" in result.output
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "Chạy trang tiếp nhận báo cáo" in help_text and "--db URL" in help_text


def test_a_broken_plan_stops_intake_with_a_vietnamese_page(project):
    from reportgen.serve.app import create_app
    from reportgen.serve.links import issue_links
    from reportgen.serve.settings import Settings

    app = create_app(Settings(root=project, db_url=f"sqlite:///{project / 'x.sqlite3'}"))
    token = issue_links(app.state.intake.factory, SEASON, [("SYT", "Sở Y tế")],
                        expires_at=datetime(2099, 1, 1)).issued[1].token
    (project / "inputs" / "plan.yaml").write_text("title: [", "utf-8")
    with ThreadServer(app) as server:
        page = httpx.get(f"{server.url}/l/{token}")
    assert page.status_code == 503 and "Tạm ngừng tiếp nhận" in page.text


@pytest.mark.parametrize(("expires", "warned"), [("01/01/2020", True), ("31/12/2099", False)])
def test_links_already_out_of_date_when_issued_are_a_warning(project, expires, warned):
    """A season long past gives links that open only «Không tìm thấy trang»: the issuer is told, once."""
    out = run(project, "--year", str(SEASON), "--expires", expires, "--json")
    data = json.loads(out.stdout)
    assert out.exit_code == 0 and data["ok"], out.output
    codes = [p["code"] for p in data["problems"]]
    assert codes == (["links.expired-on-issue"] if warned else [])
    if warned:
        assert "--renew --expires" in data["problems"][0]["message"]
        assert data["problems"][0]["severity"] == "warning"
