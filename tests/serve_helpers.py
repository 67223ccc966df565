"""Helpers for the `reportgen serve` tests and `bench/serve.py`: projects, servers, PostgreSQL.

- `make_project(dir, extra_communes=N)`: the bundled plan and registry (N synthetic communes
  added), no submissions for the season year.
- `minimal_submission(...)`: a valid report for any body, built from the plan's routing.
- `ThreadServer`: uvicorn in a thread on a free loopback port (the app object is ours, so a
  test can give it a fake clock); `ProcessServer`: `reportgen serve` in a child process.
- `PostgresServer`: Debian's PostgreSQL started in a temporary folder on 127.0.0.1 (initdb and
  pg_ctl run as the `postgres` user when the tests run as root), stopped afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
SEASON = 2026


def make_project(folder: Path, *, extra_communes: int = 0) -> Path:
    """A project folder: bundled inputs and templates, `extra_communes` more communes, no 2026 reports."""
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, folder / name)
    (folder / "outputs").mkdir(exist_ok=True)
    if extra_communes:
        path = folder / "inputs" / "agencies.yaml"
        data = yaml.safe_load(path.read_text("utf-8"))
        model = next(a for a in data["agencies"] if a.get("kind") == "ubnd-xa")
        for i in range(1, extra_communes + 1):
            place = f"Thử Nghiệm {i}"
            data["agencies"].append({**model, "code": f"XA_THU_NGHIEM_{i}", "name": f"Ủy ban nhân dân xã {place}",
                                     "place": place, "short_name": f"UBND xã {place}",
                                     "header_lines": ["ỦY BAN NHÂN DÂN", f"XÃ {place.upper()}"]})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def minimal_submission(plan, registry, code: str, year: int, day: date, number: int = 1) -> dict[str, Any]:
    """A valid report for `code`: each led task in progress, each indicator with a note instead of a figure."""
    from reportgen.model.routing import indicators_of_body, tasks_of_body

    led, _ = tasks_of_body(plan, registry, code, year)
    agency = registry[code]
    signer = {"title": agency.head_title.upper(), "name": "Nguyễn Văn An"}    # the head signs
    if agency.authority:
        signer["authority"] = agency.authority.upper()
    return {
        "agency": code, "year": year,
        "report": {"number": number, "date": day.isoformat(), "signer": signer},
        "tasks": [{"task": t.code, "status": "đang thực hiện", "results": [f"Triển khai nhiệm vụ {t.code} theo kế hoạch."]}
                  for t in led],
        "figures": [{"indicator": c, "note": "Chưa có số liệu chính thức."} for c in indicators_of_body(plan, registry, code, year)],
        "difficulties": ["Nguồn lực còn hạn chế."],
    }


def submission_bytes(data: dict) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60, proc: subprocess.Popen | None = None) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"no answer from {url}")


class FakeClock:
    """A settable clock (naive UTC) for the in-thread server."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


class ThreadServer:
    """uvicorn serving `app` in a thread on 127.0.0.1 (a free port)."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        wait_http(self.url + "/")
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


class ProcessServer:
    """`reportgen --root ROOT serve` in a child process on a free port."""

    def __init__(self, root: Path, db_url: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = [sys.executable, "-c", "from reportgen.cli import main; main()", "--root", str(root),
                     "serve", "--port", str(self.port), "--db", db_url]
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> ProcessServer:
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     stdin=subprocess.DEVNULL)
        wait_http(self.url + "/", proc=self.proc)
        return self

    def __exit__(self, *exc) -> None:
        assert self.proc is not None
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def pg_bin(name: str) -> str:
    """A PostgreSQL server program (Debian keeps them in /usr/lib/postgresql/<version>/bin)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    raise FileNotFoundError(f"{name} not found: install Debian's postgresql package (make system-deps)")


class PostgresServer:
    """A throw-away PostgreSQL cluster on 127.0.0.1, trust authentication, one database `reportgen`."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="reportgen-pg-"))
        self.data = self.folder / "data"
        self.user = None if os.geteuid() != 0 else "postgres"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/reportgen"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120,
                              stdin=subprocess.DEVNULL, cwd=self.folder)

    def __enter__(self) -> PostgresServer:
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        self._run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} "
                   "-c fsync=off -c max_connections=200 -c shared_buffers=64MB")
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "-t", "60", "start")
        self._run(pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "reportgen")
        return self

    def __exit__(self, *exc) -> None:
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
