"""The intake in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The body's flow on a phone-sized screen: download the form, fill it (openpyxl), upload it,
read the mistakes on the page, fix, upload again, see it accepted. Then the secretariat's
page: the counts, a filter, the body's versions and the differences between them.
Screenshots go to test-artifacts/ for people; the assertions read the page.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from serve_helpers import REPO, SEASON, FakeClock, ThreadServer, make_project, minimal_submission
from test_forms_fixture import fill_form

from reportgen.model import Submission
from reportgen.model.routing import expected_reporters
from reportgen.serve.app import create_app
from reportgen.serve.links import issue_links
from reportgen.serve.settings import Settings

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
DAY = datetime(2026, 12, 9, 1, 30)          # 08:30 on 09/12/2026, the day before the deadline
BODY = "SYT"


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "headless Chromium is required (Debian package chromium; `make system-deps` installs it)"
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("browser"))
    clock = FakeClock(DAY)
    app = create_app(Settings(root=root, db_url=f"sqlite:///{root / 'intake.sqlite3'}", clock=clock))
    intake = app.state.intake
    base = intake.base()
    bodies = [(c, base.registry[c].display_name) for c in expected_reporters(base.plan, base.registry, SEASON)]
    tokens = {i.agency: i.token for i in issue_links(intake.factory, SEASON, bodies, expires_at=datetime(2027, 3, 1),
                                                     clock=clock).issued}
    with ThreadServer(app) as server:
        yield server, tokens, base, clock


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="rg-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS, accept_downloads=True,
            viewport={"width": 390, "height": 844}, locale="vi-VN")
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _leads(base, task) -> list[str]:
    from reportgen.model.routing import responsible_bodies

    return responsible_bodies(base.plan, base.registry, task, SEASON)


def _artifact(name: str) -> Path:
    folder = REPO / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name


def test_a_body_downloads_fills_uploads_fixes_and_is_accepted(site, browser, tmp_path):
    server, tokens, base, clock = site
    page = browser.new_page()
    page.goto(f"{server.url}/l/{tokens[BODY]}")
    assert page.locator("#co-quan").inner_text() == "Sở Y tế"
    assert page.locator("#han-nop").inner_text() == "10/12/2026 (còn 1 ngày)"
    assert page.locator("#tinh-trang").inner_text().strip() == "Chưa nộp"
    with page.expect_download() as info:
        page.click("#tai-bieu-mau")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    form = Path(download.path()).read_bytes()

    sub = Submission.model_validate(minimal_submission(base.plan, base.registry, BODY, SEASON, date(2026, 12, 8)))
    wrong = sub.model_copy(update={"figures": [f.model_copy(update={"value": "khoảng chín mươi"}) if i == 0 else f
                                               for i, f in enumerate(sub.figures)]})
    (tmp_path / "bao-cao-SYT.xlsx").write_bytes(fill_form(form, wrong, base.plan))
    page.set_input_files("#tep", str(tmp_path / "bao-cao-SYT.xlsx"))
    page.click("#nop")
    page.wait_for_selector("#ket-luan")
    assert "có 1 lỗi, chưa được tiếp nhận" in page.locator("#ket-luan").inner_text()
    errors = page.locator("ul.problems li.err").all_inner_texts()
    assert len(errors) == 1 and "Chỉ tiêu!G" in errors[0] and "khoảng chín mươi" in errors[0]
    page.screenshot(path=str(_artifact("serve-body-errors.png")), full_page=True)

    clock.moment = DAY + timedelta(minutes=20)
    fixed = sub.model_copy(update={"tasks": [t.model_copy(update={"status": "hoàn thành"}) if i == 0 else t
                                             for i, t in enumerate(sub.tasks)]})
    (tmp_path / "bao-cao-SYT-da-sua.xlsx").write_bytes(fill_form(form, fixed, base.plan))
    page.set_input_files("#tep", str(tmp_path / "bao-cao-SYT-da-sua.xlsx"))
    page.click("#nop")
    page.wait_for_selector("#ket-luan.ok")
    assert page.locator("#ket-luan").inner_text() == "Báo cáo hợp lệ, đã được tiếp nhận."
    assert page.locator("#tinh-trang").inner_text().strip() == \
        "Đã nhận báo cáo hợp lệ (phiên bản 2) lúc 08:50 ngày 09/12/2026 — đúng hạn"
    rows = page.locator("table.versions tbody tr").all_inner_texts()
    assert len(rows) == 2 and "đã nhận" in rows[0] and "có lỗi (1 lỗi)" in rows[1]
    page.screenshot(path=str(_artifact("serve-body-accepted.png")), full_page=True)
    page.close()


def test_the_secretariat_filters_and_compares_versions(site, browser):
    server, tokens, base, clock = site
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server.url}/l/{tokens[None]}")
    total = len(tokens) - 1
    assert page.locator("#tong-so").inner_text() == str(total)
    assert page.locator("#dem-dung-han").inner_text() == "1"
    page.select_option("select[name=trang-thai]", "dung-han")
    page.click("#loc-nut")
    page.wait_for_url("**trang-thai=dung-han**")
    rows = page.locator("#bang-tinh-hinh tbody tr")
    assert rows.count() == 1 and "Sở Y tế" in rows.first.inner_text() and "đúng hạn" in rows.first.inner_text()
    assert page.locator("#so-dong").inner_text() == f"Hiện 1 / {total} cơ quan, đơn vị."
    page.click("#bang-tinh-hinh a")
    page.wait_for_selector("#form-so-sanh")
    page.click("#so-sanh-nut")
    page.wait_for_selector("#so-sanh")
    assert "So sánh phiên bản 1 → 2" in page.locator("#so-sanh h2").inner_text()
    changes = page.locator("#so-sanh li").all_inner_texts()
    first_task = [t for t in base.plan.tasks if BODY in _leads(base, t)][0].code
    assert changes == [f"{first_task} trạng thái đang thực hiện → hoàn thành"]
    assert page.locator("#phien-ban-1 ul.problems li.err").count() == 1
    page.screenshot(path=str(_artifact("serve-secretariat.png")), full_page=True)
    page.close()
