"""Charts find the Times-like serif font however the machine was set up.

matplotlib lists fonts from a cache it writes on first use. When that cache was written
before fonts-liberation2 was installed (`make build` before `make test` on a fresh
machine), it lacks Liberation Serif and charts silently fall back to DejaVu Serif. These
tests recreate such a stale cache and check that the font is found anyway.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager

from reportgen.charts.style import font_files, register_serif_font

TIMES_LIKE = ("Times New Roman", "Liberation Serif")


def _installed_family() -> str:
    family = next((name for name in TIMES_LIKE if font_files(name)), None)
    if family is None:
        pytest.fail("no Times-like font on this machine: install fonts-liberation2 (make test does)")
    return family


def _without_times_like(manager: font_manager.FontManager) -> font_manager.FontManager:
    stale = copy.copy(manager)
    stale.ttflist = [f for f in manager.ttflist if f.name not in TIMES_LIKE]
    return stale


def test_font_files_lists_every_style_of_the_family():
    family = _installed_family()
    files = font_files(family)
    assert files and all(Path(f).is_file() for f in files)
    faces = {font_manager.FontProperties(fname=f).get_name() for f in files}
    assert faces == {family}


def test_a_manager_without_the_font_gets_it_registered():
    family = _installed_family()
    stale = _without_times_like(font_manager.fontManager)
    assert not {f.name for f in stale.ttflist} & set(TIMES_LIKE)
    assert register_serif_font(stale) == family
    found = stale.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found).name in {Path(f).name for f in font_files(family)}
    bold = stale.findfont(font_manager.FontProperties(family=family, weight="bold"), fallback_to_default=False)
    assert "Bold" in Path(bold).name or "bd" in Path(bold).name


def test_a_manager_that_has_the_font_is_left_alone():
    family = _installed_family()
    manager = copy.copy(font_manager.fontManager)
    before = len(manager.ttflist)
    if family not in {f.name for f in manager.ttflist}:
        register_serif_font(manager)
        before = len(manager.ttflist)
    assert register_serif_font(manager) in TIMES_LIKE
    assert len(manager.ttflist) == before


def test_charts_use_the_serif_font_with_a_stale_matplotlib_cache(tmp_path: Path):
    """The real scenario: a font cache written before the font was installed, in a new process."""
    family = _installed_family()
    stale = _without_times_like(font_manager.fontManager)
    cache = tmp_path / "mpl"
    cache.mkdir()
    font_manager.json_dump(stale, cache / f"fontlist-v{font_manager.FontManager.__version__}.json")
    script = (
        "from matplotlib import font_manager as fm\n"
        "assert not {f.name for f in fm.fontManager.ttflist} & {'Times New Roman', 'Liberation Serif'}\n"
        "from reportgen.charts.style import serif_font\n"
        "from reportgen.charts import tracking_chart\n"
        "tracking_chart([('Cấp tỉnh', {'đúng hạn': 1})])\n"
        "print(serif_font())\n"
        "print(fm.findfont(fm.FontProperties(family=serif_font()), fallback_to_default=False))\n"
    )
    env = {**os.environ, "MPLCONFIGDIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    name, path = done.stdout.split("\n")[:2]
    assert name == family
    assert Path(path).name in {Path(f).name for f in font_files(family)}
