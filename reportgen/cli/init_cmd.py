"""`reportgen init DIR [--samples]`: a new working folder from the inputs and templates bundled in the package.

Without `--samples` the folder holds what a province starts a cycle with: the plan, the
agency registry, the templates and one empty folder per year of the plan for the
submissions. `--samples` adds the demonstration data (invented submissions, the
secretariat's writing, an overlay, a plan amendment), every file marked `sample: true`, so
that no sample can be taken for a real report and a first real form never collides with one.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import click
import yaml

from .common import guarded

SAMPLE_FOLDERS = ("submissions", "overlays", "secretariat", "amendments")   # under inputs/: the demonstration data
IGNORED = ("__pycache__", "*.pyc", "~$*", ".~lock*")


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--samples", is_flag=True, help="Chép thêm dữ liệu mẫu (báo cáo mẫu của các đơn vị, phần viết "
              "của cơ quan đầu mối, phần riêng của một kế hoạch, một văn bản điều chỉnh kế hoạch) để dùng thử; "
              "văn bản tạo từ đó mang dấu «DỮ LIỆU MẪU».")
@click.option("--force", is_flag=True, help="Cho phép ghi vào thư mục đã có inputs/ hoặc templates/.")
@guarded
def init_cmd(directory: Path, samples: bool, force: bool) -> None:
    """Tạo thư mục làm việc DIRECTORY với inputs/, templates/ và outputs/ từ bản mẫu đi kèm."""
    bundled = resources.files("reportgen") / "bundled"
    for name in ("inputs", "templates"):
        target = directory / name
        if target.exists() and not force:
            raise click.ClickException(f"«{target}» đã tồn tại; dùng --force để ghi đè.")
    directory.mkdir(parents=True, exist_ok=True)
    with resources.as_file(bundled / "templates") as src:
        shutil.copytree(src, directory / "templates", dirs_exist_ok=True, ignore=shutil.ignore_patterns(*IGNORED))
    with resources.as_file(bundled / "inputs") as src:
        skipped = () if samples else SAMPLE_FOLDERS
        shutil.copytree(src, directory / "inputs", dirs_exist_ok=True,
                        ignore=_ignore(src, skipped))
        years = _plan_years(src / "plan.yaml")
    for folder in SAMPLE_FOLDERS:
        (directory / "inputs" / folder).mkdir(exist_ok=True)
    for year in years:
        (directory / "inputs" / "submissions" / str(year)).mkdir(exist_ok=True)
    (directory / "outputs").mkdir(exist_ok=True)
    span = f"{years[0]}…{years[-1]}" if years else ""
    if samples:
        click.echo(f"Đã tạo dự án tại «{directory}», kèm DỮ LIỆU MẪU (các tệp có sample: true; mọi văn bản tạo từ "
                   "đó mang dấu «DỮ LIỆU MẪU» ở đầu trang). Tiếp theo: "
                   f"cd {directory} && reportgen build")
    else:
        click.echo(f"Đã tạo dự án tại «{directory}»: kế hoạch, danh mục cơ quan, mẫu văn bản và các thư mục "
                   f"báo cáo còn trống inputs/submissions/{span}/. Tiếp theo: cd {directory} && "
                   "reportgen plan --all --year <năm> rồi reportgen forms --year <năm>.")


def _ignore(root: Path, skipped: tuple[str, ...]):
    """shutil.copytree's ignore: the usual junk, and the sample folders directly under inputs/."""
    junk = shutil.ignore_patterns(*IGNORED)

    def ignore(folder: str, names: list[str]) -> set[str]:
        out = set(junk(folder, names))
        if Path(folder) == Path(root):
            out.update(n for n in names if n in skipped)
        return out

    return ignore


def _plan_years(plan_file: Path) -> list[int]:
    """The years of the bundled plan's reporting period (none when it cannot be read)."""
    try:
        reporting = yaml.safe_load(plan_file.read_text(encoding="utf-8")).get("reporting", {})
        first, last = int(reporting["first_year"]), int(reporting["last_year"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, yaml.YAMLError):
        return []
    return list(range(first, last + 1)) if 0 < last - first < 100 else []
