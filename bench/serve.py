"""Load test of `reportgen serve` on loopback: N bodies upload at once; p95 response time.

Run by hand: `.venv/bin/python bench/serve.py [--bodies 200] [--format yaml|xlsx] [--db sqlite|postgresql]`.
Makes a project (the bundled plan and registry, synthetic communes added to reach N bodies),
issues the links with `reportgen links`, starts `reportgen serve` in its own process on
127.0.0.1 (PostgreSQL: a throw-away server started in a temporary folder), then:

- baseline: 10 bodies upload one after another (an idle server);
- load: all N bodies open their page and upload at the same moment (one upload each).

Prints the upload response times (median, p95, max) of both, `ratio` = load p95 / baseline
median, and checks that nothing was lost: N + 10 versions, N accepted, and every file in
inputs/ the one the database recorded. Bounded: N requests pairs, 300 s time-out each.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from serve_helpers import (  # noqa: E402
    PostgresServer,
    ProcessServer,
    make_project,
    minimal_submission,
    submission_bytes,
)
from sqlalchemy import create_engine, func, select  # noqa: E402

from reportgen.cli import cli  # noqa: E402
from reportgen.load import load_project  # noqa: E402
from reportgen.model.routing import expected_reporters  # noqa: E402
from reportgen.serve.clock import local_day, utcnow  # noqa: E402
from reportgen.serve.models import Accepted, Version  # noqa: E402

BASELINE = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=200)
    parser.add_argument("--format", choices=["yaml", "xlsx"], default="xlsx")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    today = local_day(utcnow())
    year = today.year if 2024 <= today.year <= 2030 else 2026
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-serve-") as tmp, ExitStack() as stack:
        base_project = load_project(ROOT, year=0)
        have = len(expected_reporters(base_project.plan, base_project.registry, year))
        root = make_project(Path(tmp) / "p", extra_communes=max(0, args.bodies - have))
        if args.db == "postgresql":
            url = stack.enter_context(PostgresServer()).url
        else:
            url = f"sqlite:///{Path(tmp) / 'intake.sqlite3'}"
        out = CliRunner().invoke(cli, ["--root", str(root), "links", "--year", str(year), "--db", url, "--json"])
        assert out.exit_code == 0, out.output
        links = {i["agency"]: "/l/" + i["url"].split("/l/", 1)[1] for i in json.loads(out.stdout)["result"]["issued"] if i["agency"]}
        codes = sorted(links)[: args.bodies]
        project = load_project(root, year=0)
        server = stack.enter_context(ProcessServer(root, url))
        print(f"{len(codes)} bodies, {args.format} uploads, {args.db}, `reportgen serve` on {server.url}")
        t = time.perf_counter()
        files = prepare(server.url, project, links, codes, year, today, args.format)
        print(f"prepared {len(files)} files in {time.perf_counter() - t:.1f} s")
        base = asyncio.run(run(server.url, [(links[c], files[c]) for c in codes[:BASELINE]], concurrent=False))
        t = time.perf_counter()
        load = asyncio.run(run(server.url, [(links[c], files[c]) for c in codes], concurrent=True))
        wall = time.perf_counter() - t
        report("baseline (one at a time)", base)
        report(f"load ({len(codes)} at once)", load)
        print(f"load: {len(codes)} uploads in {wall:.1f} s ({len(codes) / wall:.1f} uploads/s)")
        print(f"ratio: {percentile(load, 95) / statistics.median(base):.1f} (load p95 / baseline median)")
        check(root, url, year, codes, expected_versions=len(codes) + BASELINE)


def prepare(url: str, project, links: dict, codes: list[str], year: int, today, fmt: str) -> dict[str, tuple]:
    """Each body's file: a valid report, as YAML or as its own form filled in."""
    from test_forms_fixture import fill_form

    from reportgen.model import Submission

    out = {}
    with httpx.Client(base_url=url, timeout=300) as client:
        for n, code in enumerate(codes):
            data = minimal_submission(project.plan, project.registry, code, year, today, number=n + 1)
            if fmt == "yaml":
                out[code] = (f"{code}.yaml", submission_bytes(data))
            else:
                form = client.get(links[code] + "/bieu-mau").content
                out[code] = (f"{code}.xlsx", fill_form(form, Submission.model_validate(data), project.plan))
    return out


async def run(url: str, jobs: list[tuple[str, tuple[str, bytes]]], *, concurrent: bool) -> list[float]:
    """Upload times in seconds (the POST, from send to answer); every answer must be 303.

    Each request opens its own connection (no keep-alive), as 200 offices would.
    """
    limits = httpx.Limits(max_connections=2 * len(jobs) + 1, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        async def one(path: str, file: tuple[str, bytes]) -> float:
            page = await client.get(path)
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            t = time.perf_counter()
            response = await client.post(path + "/nop", data={"csrf": token}, files={"tep": file})
            elapsed = time.perf_counter() - t
            assert response.status_code == 303, (response.status_code, response.text[-500:])
            return elapsed

        if concurrent:
            return list(await asyncio.gather(*(one(*job) for job in jobs)))
        return [await one(*job) for job in jobs]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, p95 {percentile(times, 95) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")


def check(root: Path, url: str, year: int, codes: list[str], expected_versions: int) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        versions = conn.execute(select(func.count()).select_from(Version)).scalar()
        accepted = {r.agency: r for r in conn.execute(select(Accepted)).all()}
    engine.dispose()
    folder = root / "inputs" / "submissions" / str(year)
    bad = [c for c, r in accepted.items()
           if hashlib.sha256((folder / r.filename).read_bytes()).hexdigest() != r.file_sha256]
    files = sorted(p.name for p in folder.iterdir())
    ok = versions == expected_versions and sorted(accepted) == sorted(codes) and not bad \
        and files == sorted(f"{c}.yaml" for c in codes)
    print(f"check: {versions} versions (expected {expected_versions}), {len(accepted)} accepted, "
          f"{len(files)} files in inputs/, {len(bad)} files differing from the database — {'OK' if ok else 'LOST DATA'}")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
