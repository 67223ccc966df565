"""`reportgen serve` over real HTTP: uvicorn on 127.0.0.1 in a thread, SQLite, a settable clock.

Each test uses its own bodies, so the tests share one server and one season (2026, deadline
10/12/2026). What is checked is read back independently: the accepted file in inputs/ through
`load_project`, the CLI's own messages for the same file, the bytes of every stored version.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from serve_helpers import (
    SEASON,
    FakeClock,
    ThreadServer,
    make_project,
    minimal_submission,
    submission_bytes,
)
from test_forms_fixture import fill_form

from reportgen.load import load_project
from reportgen.load.source import MAX_INPUT_BYTES
from reportgen.load.xlsx import MAX_FILE_BYTES
from reportgen.model import Submission
from reportgen.serve.app import create_app
from reportgen.serve.db import sessions
from reportgen.serve.links import issue_links, revoke
from reportgen.serve.settings import UPLOAD_LIMITS, Settings

DAY = datetime(2026, 12, 5, 2, 0)            # 09:00 on 05/12/2026 in Vietnam: before the deadline


class Season:
    def __init__(self, root: Path, app, server: ThreadServer, clock: FakeClock, tokens: dict):
        self.root, self.app, self.server, self.clock, self.tokens = root, app, server, clock, tokens
        self.intake = app.state.intake
        self.base = self.intake.base()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.server.url, timeout=60)

    def url(self, code: str | None) -> str:
        return f"/l/{self.tokens[code]}"

    def upload(self, code: str, name: str, content: bytes, **headers) -> httpx.Response:
        with self.client() as c:
            page = c.get(self.url(code))
            return c.post(self.url(code) + "/nop", data={"csrf": csrf_of(page.text)},
                          files={"tep": (name, content)}, headers=headers, follow_redirects=True)

    def versions(self, code: str):
        return self.intake.versions(SEASON, code)

    def submission(self, code: str, day: date = date(2026, 12, 4)) -> dict:
        return minimal_submission(self.base.plan, self.base.registry, code, SEASON, day)

    def form(self, code: str) -> bytes:
        with self.client() as c:
            response = c.get(self.url(code) + "/bieu-mau")
        assert response.status_code == 200
        return response.content


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def text_of(html: str) -> str:
    """The page's text without tags, entities decoded, spaces collapsed."""
    import html as htmllib

    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture(scope="module")
def season(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("intake"))
    clock = FakeClock(DAY)
    settings = Settings(root=root, db_url=f"sqlite:///{root / 'intake.sqlite3'}", clock=clock, rate_uploads=6)
    app = create_app(settings)
    intake = app.state.intake
    base = intake.base()
    from reportgen.model.routing import expected_reporters

    bodies = [(c, base.registry[c].display_name) for c in expected_reporters(base.plan, base.registry, SEASON)]
    issued = issue_links(intake.factory, SEASON, bodies, expires_at=datetime(2027, 3, 1), clock=clock)
    tokens = {i.agency: i.token for i in issued.issued}
    with ThreadServer(app) as server:
        yield Season(root, app, server, clock, tokens)


def test_the_body_page_says_deadline_and_status_in_vietnamese(season):
    with season.client() as c:
        page = c.get(season.url("SYT"))
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Báo cáo năm 2026" in text and "Sở Y tế" in text
    assert "Hạn nộp 10/12/2026 (còn 5 ngày)" in text
    assert "Tình trạng Chưa nộp" in text
    assert page.headers["x-frame-options"] == "DENY" and page.headers["referrer-policy"] == "same-origin"
    assert "set-cookie" not in page.headers


