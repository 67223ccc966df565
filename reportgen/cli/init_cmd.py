"""`reportgen init DIR [--samples]`: a new working folder from the inputs and templates bundled in the package.

Without `--samples` the folder holds what a province starts a cycle with: the plan, the
agency registry, the templates and one empty folder per year of the plan for the
submissions. `--samples` adds the demonstration data (invented submissions, the
secretariat's writing, an overlay, a plan amendment), every file marked `sample: true`, so
that no sample can be taken for a real report and a first real form never collides with one.

Nothing a person wrote is lost: a file already in the folder that differs from the
bundled one stops `init`, which lists every such file; `--force` first copies each of
them into `.reportgen-backup/<date-time>/`, keeping its place under the folder.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import click
import yaml

from ..errors import OutputExistsError, Problem
from .base import command
from .common import guarded
from .output import finish
from .params import FOLDER

SAMPLE_FOLDERS = ("submissions", "overlays", "secretariat", "amendments")   # under inputs/: the demonstration data
IGNORED = ("__pycache__", "*.pyc", "~$*", ".~lock*")
BACKUP_FOLDER = ".reportgen-backup"
MAX_LISTED = 10


@command("init", examples=[
    ("reportgen init thanhhoa", "thư mục làm việc mới «thanhhoa»: kế hoạch, danh mục cơ quan, mẫu văn bản"),
    ("reportgen init thu-nghiem --samples", "kèm dữ liệu mẫu để dùng thử (văn bản mang dấu «DỮ LIỆU MẪU»)"),
])
@click.argument("directory", type=FOLDER, metavar="THƯ_MỤC")
@click.option("--samples", is_flag=True, help="Chép thêm dữ liệu mẫu (báo cáo mẫu của các đơn vị, phần viết "
              "của cơ quan đầu mối, phần riêng của một kế hoạch, một văn bản điều chỉnh kế hoạch) để dùng thử; "
              "văn bản tạo từ đó mang dấu «DỮ LIỆU MẪU».")
@click.option("--force", is_flag=True, help="Thay cả các tệp đã có mà khác bản đi kèm; bản cũ được giữ trong "
              f"{BACKUP_FOLDER}/<ngày-giờ>/.")
@click.pass_context
@guarded
def init_cmd(ctx: click.Context, directory: Path, samples: bool, force: bool) -> None:
    """Tạo thư mục làm việc THƯ_MỤC với inputs/, templates/ và outputs/ từ bản đi kèm.

    Không bao giờ ghi đè tệp đã có: nếu THƯ_MỤC đã có tệp khác bản đi kèm, lệnh dừng và liệt
    kê các tệp đó; --force thay chúng sau khi chép bản cũ vào .reportgen-backup/.
    """
    bundled = resources.files("reportgen") / "bundled"
    with resources.as_file(bundled) as src:
        wanted = _bundled_files(src, samples)
        changed = [rel for rel, source in wanted.items()
                   if (directory / rel).exists() and not _same(directory / rel, source)]
        if changed and not force:
            listed = [Problem("tệp đã có và khác bản đi kèm; reportgen không ghi đè (dùng --force để thay, "
                              f"bản cũ được giữ trong {BACKUP_FOLDER}/)", file=(directory / rel).as_posix(),
                              code="output.exists") for rel in changed[:MAX_LISTED]]
            if len(changed) > MAX_LISTED:
                listed.append(Problem(f"… và {len(changed) - MAX_LISTED} tệp khác đã có", code="output.exists"))
            raise OutputExistsError(listed)
        backups = _back_up(directory, changed) if changed else []
        created = []
        for rel, source in wanted.items():
            target = directory / rel
            if target.exists() and _same(target, source):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            created.append(rel.as_posix())
        years = _plan_years(src / "inputs" / "plan.yaml")
    for folder in SAMPLE_FOLDERS:
        (directory / "inputs" / folder).mkdir(parents=True, exist_ok=True)
    for year in years:
        (directory / "inputs" / "submissions" / str(year)).mkdir(exist_ok=True)
    (directory / "outputs").mkdir(exist_ok=True)
    finish(ctx, result={"folder": str(directory), "samples": samples, "created": created,
                        "backups": [p.as_posix() for p in backups]},
           closing=_closing(directory, samples, years, backups))


def _bundled_files(src: Path, samples: bool) -> dict[Path, Path]:
    """Relative path in the new folder → bundled file, for inputs/ (samples only when asked) and templates/."""
    out: dict[Path, Path] = {}
    for top in ("inputs", "templates"):
        for path in sorted((src / top).rglob("*")):
            rel = path.relative_to(src)
            if path.is_dir() or any(part == "__pycache__" for part in rel.parts):
                continue
            if path.name.endswith(".pyc") or path.name.startswith(("~$", ".~lock")):
                continue
            if top == "inputs" and not samples and len(rel.parts) > 2 and rel.parts[1] in SAMPLE_FOLDERS:
                continue
            out[rel] = path
    return out


def _same(a: Path, b: Path) -> bool:
    return a.is_file() and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _back_up(directory: Path, changed: list[Path]) -> list[Path]:
    """Copy each changed file to `.reportgen-backup/<YYYYmmdd-HHMMSS>/<its path>`; the copies, relative to `directory`."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")   # a clock read only to name the backup folder
    folder = Path(BACKUP_FOLDER) / stamp
    n = 1
    while (directory / folder).exists():
        n += 1
        folder = Path(BACKUP_FOLDER) / f"{stamp}-{n}"
    out = []
    for rel in changed:
        target = directory / folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(directory / rel, target)
        out.append(folder / rel)
    return out


def _closing(directory: Path, samples: bool, years: list[int], backups: list[Path]) -> str:
    here = os.path.abspath(directory) == os.path.abspath(os.getcwd())
    go = "" if here else f"cd {_quoted(directory)} && "
    lines = []
    if backups:
        lines.append(f"Đã giữ {len(backups)} tệp cũ trong {(directory / backups[0].parts[0] / backups[0].parts[1]).as_posix()}/.")
    if samples:
        lines.append(f"Đã tạo dự án tại «{directory}», kèm DỮ LIỆU MẪU (các tệp có sample: true; mọi văn bản tạo từ đó "
                     f"mang dấu «DỮ LIỆU MẪU» ở đầu trang). Tiếp theo: {go}reportgen build")
    else:
        span = f"{years[0]}…{years[-1]}" if years else "<năm>"
        year = "<năm>"
        lines.append(f"Đã tạo dự án tại «{directory}»: kế hoạch, danh mục cơ quan, mẫu văn bản và các thư mục báo cáo "
                     f"còn trống inputs/submissions/{span}/. Tiếp theo: {go}reportgen plan --all --year {year} "
                     f"rồi reportgen forms --year {year}")
    return "\n".join(lines)


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _plan_years(plan_file: Path) -> list[int]:
    """The years of the bundled plan's reporting period (none when it cannot be read)."""
    try:
        reporting = yaml.safe_load(plan_file.read_text(encoding="utf-8")).get("reporting", {})
        first, last = int(reporting["first_year"]), int(reporting["last_year"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, yaml.YAMLError):
        return []
    return list(range(first, last + 1)) if 0 < last - first < 100 else []
