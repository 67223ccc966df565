"""Shared fixtures: a throw-away copy of the bundled project for tests that change inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the bundled inputs and templates in a temporary folder (outputs/ empty)."""
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, tmp_path / name)
    (tmp_path / "outputs").mkdir()
    return tmp_path