def test_blank_form_is_rejected_with_the_clis_own_messages(season, tmp_path):
    form = season.form("SCT")
    page = season.upload("SCT", "Biểu mẫu Sở Công Thương.xlsx", form)
    assert page.status_code == 200 and "#ket-qua" in str(page.url) or "phien-ban=1" in str(page.url)
    [version] = season.versions("SCT")
    assert version.status == "rejected" and version.errors > 0
    # the CLI on the same bytes, in a folder named after the year
    folder = tmp_path / "inputs" / "submissions" / str(SEASON)
    folder.mkdir(parents=True)
    (folder / "SCT.xlsx").write_bytes(form)
    cli = load_project(season.root, paths=[folder / "SCT.xlsx"])
    stored = json.loads(version.problems)
    assert [(p["place"], p["message"], p["severity"]) for p in stored] == \
           [(p.place, p.message, p.severity) for p in cli.problems if p.file and p.file.endswith("SCT.xlsx")]
    text = text_of(page.text)
    assert f"Báo cáo có {version.errors} lỗi, chưa được tiếp nhận" in text
    for p in stored:
        assert p["place"] in text and p["message"] in text
    assert "Thông tin chung!B5" in text and "chưa ghi «Ngày báo cáo»" in text
    assert not (season.root / "inputs" / "submissions" / str(SEASON) / "SCT.yaml").exists()


def test_filled_form_is_accepted_into_inputs_with_its_arrival_date(season):
    form = season.form("SNV")
    sub = Submission.model_validate(season.submission("SNV"))
    bad = fill_form(form, sub.model_copy(update={"figures": [
        f.model_copy(update={"value": "nhiều"}) if i == 0 else f for i, f in enumerate(sub.figures)]}), season.base.plan)
    good = fill_form(form, sub, season.base.plan)
    season.clock.moment = DAY + timedelta(hours=1)
    first = season.upload("SNV", "snv.xlsx", bad)
    assert "chưa được tiếp nhận" in text_of(first.text) and "Chỉ tiêu!" in text_of(first.text)
    season.clock.moment = DAY + timedelta(hours=2)
    second = season.upload("SNV", "snv-da-sua.xlsx", good)
    text = text_of(second.text)
    assert "Báo cáo hợp lệ, đã được tiếp nhận" in text
    assert "Đã nhận báo cáo hợp lệ (phiên bản 2) lúc 11:00 ngày 05/12/2026 — đúng hạn" in text
    v2, v1 = season.versions("SNV")
    assert (v1.status, v2.status) == ("rejected", "accepted")
    assert (v1.sha256, v2.sha256) == (hashlib.sha256(bad).hexdigest(), hashlib.sha256(good).hexdigest())
    target = season.root / "inputs" / "submissions" / str(SEASON) / "SNV.yaml"
    loaded = load_project(season.root, paths=[target])
    assert not loaded.errors
    [got] = loaded.submissions_for(SEASON)
    assert got.agency == "SNV" and got.report.received == date(2026, 12, 5)
    assert [t.task for t in got.tasks] == [t.task for t in sub.tasks]
    assert [f.indicator for f in got.figures] == [f.indicator for f in sub.figures]
    # nothing overwritten: both versions download byte for byte
    with season.client() as c:
        assert c.get(f"{season.url('SNV')}/phien-ban/{v1.id}").content == bad
        download = c.get(f"{season.url('SNV')}/phien-ban/{v2.id}")
    assert download.content == good
    assert "SNV-2026-phien-ban-2.xlsx" in download.headers["content-disposition"]


def test_a_late_reupload_replaces_the_report_and_its_received_date(season):
    data = season.submission("SKHCN")
    season.clock.moment = DAY
    season.upload("SKHCN", "skhcn.yaml", submission_bytes(data))
    season.clock.moment = datetime(2026, 12, 14, 3, 0)
    data["difficulties"] = ["Thiếu cán bộ chuyên trách."]
    page = season.upload("SKHCN", "skhcn.json", json.dumps(data, ensure_ascii=False).encode())
    season.clock.moment = DAY
    assert "muộn 4 ngày" in text_of(page.text)
    [got] = load_project(season.root, paths=[season.root / "inputs/submissions/2026/SKHCN.yaml"]).submissions_for(SEASON)
    assert got.report.received == date(2026, 12, 14) and got.difficulties == ["Thiếu cán bộ chuyên trách."]
    assert [v.status for v in season.versions("SKHCN")] == ["accepted", "accepted"]


