"""The look every chart shares: a Times-like serif font, decimal-comma ticks, deterministic PNG."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)

from matplotlib import font_manager, rc_context  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ..vn import format_number  # noqa: E402

DPI = 300
PREFERRED_FONTS = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
FONT_SIZE = 9
CM = 1 / 2.54
TEXT_WIDTH_CM = 15.5            # A4 minus the decree's 35 mm + 20 mm margins

COLOR_MET = "#1f4e79"           # dark: reads as black-ish when printed in grey
COLOR_NOT_MET = "#8fb4d9"
COLOR_LATE = "#d9a441"
COLOR_MISSING = "#b23a3a"
COLOR_NOT_DUE = "#bfbfbf"
COLOR_GRID = "#d0d0d0"


# Where the two Times-like fonts live when fontconfig cannot say (Debian/Ubuntu, Fedora, Windows, macOS).
KNOWN_FONT_FILES = {
    "Times New Roman": ("/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
                        "C:/Windows/Fonts/times.ttf", "/Library/Fonts/Times New Roman.ttf",
                        "/System/Library/Fonts/Supplemental/Times New Roman.ttf"),
    "Liberation Serif": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                         "/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf",
                         "/usr/share/fonts/liberation/LiberationSerif-Regular.ttf"),
}


@lru_cache(maxsize=1)
def serif_font() -> str:
    """The Times-like font charts use: Times New Roman or Liberation Serif (metric-compatible).

    matplotlib lists fonts from a cache written the first time it ran; a font installed
    after that (say `make build` ran before `make test` installed fonts-liberation2) is
    missing from it, and charts would silently fall back to DejaVu Serif. So a font the
    cache lacks is looked up on the system and registered (`register_serif_font`).
    """
    return register_serif_font(font_manager.fontManager)


def register_serif_font(manager: font_manager.FontManager) -> str:
    """The first of `PREFERRED_FONTS` that `manager` knows, registering a Times-like font file it lacks."""
    installed = {f.name for f in manager.ttflist}
    for name in PREFERRED_FONTS[:-1]:
        if name in installed:
            return name
    for name in PREFERRED_FONTS[:-1]:
        files = font_files(name)
        for path in files:
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):   # unreadable or not a font: try the next
                continue
        if name in {f.name for f in manager.ttflist}:
            return name
    return next((name for name in PREFERRED_FONTS if name in installed), "serif")


def font_files(family: str) -> list[str]:
    """The files of `family` (every style) that fontconfig lists, else the known paths and their siblings."""
    files = _fontconfig_files(family)
    if files:
        return files
    found: list[str] = []
    for known in KNOWN_FONT_FILES.get(family, ()):
        path = Path(known)
        if path.is_file():
            stem = path.stem.split("-")[0]
            found.extend(str(p) for p in sorted(path.parent.glob(f"{stem}*{path.suffix}")))
            break
    return found


def _fontconfig_files(family: str) -> list[str]:
    """`fc-list` for exactly `family` (fc-match would answer with a substitute)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        done = subprocess.run([exe, "-f", "%{file}\n", f":family={family}"], capture_output=True, text=True,
                              timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(line for line in done.stdout.splitlines() if line.lower().endswith((".ttf", ".otf")))


@contextmanager
def chart_style() -> Iterator[None]:
    """rc settings for one chart, restored afterwards (no global state left behind)."""
    with rc_context({
        "font.family": serif_font(),
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE + 1,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,      # nothing under 9 pt in a printed document
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.formatter.use_locale": False,
        "svg.hashsalt": "reportgen",
        "path.simplify": True,
    }):
        yield


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A figure with its own Agg canvas (not registered with pyplot)."""
    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def decimal_comma(places: int = 0, suffix: str = "") -> FuncFormatter:
    """Tick labels in Vietnamese form: `12,5`, `1.000`, optionally with a suffix (`%`)."""
    return FuncFormatter(lambda x, _pos: format_number(round(float(x), places), places) + suffix)


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG at 300 dpi, with no software/date metadata (byte-identical reruns)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with `…` when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
