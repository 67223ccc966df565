"""A whole season on loopback: 200 bodies upload at once, then the secretariat builds the report.

Bounded: one upload per body, all started together, each with a 120 s time-out. Checked
afterwards: no upload lost, every body accepted once, the database and `inputs/` agree
file by file, the secretariat's page counts 200 on time, and the consolidated report built from
the secretariat's page names the bodies' figures. Timing goes to `bench/serve.py`, not here.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import re
from datetime import date, datetime

import httpx
from click.testing import CliRunner
from serve_helpers import (
    SEASON,
    FakeClock,
    ThreadServer,
    make_project,
    minimal_submission,
    submission_bytes,
)
from sqlalchemy import func, select

from reportgen.cli import cli
from reportgen.load import load_project
from reportgen.serve.app import create_app
from reportgen.serve.models import Accepted, Version
from reportgen.serve.settings import Settings

BODIES = 200


async def _upload_all(base_url: str, jobs: list[tuple[str, str, bytes]]) -> list[int]:
    """Every body at once, each request on its own connection: open the page, post the file."""
    limits = httpx.Limits(max_connections=2 * BODIES, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        async def one(path: str, name: str, content: bytes) -> int:
            page = await client.get(path)
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            response = await client.post(path + "/nop", data={"csrf": token}, files={"tep": (name, content)})
            return response.status_code

        return await asyncio.gather(*(one(*job) for job in jobs))


def test_200_bodies_upload_at_once_and_the_season_ends_in_the_report(tmp_path):
    from docx import Document

    root = make_project(tmp_path, extra_communes=18)
    db = f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    result = CliRunner().invoke(cli, ["--root", str(root), "links", "--year", str(SEASON), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    issued = json.loads(result.stdout)["result"]["issued"]
    bodies = {i["agency"]: i["url"].split("/l/", 1)[1] for i in issued if i["agency"]}
    secretariat = next(i["url"].split("/l/", 1)[1] for i in issued if i["agency"] is None)
    assert len(bodies) == BODIES
    clock = FakeClock(datetime(2026, 12, 8, 1, 0))
    app = create_app(Settings(root=root, db_url=db, clock=clock))
    intake = app.state.intake
    base = intake.base()
    jobs = []
    for n, code in enumerate(sorted(bodies)):
        data = minimal_submission(base.plan, base.registry, code, SEASON, date(2026, 12, 7), number=n + 1)
        jobs.append((f"/l/{bodies[code]}", f"{code}.yaml", submission_bytes(data)))
    with ThreadServer(app) as server:
        statuses = asyncio.run(_upload_all(server.url, jobs))
        assert statuses == [303] * BODIES
        with intake.factory() as s:
            assert s.scalar(select(func.count(Version.id))) == BODIES
            assert s.scalar(select(func.count(Version.id)).where(Version.status == "accepted")) == BODIES
            accepted = {a.agency: a for a in s.scalars(select(Accepted))}
        assert set(accepted) == set(bodies)
        folder = root / "inputs" / "submissions" / str(SEASON)
        files = sorted(p.name for p in folder.iterdir())
        assert files == sorted(f"{code}.yaml" for code in bodies)
        for row in accepted.values():
            assert hashlib.sha256((folder / row.filename).read_bytes()).hexdigest() == row.file_sha256
        assert intake.mismatches(SEASON) == []
        project = load_project(root, year=SEASON)
        assert not project.errors
        assert sorted(s.agency for s in project.submissions_for(SEASON)) == sorted(bodies)
        assert {s.report.received for s in project.submissions_for(SEASON)} == {date(2026, 12, 8)}
        # the secretariat ends the season from its page: status, then the consolidated report
        with httpx.Client(base_url=server.url, timeout=300) as c:
            page = c.get(f"/l/{secretariat}")
            assert re.search(r'id="dem-dung-han">(\d+)<', page.text).group(1) == str(BODIES)
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            built = c.post(f"/l/{secretariat}/bao-cao-tong-hop", data={"csrf": token})
            assert built.status_code == 200, built.text[-3000:]
            docx = c.get(f"/l/{secretariat}/bao-cao-tong-hop.docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    assert "năm 2026" in text.lower() or "NĂM 2026" in text
    assert "Ủy ban nhân dân xã Thử Nghiệm 7" in text or "UBND xã Thử Nghiệm 7" in text
