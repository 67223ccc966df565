"""Benchmark: reportgen's render engine against a plain docxtpl loop, same templates and contexts.

    .venv/bin/python bench/render.py [--year Y] [--synthetic N] [--workers W]

Renders every agency plan of year Y (default: the latest year with submissions) of the
bundled project, plus N synthetic commune plans, twice in the same process:

* plain: `DocxTemplate(path).render(context, env); save()` for each document, one core;
* reportgen: `render_batch` (templates compiled once, parts rendered without python-docx,
  a process pool on every core).

It checks that every reportgen document is byte-identical to a single in-process render
of the same context, prints both times, and prints `ratio: X` (plain / reportgen) last.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from reportgen.documents.agency_plan import plans_for_year  # noqa: E402
from reportgen.load import load_project  # noqa: E402
from reportgen.pipeline import default_year, template_folders  # noqa: E402
from reportgen.render import Renderer, RenderJob, make_environment, render_batch, worker_count  # noqa: E402


def main() -> None:
    args = _arguments()
    root = ROOT / "reportgen" / "bundled"
    year = args.year or default_year(root)
    project = load_project(root, year=year)
    project.require_valid()
    specs = plans_for_year(project, year)
    jobs = [RenderJob(s.template, s.context, s.properties, Path(s.filename), s.label) for s in specs]
    jobs += _synthetic(jobs, args.synthetic)
    folders = template_folders(root)
    print(f"{len(jobs)} kế hoạch năm {year} ({args.synthetic} kế hoạch xã tổng hợp), "
          f"{worker_count(args.workers, len(jobs))} tiến trình")

    start = time.perf_counter()
    plain = _plain_docxtpl(jobs, Renderer(folders))
    plain_time = time.perf_counter() - start
    print(f"plain docxtpl: {plain_time:.2f} s ({plain_time / len(jobs) * 1000:.1f} ms/văn bản)")

    start = time.perf_counter()
    fast = render_batch(Renderer(folders), jobs, workers=args.workers)
    fast_time = time.perf_counter() - start
    print(f"reportgen:     {fast_time:.2f} s ({fast_time / len(jobs) * 1000:.1f} ms/văn bản)")

    single = Renderer(folders)
    different = [j.label for j, data in zip(jobs, fast, strict=True)
                 if single.render(j.template, j.context, j.properties) != data]
    if different:
        raise SystemExit(f"KHÁC với lần điền đơn lẻ: {', '.join(different[:5])}")
    print(f"byte-identical to a single render: {len(fast)}/{len(jobs)}")
    if len(plain) != len(jobs):
        raise SystemExit("plain docxtpl did not render every document")
    print(f"ratio: {plain_time / fast_time:.2f}")


def _plain_docxtpl(jobs: list[RenderJob], renderer: Renderer) -> list[bytes]:
    """The baseline: what a plain docxtpl loop does for each document (same sandboxed environment)."""
    env = make_environment()
    out = []
    for job in jobs:
        tpl = DocxTemplate(str(renderer.template_path(job.template)))
        tpl.render(job.context, jinja_env=env, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        out.append(buf.getvalue())
    return out


def _synthetic(jobs: list[RenderJob], count: int) -> list[RenderJob]:
    """`count` commune plans made from a real commune's plan, each with its own name and number."""
    if count <= 0:
        return []
    base = next((j for j in jobs if j.context["agency"]["code"].startswith("UBND_X_")), jobs[-1])
    out = []
    for i in range(1, count + 1):
        context = copy.deepcopy(base.context)
        name = f"Xã Tổng Hợp {i:03d}"
        context["agency"].update({"code": f"UBND_X_TH{i:03d}", "name": f"Ủy ban nhân dân {name.lower()}",
                                  "short": f"UBND {name.lower()}"})
        context["header"]["issuer_lines"] = ["ỦY BAN NHÂN DÂN", name.upper()]
        context["header"]["issuer_rule_text"] = name.upper()
        out.append(RenderJob(base.template, context, base.properties, Path(f"KH-TH{i:03d}.docx"), name))
    return out


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--synthetic", type=int, default=0, metavar="N")
    parser.add_argument("--workers", type=int, default=None)
    return parser.parse_args()


if __name__ == "__main__":
    main()