def test_another_bodys_form_or_year_or_a_wrong_kind_is_refused(season):
    other = season.submission("SYT")
    page = season.upload("SDTTG", "cua-so-y-te.yaml", submission_bytes(other))
    assert "tệp này là báo cáo của Sở Y tế, không phải của" in text_of(page.text)
    wrong_year = {**season.submission("SDTTG"), "year": 2025}
    page = season.upload("SDTTG", "nam-cu.yaml", submission_bytes(wrong_year))
    assert "đợt này nhận báo cáo năm 2026" in text_of(page.text)
    page = season.upload("SDTTG", "bao-cao.docx", b"PK\x03\x04")
    assert "chỉ nhận tệp .xlsx, .yaml, .yml, .json" in text_of(page.text)
    page = season.upload("SDTTG", "../../../etc/passwd.yaml", b"agency: [")
    text = text_of(page.text)
    assert "tệp «passwd.yaml»" in text and "etc/" not in text and "cú pháp YAML/JSON không hợp lệ" in text
    assert [v.status for v in season.versions("SDTTG")] == ["rejected"] * 4
    assert not (season.root / "inputs/submissions/2026/SDTTG.yaml").exists()


def test_wrong_expired_or_revoked_links_get_the_same_404(season):
    with season.client() as c:
        plain = c.get("/khong-co-trang-nay")
        wrong = c.get("/l/" + "x" * 43)
        assert plain.status_code == wrong.status_code == 404
        assert plain.content == wrong.content
        assert "Không tìm thấy trang" in text_of(wrong.text)
        # revoked
        token = issue_links(season.intake.factory, SEASON, [("SXD", "Sở Xây dựng")], expires_at=datetime(2027, 3, 1),
                            secretariat=False, renew=True).issued[0]
        assert c.get(f"/l/{token.token}").status_code == 200
        revoke(sessions(season.intake.engine), token.code)
        assert c.get(f"/l/{token.token}").content == plain.content
        # expired: just inside and just outside the expiry
        short = issue_links(season.intake.factory, SEASON, [("SXD", "Sở Xây dựng")], expires_at=DAY + timedelta(days=1),
                            secretariat=False, clock=season.clock).issued[0]
        season.clock.moment = DAY + timedelta(days=1)
        assert c.get(f"/l/{short.token}").status_code == 200
        season.clock.moment = DAY + timedelta(days=1, seconds=1)
        assert c.get(f"/l/{short.token}").content == plain.content
        season.clock.moment = DAY


def test_a_body_cannot_read_another_bodys_data(season):
    season.upload("SYT", "syt.yaml", submission_bytes(season.submission("SYT")))
    [syt] = season.versions("SYT")
    with season.client() as c:
        own = c.get(f"{season.url('SYT')}/phien-ban/{syt.id}")
        assert own.status_code == 200
        other = c.get(f"{season.url('SCT')}/phien-ban/{syt.id}")
        assert other.status_code == 404 and "Không tìm thấy trang" in text_of(other.text)
        assert "SYT" not in other.text and "Y tế" not in other.text
        for path in ("/co-quan/SYT", "/nhat-ky", "/bao-cao-tong-hop.docx"):
            assert c.get(season.url("SCT") + path).status_code == 404
        assert c.get(f"{season.url(None)}/phien-ban/{syt.id}").status_code == 200   # the secretariat may
        assert "Sở Y tế" not in c.get(season.url("SCT")).text


