"""Time the consolidated report over N synthetic reporting bodies: compute, context, render.

Run by hand: `.venv/bin/python bench/consolidate.py --n 3321` (every commune-level unit in
the country). The bundled plan's tasks and indicators are reused; the province's communes
are replaced by N synthetic ones (kind `ubnd-xa`), each reporting on the tasks routed to it,
on a few indicators (so that conflicting figures occur), with a figure for every metric
of its tasks, its own plan and a receipt date (most on time, some late, some missing).
The provincial bodies report as well.

Each size runs in its own child process, so its peak memory is its own. Prints seconds
per stage and peak memory for the baseline (`--baseline`, default 166) and for N, then the
growth: the ratio of time per body at N to time per body at the baseline (1.0 = linear).
Goal: N = 3321 in under 10 s including render, cost growing linearly, peak memory < 500 MB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEAR = 2025
RESULTS = [
    "Tổ chức {a} hội nghị quán triệt, triển khai Kế hoạch cho {b} cán bộ, công chức.",
    "Cập nhật, làm sạch dữ liệu đối tượng chính sách, kết nối với cơ sở dữ liệu quốc gia về dân cư.",
    "Giải quyết việc làm mới cho {b} lao động; tổ chức {a} phiên giao dịch việc làm.",
    "Ban hành kế hoạch của đơn vị; định kỳ báo cáo kết quả thực hiện.",
]
TEXTS = {
    "strengths": ["Công tác phối hợp giữa các cơ quan, đơn vị được tăng cường.",
                  "Các chính sách xã hội được triển khai đầy đủ, kịp thời."],
    "difficulties": ["Nguồn lực thực hiện còn hạn chế.", "Đội ngũ cán bộ cơ sở còn thiếu."],
    "causes": ["Kinh phí bố trí còn thấp so với nhu cầu."],
    "proposals": ["Đề nghị bố trí kinh phí thực hiện các chương trình."],
    "next_year": ["Đẩy mạnh chuyển đổi số trong quản lý đối tượng chính sách."],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3321, help="synthetic reporting bodies (communes)")
    parser.add_argument("--baseline", type=int, default=166, help="size of the baseline run")
    parser.add_argument("--out", type=Path, help="also write the N-body report here")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    runs = []
    for n in dict.fromkeys([args.baseline, args.n]):
        with ctx.Pool(1) as pool:
            runs.append(pool.apply(run, (n, args.out if n == args.n else None)))
    for r in runs:
        stages = "  ".join(f"{k} {v:.2f} s" for k, v in r["stages"].items())
        print(f"n={r['n']:>5}: {stages}  | total {r['total']:.2f} s (generating inputs: {r['generated']:.1f} s) | "
              f"peak RSS {r['peak_mb']:.0f} MB | {r['pages_hint']}")
    if len(runs) == 2:
        base, big = runs
        size = big["n"] / base["n"]
        print(f"growth {base['n']} → {big['n']} (×{size:.1f} bodies):")
        for k in big["stages"]:
            t0, t1 = base["stages"][k], big["stages"][k]
            print(f"  {k:<8} ×{t1 / t0:5.1f} time, per body ×{(t1 / t0) / size:.2f}")
        print(f"  total    ×{big['total'] / base['total']:5.1f} time, per body ×{big['total'] / base['total'] / size:.2f}"
              f"  (1.00 = linear)")
    big = runs[-1]
    verdict = "OK" if big["total"] < 10 and big["peak_mb"] < 500 else "OVER GOAL"
    print(f"goal n={big['n']}: total {big['total']:.2f} s (< 10 s), peak {big['peak_mb']:.0f} MB (< 500 MB): {verdict}")


def run(n: int, out: Path | None) -> dict:
    """Generate, then time each stage for `n` synthetic bodies (in a fresh child process)."""
    from reportgen.charts.embed import add_pictures
    from reportgen.compute import consolidate
    from reportgen.documents.consolidated import TEMPLATE, consolidated_context
    from reportgen.render import Renderer

    t = time.perf_counter()
    plan, registry, submissions = synthetic(n)
    generated = time.perf_counter() - t
    stages: dict[str, float] = {}
    renderer = Renderer()
    renderer.prepare([TEMPLATE])

    t = time.perf_counter()
    result = consolidate(plan, registry, submissions, YEAR)
    stages["compute"] = time.perf_counter() - t
    t = time.perf_counter()
    document = consolidated_context(plan, registry, result)
    stages["context"] = time.perf_counter() - t
    t = time.perf_counter()
    data = renderer.render(TEMPLATE, document.context, document.properties)
    data = add_pictures(data, document.pictures)
    stages["render"] = time.perf_counter() - t
    if out is not None:
        out.write_bytes(data)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "stages": stages, "total": sum(stages.values()), "peak_mb": peak, "generated": generated,
            "pages_hint": f"{len(data) / 1e6:.1f} MB docx, {len(result.tracking)} bodies tracked, "
                          f"{len(result.task_rows)} task rows, {len(result.figures)} figure rows"}


def synthetic(n: int):
    """The bundled plan; provincial bodies of the registry plus `n` synthetic communes; their submissions."""
    from reportgen.load import load_project
    from reportgen.model import Registry, Submission
    from reportgen.model.routing import expected_reporters, indicators_of_body, tasks_of_body

    project = load_project(ROOT, year=1)        # plan and registry only (no such submissions folder)
    plan, real = project.plan, project.registry
    local = ("ubnd-huyen", "ubnd-xa")
    agencies = [a for a in real.agencies.values() if a.kind not in local]
    template = next(a for a in real.agencies.values() if a.kind == "ubnd-xa")
    for i in range(n):
        agencies.append(template.model_copy(update={
            "code": f"XA_{i:05d}", "name": f"Ủy ban nhân dân xã Tổng Hợp {i + 1}",
            "short_name": f"UBND xã Tổng Hợp {i + 1}", "header_lines": ["UBND TỈNH THANH HÓA", f"UBND XÃ {i + 1}"]}))
    registry = Registry(agencies)
    rng = random.Random(20251210)
    deadline = plan.reporting.deadline(YEAR)
    expected = expected_reporters(plan, registry, YEAR)
    sample = next(c for c in expected if c.startswith("XA_"))
    commune_tasks = [t.code for t in tasks_of_body(plan, registry, sample, YEAR)[0]]
    indicator_codes = [i.code for i in plan.indicators]
    subs = []
    for k, code in enumerate(expected):
        roll = rng.random()
        if roll < 0.05:
            continue                                  # missing
        received = deadline - timedelta(days=rng.randint(0, 9)) if roll < 0.9 else \
            deadline + timedelta(days=rng.randint(1, 12))
        if code.startswith("XA_"):
            tasks = commune_tasks
            figures = [indicator_codes[(k * 3 + j) % len(indicator_codes)] for j in range(3)]
        else:
            tasks = [t.code for t in tasks_of_body(plan, registry, code, YEAR)[0]]
            figures = indicators_of_body(plan, registry, code, YEAR)
        subs.append(Submission.model_validate({
            "agency": code, "year": YEAR,
            "report": {"number": k + 1, "date": min(received, date(YEAR, 12, 31)), "received": received,
                       "signer": {"title": "CHỦ TỊCH", "name": "Nguyễn Văn A"}},
            "tasks": [{"task": t, "status": rng.choice(["hoàn thành", "đang thực hiện"]),
                       "results": [rng.choice(RESULTS).format(a=rng.randint(2, 40), b=rng.randint(100, 9000))],
                       "metrics": {m.key: rng.randint(1, 900) for m in plan.task_metrics(plan.task(t))},
                       **({"documents": [{"number": f"{rng.randint(1, 300)}/KH-UBND", "date": f"{YEAR}-04-15",
                                          "title": "Kế hoạch thực hiện năm 2025"}]} if t == "IV.1" else {})}
                      for t in tasks],
            "figures": [_figure(plan.indicator(c), rng) for c in figures],
            **{kind: rng.sample(pool, 1) for kind, pool in TEXTS.items()},
        }))
    return plan, registry, {YEAR: subs}


def _figure(indicator, rng: random.Random) -> dict:
    if indicator.is_qualitative:
        return {"indicator": indicator.code, "achieved": rng.random() < 0.5}
    target = float(indicator.target)
    value = round(target * rng.uniform(0.8, 1.05), 1)
    if indicator.is_percent:
        value = min(value, 100.0)
    return {"indicator": indicator.code, "value": str(value), "previous": str(round(value * 0.97, 1)),
            "estimate": rng.random() < 0.5}


if __name__ == "__main__":
    main()
