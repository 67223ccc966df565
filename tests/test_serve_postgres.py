"""`reportgen serve` on a real PostgreSQL: Debian's server started in a temporary folder on loopback.

The migrations create exactly the models' schema (and go back down), and a season runs
through the real commands: `reportgen links --db postgresql://…`, two `reportgen serve`
processes on the same database taking uploads for the same bodies at once (version numbers
stay unique, nothing is lost, the database and `inputs/` agree), and `links --revoke`.
"""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from click.testing import CliRunner
from serve_helpers import (
    PostgresServer,
    ProcessServer,
    make_project,
    minimal_submission,
    submission_bytes,
)
from sqlalchemy import create_engine, func, select, text

from reportgen.cli import cli
from reportgen.load import load_project
from reportgen.serve.clock import local_day, utcnow
from reportgen.serve.models import Accepted, Base, Version

TODAY = local_day(utcnow())
YEAR = TODAY.year if 2024 <= TODAY.year <= 2030 else 2026     # a report signed today is then valid


@pytest.fixture(scope="module")
def pg():
    with PostgresServer() as server:
        yield server


def test_migrations_build_the_models_schema_and_go_back_down(pg):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext

    from reportgen.serve.db import MIGRATIONS, open_database

    engine = open_database(pg.url)
    open_database(pg.url).dispose()                       # a second start finds nothing to do
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
        conn.commit()
        tables = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
        assert tables == {"alembic_version"}
    engine.dispose()
    open_database(pg.url).dispose()                       # and up again


def _upload(base: str, path: str, name: str, content: bytes) -> int:
    with httpx.Client(base_url=base, timeout=120) as c:
        page = c.get(path)
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
        return c.post(path + "/nop", data={"csrf": token}, files={"tep": (name, content)}).status_code


def test_a_season_on_postgres_with_two_server_processes(pg, tmp_path):
    root = make_project(tmp_path)
    run = CliRunner().invoke(cli, ["--root", str(root), "links", "--year", str(YEAR), "--db", pg.url, "--json"])
    assert run.exit_code == 0, run.output
    issued = json.loads(run.stdout)["result"]["issued"]
    links = {i["agency"]: (i["code"], "/l/" + i["url"].split("/l/", 1)[1]) for i in issued}
    engine = create_engine(pg.url)
    base = load_project(root, year=0)
    codes = [c for c in links if c][:30]
    jobs = []
    for code in codes:
        data = minimal_submission(base.plan, base.registry, code, YEAR, TODAY)
        jobs += [(code, submission_bytes(data))] * (3 if code == codes[0] else 1)
    with ProcessServer(root, pg.url) as one, ProcessServer(root, pg.url) as two:
        servers = [one.url, two.url]
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            statuses = list(pool.map(lambda ij: _upload(servers[ij[0] % 2], links[ij[1][0]][1], f"{ij[1][0]}.yaml",
                                                        ij[1][1]), enumerate(jobs)))
        assert statuses == [303] * len(jobs)
        with engine.connect() as conn:
            numbers = conn.execute(select(Version.agency, Version.number).order_by(Version.agency, Version.number)).all()
            assert sorted(numbers) == sorted([(codes[0], n) for n in (1, 2, 3)] + [(c, 1) for c in codes[1:]])
            accepted = {r.agency: r for r in conn.execute(select(Accepted)).all()}
            assert conn.execute(select(func.count()).select_from(Version).where(Version.status == "accepted")).scalar() \
                == len(jobs)
        folder = root / "inputs" / "submissions" / str(YEAR)
        assert sorted(p.name for p in folder.iterdir()) == sorted(f"{c}.yaml" for c in codes)
        for row in accepted.values():
            assert hashlib.sha256((folder / row.filename).read_bytes()).hexdigest() == row.file_sha256
        project = load_project(root, year=YEAR)
        assert not project.errors and len(project.submissions_for(YEAR)) == len(codes)
        # the secretariat's page on the other process sees the same season
        with httpx.Client(base_url=two.url) as c:
            page = c.get(links[None][1])
            assert page.status_code == 200 and "Tình hình nộp báo cáo năm" in page.text
            assert len(re.findall(r'<tr data-body="', page.text)) == len(links) - 1
        # revoke a body's link with the command; both processes then answer 404
        code, path = links[codes[1]]
        revoked = CliRunner().invoke(cli, ["--root", str(root), "links", "--revoke", code.lower(), "--db", pg.url])
        assert revoked.exit_code == 0 and code in revoked.output
        for url in servers:
            assert httpx.get(url + path).status_code == 404
    engine.dispose()