def test_csrf_and_origin_are_checked(season):
    content = submission_bytes(season.submission("SVHTTDL"))
    with season.client() as c:
        url = season.url("SVHTTDL") + "/nop"
        assert c.post(url, files={"tep": ("a.yaml", content)}).status_code == 403
        forged = c.post(url, data={"csrf": "0" * 64}, files={"tep": ("a.yaml", content)})
        assert forged.status_code == 403 and "Không được phép" in text_of(forged.text)
        token = csrf_of(c.get(season.url("SVHTTDL")).text)
        foreign = c.post(url, data={"csrf": token}, files={"tep": ("a.yaml", content)},
                         headers={"Origin": "http://ke-xau.example"})
        assert foreign.status_code == 403
        same = c.post(url, data={"csrf": token}, files={"tep": ("a.yaml", content)},
                      headers={"Origin": season.server.url})
        assert same.status_code == 303
        assert c.get(season.url("SVHTTDL") + "/nop").status_code == 405
        assert "Không hỗ trợ thao tác này" in text_of(c.get(season.url("SVHTTDL") + "/nop").text)
    assert len(season.versions("SVHTTDL")) == 1


def test_uploads_per_link_are_rate_limited(season):
    limit = season.intake.settings.rate_uploads
    content = submission_bytes(season.submission("STP"))
    codes = [season.upload("STP", "stp.yaml", content).status_code for _ in range(limit + 1)]
    assert codes[:limit] == [200] * limit and codes[limit] == 429
    with season.client() as c:
        page = c.get(season.url("STP"))
        assert page.status_code == 200              # pages still load: the upload limit is separate
    assert len(season.versions("STP")) == limit
    assert season.upload("SYT", "syt.yaml", content).status_code == 200     # other links are not affected


def test_upload_size_limits_are_the_clis(season):
    assert UPLOAD_LIMITS == {"xlsx": MAX_FILE_BYTES, "yaml": MAX_INPUT_BYTES, "json": MAX_INPUT_BYTES}
    inside = season.upload("STC", "lon.xlsx", b"\0" * MAX_FILE_BYTES)
    assert inside.status_code == 200
    assert "không phải tệp Excel .xlsx hợp lệ" in text_of(inside.text)
    outside = season.upload("STC", "qua-lon.xlsx", b"\0" * (MAX_FILE_BYTES + 1))
    assert outside.status_code == 413 and "Tệp quá lớn" in text_of(outside.text)
    with season.client() as c:
        huge = c.post(season.url("STC") + "/nop", content=b"\0" * (season.intake.settings.max_request + 1),
                      headers={"content-type": "multipart/form-data; boundary=x"})
    assert huge.status_code == 413 and "Tệp quá lớn" in text_of(huge.text)
    assert [v.size for v in season.versions("STC")] == [MAX_FILE_BYTES]


def test_a_zip_bomb_is_refused_by_the_readers_limits(season):
    from reportgen.load.xlsx import MAX_ENTRIES

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(MAX_ENTRIES + 1):
            zf.writestr(f"x/{i}.xml", "")
    page = season.upload("SNNMT", "bom.xlsx", buf.getvalue())
    assert "nghi là tệp độc hại" in text_of(page.text)


def test_the_audit_log_says_who_uploaded_what_and_when(season):
    season.upload("SYT", "syt-lan-nua.yaml", submission_bytes(season.submission("SYT")))
    with season.client() as c:
        log = text_of(c.get(season.url(None) + "/nhat-ky").text)
    assert "«syt-lan-nua.yaml»" in log and "127.0.0.1" in log and "Sở Y tế" in log
    assert "09:00 ngày 05/12/2026" in log


