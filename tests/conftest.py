"""Shared fixtures: a throw-away copy of the bundled project for tests that change inputs.

Also the guard that no input in the test suite reaches the CLI's last-resort handler:
every internal error saves its trace under `REPORTGEN_CRASH_DIR` (set here for the whole
session, so subprocesses inherit it), and a test after which a trace appears fails with
that trace. Tests that provoke an internal error on purpose are marked `internal_error`
and get their own folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
CRASH_DIR = Path(tempfile.mkdtemp(prefix="reportgen-test-crashes-"))


def pytest_configure(config: pytest.Config) -> None:
    os.environ["REPORTGEN_CRASH_DIR"] = str(CRASH_DIR)
    config.addinivalue_line("markers", "internal_error: the test provokes the CLI's last-resort handler on purpose")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(CRASH_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def no_internal_error(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch):
    """Fail a test during which reportgen hit its last-resort handler (exit 3)."""
    if request.node.get_closest_marker("internal_error"):
        monkeypatch.setenv("REPORTGEN_CRASH_DIR", str(tmp_path_factory.mktemp("crashes")))
        yield
        return
    before = set(CRASH_DIR.iterdir())
    yield
    new = sorted(set(CRASH_DIR.iterdir()) - before)
    if new:
        traces = "\n".join(p.read_text(encoding="utf-8") for p in new)
        for p in new:
            p.unlink()
        pytest.fail(f"reportgen hit its last-resort handler (exit 3) during this test:\n{traces}")


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the bundled inputs and templates in a temporary folder (outputs/ empty)."""
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, tmp_path / name)
    (tmp_path / "outputs").mkdir()
    return tmp_path
