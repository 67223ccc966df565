"""Benchmark: whole-process times of the everyday commands, as ratios to `python -c pass`.

What a user waits for is the whole process: interpreter start, imports, reading inputs,
work, exit. Each command runs `REPEATS` times in a fresh interpreter on a copy of the
bundled project (182 bodies, 174 reports for 2025); the best time is kept (the machine is
shared and noisy) and printed with its ratio to the best time of `python -c pass` measured
in the same run. Goals (issue 15): `plan SYT` and `status` under 0,6 s.

Run: `.venv/bin/python bench/cli.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
REPEATS = 3
GOALS = {"plan SYT": 0.6, "status": 0.6}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rg-bench-cli-") as tmp:
        root = Path(tmp)
        for name in ("inputs", "templates"):
            shutil.copytree(BUNDLED / name, root / name)
        (root / "outputs").mkdir()
        reportgen = [sys.executable, "-m", "reportgen.cli"] if not _script().exists() else [str(_script())]
        subprocess.run([*reportgen, "--root", str(root), "plan", "SYT"], check=True, capture_output=True)
        plan = next((root / "outputs").rglob("KH-SYT.docx"))
        commands = {
            "--help": ["--help"],
            "check": ["check", str(plan)],
            "plan SYT": ["plan", "SYT", "--force"],
            "status": ["status", "--year", "2025", "--as-of", "2025-12-31"],
            "validate": ["validate", "--year", "2025"],
        }
        baseline = best(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True))
        print(f"python -c pass: {baseline:.3f} s")
        for label, args in commands.items():
            seconds = best(lambda args=args: subprocess.run([*reportgen, "--root", str(root), *args],
                                                            capture_output=True, cwd=root))
            goal = GOALS.get(label)
            verdict = "" if goal is None else f"  (goal < {goal} s: {'met' if seconds < goal else 'NOT MET'})"
            print(f"reportgen {label}: {seconds:.3f} s  ratio: {seconds / baseline:.1f}{verdict}")


def best(run) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _script() -> Path:
    return Path(sys.executable).with_name("reportgen")


if __name__ == "__main__":
    main()