def test_the_secretariats_page_filters_and_compares_versions(season):
    code = "SGDDT"
    first = season.submission(code)
    season.upload(code, "v1.yaml", submission_bytes(first))
    second = json.loads(json.dumps(first))
    second["tasks"][0]["status"] = "hoàn thành"
    second["difficulties"] = ["Thiếu giáo viên."]
    season.upload(code, "v2.yaml", submission_bytes(second))
    with season.client() as c:
        page = c.get(season.url(None))
        text = text_of(page.text)
        assert "Tình hình nộp báo cáo năm 2026" in text and "Hạn nộp 10/12/2026, tính đến 05/12/2026" in text
        total = int(re.search(r'id="tong-so">(\d+)<', page.text).group(1))
        assert total == len(season.tokens) - 1
        on_time = re.findall(r'<tr data-body="([A-Z_]+)">(?:(?!</tr>).)*đúng hạn', page.text, re.S)
        assert code in on_time and "SNV" in on_time
        filtered = c.get(season.url(None), params={"trang-thai": "dung-han"}).text
        shown = re.findall(r'<tr data-body="([A-Z_]+)"', filtered)
        assert code in shown and "SCT" not in shown
        with_errors = re.findall(r'<tr data-body="([A-Z_]+)"', c.get(season.url(None), params={"trang-thai": "loi"}).text)
        assert "SCT" in with_errors and code not in with_errors
        assert re.findall(r'<tr data-body="([A-Z_]+)"', c.get(season.url(None), params={"tim": "y te"}).text) == ["SYT"]
        v2, v1 = season.versions(code)
        detail = text_of(c.get(f"{season.url(None)}/co-quan/{code}", params={"cu": v1.id, "moi": v2.id}).text)
        task = first["tasks"][0]["task"]
        assert "So sánh phiên bản 1 → 2" in detail
        assert f"{task} trạng thái đang thực hiện → hoàn thành" in detail
        assert "thêm «Thiếu giáo viên.»" in detail
        assert "thêm «Thiếu giáo viên.»" in detail.split("Các phiên bản")[0]
    assert season.intake.mismatches(SEASON) == []


def test_the_reminder_writes_the_same_letter_as_the_cli(season, tmp_path):
    import shutil

    from click.testing import CliRunner
    from cycle_helpers import kinh_gui, read

    from reportgen.cli import cli

    letters = season.root / "outputs" / str(SEASON) / "cong-van"
    sent_here = season.upload("SNGV", "sngv.yaml", submission_bytes(season.submission("SNGV")))  # a body no other test uses
    assert "Báo cáo hợp lệ, đã được tiếp nhận" in text_of(sent_here.text)
    with season.client() as c:
        page = c.get(season.url(None))
        assert 'id="nhac-nop"' in page.text and 'id="nhac-chua-co"' not in page.text
        early = c.post(season.url(None) + "/nhac-nop", data={"csrf": csrf_of(page.text)})
    # 05/12/2026 is before the 10/12/2026 deadline: no letter, and the page says why, as the CLI does
    assert early.status_code == 200
    assert "Chưa nhắc được" not in text_of(early.text)
    assert "chưa đến hạn báo cáo (10/12/2026)" in text_of(early.text)
    assert not list(letters.glob("CV-don-doc-*.docx"))

    season.clock.moment = datetime(2026, 12, 13, 18, 0)    # 01:00 on 14/12/2026 in Vietnam
    try:
        with season.client() as c:
            page = c.get(season.url(None))
            done = c.post(season.url(None) + "/nhac-nop", data={"csrf": csrf_of(page.text)})
    finally:
        season.clock.moment = DAY
    text = text_of(done.text)
    assert done.status_code == 200 and "Đã tạo văn bản nhắc nộp báo cáo" in text
    name = "CV-don-doc-2026-20261214.docx"
    assert f"Đã tạo outputs/2026/cong-van/{name}" in text and "hạn mới" in text
    # the command's warnings too: no request on record for 2026, so the letter cites the plan's rule
    assert "chưa có số, ngày công văn đề nghị báo cáo năm 2026" in text
    web_letter = letters / name
    assert web_letter.is_file()

    # the CLI on a copy of the same folder, for the same day, writes the same bytes
    copy = tmp_path / "copy"
    for part in ("inputs", "templates"):
        shutil.copytree(season.root / part, copy / part)
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(copy), "remind", "--year", "2026", "--as-of", "14/12/2026"])
    assert result.exit_code == 0, result.output
    assert (copy / "outputs" / "2026" / "cong-van" / name).read_bytes() == web_letter.read_bytes()

    # addressed to the bodies `status --as-of` lists as missing: none that has sent its report
    status = json.loads(runner.invoke(cli, ["--root", str(copy), "status", "--year", "2026", "--as-of", "14/12/2026",
                                            "--json"]).stdout)["result"]
    sent = {b["body"] for b in status["bodies"] if b["status"] != "missing"}
    assert "SNGV" in sent
    addressed = " ".join(kinh_gui(read(web_letter))[1:])
    registry = season.base.registry
    for code in sent:
        assert registry[code].name not in addressed, code
    from reportgen.model.routing import focal_body

    focal = focal_body(season.base.plan, registry, SEASON)          # it does not write to itself
    missing = [b for b in status["bodies"] if b["status"] == "missing" and b["body"] != focal]
    assert f"gửi {len(missing)} cơ quan, đơn vị chưa nộp" in text

    with season.client() as c:
        log = text_of(c.get(season.url(None) + "/nhat-ky").text)
    assert f"Đã tạo outputs/2026/cong-van/{name}" in log


