"""`reportgen status`: every expected body listed once, late with days, missing, exit 0 either way."""

from __future__ import annotations

import json
from datetime import date

import fixtures_consolidation as fx
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.compute.tracking import (
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    tracking_frame,
    tracking_rows,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("status")
    fx.write_project(root, fx.submissions_2024())
    return root


def run(root, *args):
    return CliRunner().invoke(cli, ["--root", str(root), "status", *args], catch_exceptions=False)


def test_json_lists_every_expected_body_with_its_status(project):
    result = run(project, "--year", "2024", "--as-of", "2024-12-20", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["result"]
    by_body = {b["body"]: b for b in data["bodies"]}
    # leads of ordered tasks and indicator suppliers; not the Front (only asked), not a partner-only body
    assert set(by_body) == {"SLDTBXH", "SYT", "SXD", "H_NGA_SON", "H_BA_THUOC"}
    assert by_body["SLDTBXH"]["status"] == "on_time" and by_body["SLDTBXH"]["label"] == ON_TIME
    assert by_body["SYT"]["status"] == "on_time"            # received on the deadline itself
    assert by_body["H_NGA_SON"]["label"] == "muộn 3 ngày" and by_body["H_NGA_SON"]["status"] == "late"
    assert by_body["SXD"]["status"] == "missing" and by_body["SXD"]["label"] == MISSING and by_body["SXD"]["received"] is None
    assert data["counts"] == {"on_time": 2, "late": 1, "missing": 2, "not_due": 0, "total": 5}
    assert data["deadline"] == "2024-12-10"


def test_order_provincial_first_then_local_in_vietnamese_order(project):
    data = json.loads(run(project, "--year", "2024", "--as-of", "2024-12-20", "--json").output)["result"]
    names = [b["name"] for b in data["bodies"]]
    assert names == ["Sở Lao động - Thương binh và Xã hội", "Sở Xây dựng", "Sở Y tế",
                     "Ủy ban nhân dân huyện Bá Thước", "Ủy ban nhân dân huyện Nga Sơn"]


def test_table_names_late_and_missing_bodies_and_exits_0(project):
    result = run(project, "--year", "2024", "--as-of", "20/12/2024")
    assert result.exit_code == 0
    out = result.output
    assert "muộn 3 ngày" in out and "chưa nộp" in out
    assert "Sở Xây dựng" in out and "Ủy ban nhân dân huyện Bá Thước" in out
    assert "Tổng số 5 cơ quan, đơn vị phải báo cáo: đúng hạn 2; muộn 1; chưa nộp 2." in out


def test_before_the_deadline_nobody_is_missing(project):
    data = json.loads(run(project, "--year", "2024", "--as-of", "2024-12-09", "--json").output)["result"]
    statuses = {b["body"]: b["label"] for b in data["bodies"]}
    assert statuses["SLDTBXH"] == ON_TIME
    assert statuses["SYT"] == NOT_DUE          # its report arrives on 10/12, after the as-of day
    assert statuses["SXD"] == NOT_DUE


def test_bad_as_of_is_a_usage_error(project):
    result = CliRunner().invoke(cli, ["--root", str(project), "status", "--year", "2024", "--as-of", "31/02/2024"])
    assert result.exit_code == 2
    assert "không có thật" in result.output


def test_2025_routes_to_successors_and_communes():
    frame = tracking_frame(fx.plan(), fx.registry(), [fx.submission("SNV", 2025, received="2025-12-12")], 2025,
                           date(2025, 12, 15))
    bodies = frame["body"].tolist()
    assert "SLDTBXH" not in bodies and "H_NGA_SON" not in bodies
    assert {"SNV", "SYT", "X_NGA_SON", "X_DONG_TIEN", "X_AN_NONG"} <= set(bodies)
    snv = frame[frame["body"] == "SNV"].iloc[0]
    assert snv["status"] == LATE and snv["days_late"] == 2
    communes = frame[frame["level"] == "địa phương"]["name"].tolist()
    assert communes == ["Ủy ban nhân dân xã An Nông", "Ủy ban nhân dân xã Đông Tiến", "Ủy ban nhân dân xã Nga Sơn"]


@pytest.mark.parametrize(("as_of", "days"), [(date(2025, 12, 10), 0), (date(2025, 12, 11), 1), (date(2025, 12, 20), 10)])
def test_a_missing_body_counts_its_days_from_the_deadline(as_of, days):
    """Missing on the deadline day: 0 days; each day after it counts (just inside, just outside)."""
    rows = tracking_rows(fx.plan(), fx.registry(), [], 2025, as_of)
    syt = next(r for r in rows if r.body == "SYT")
    assert (syt.status, syt.days_late) == (MISSING, days)
    assert tracking_frame(fx.plan(), fx.registry(), [], 2025, as_of).set_index("body").loc["SYT", "days_late"] == days