def test_text_from_a_sender_is_shown_as_text(season):
    data = season.submission("VP_UBND")
    data["report"]["signer"]["name"] = "<script>alert(1)</script>"
    data["tasks"][0]["status"] = "<b>xong</b>"
    page = season.upload("VP_UBND", "<img src=x onerror=alert(1)>.yaml", submission_bytes(data))
    assert "<script>alert(1)</script>" not in page.text and "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;.yaml" in page.text
    assert "&lt;b&gt;xong&lt;/b&gt;" in page.text


def test_a_file_put_there_by_hand_or_edited_is_never_overwritten(season):
    folder = season.root / "inputs" / "submissions" / str(SEASON)
    folder.mkdir(parents=True, exist_ok=True)
    by_hand = submission_bytes({**season.submission("TTR_TINH"), "difficulties": ["Nhận qua thư điện tử."]})
    (folder / "TTR_TINH.yaml").write_bytes(by_hand)
    page = season.upload("TTR_TINH", "ttr.yaml", submission_bytes(season.submission("TTR_TINH")))
    assert "Báo cáo hợp lệ, đã lưu; chờ cơ quan tổng hợp xử lý." in text_of(page.text)
    assert "(tệp TTR_TINH.yaml)" in text_of(page.text)
    assert (folder / "TTR_TINH.yaml").read_bytes() == by_hand
    assert [v.status for v in season.versions("TTR_TINH")] == ["conflict"]
    # an accepted file later edited by a person: the next upload leaves it alone, the page says so
    season.upload("CA_TINH", "ca.yaml", submission_bytes(season.submission("CA_TINH")))
    edited = (folder / "CA_TINH.yaml").read_bytes() + "# sửa tay\n".encode()
    (folder / "CA_TINH.yaml").write_bytes(edited)
    season.upload("CA_TINH", "ca-2.yaml", submission_bytes(season.submission("CA_TINH")))
    assert (folder / "CA_TINH.yaml").read_bytes() == edited
    assert [v.status for v in season.versions("CA_TINH")] == ["conflict", "accepted"]
    with season.client() as c:
        text = text_of(c.get(season.url(None)).text)
    assert "CA_TINH: tệp CA_TINH.yaml đã bị sửa ngoài trang nộp báo cáo" in text
    (folder / "TTR_TINH.yaml").unlink()


def test_a_report_that_cannot_be_built_is_explained_on_the_page(season, monkeypatch):
    import reportgen.pipeline

    def broken(*args, **kwargs):
        raise KeyError("body")

    monkeypatch.setattr(reportgen.pipeline, "build", broken)
    with season.client() as c:
        token = csrf_of(c.get(season.url(None)).text)
        page = c.post(season.url(None) + "/bao-cao-tong-hop", data={"csrf": token})
    assert page.status_code == 422
    text = text_of(page.text)
    assert "Chưa tạo được báo cáo tổng hợp" in text and "lỗi hệ thống khi tạo báo cáo tổng hợp" in text
    assert "KeyError" not in text and "Traceback" not in text
