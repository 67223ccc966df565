"""Lean commands: what running a command imports (click's `tests/test_imports.py` idea).

Each command runs in a fresh interpreter, exactly as typed at a prompt, and reports the
modules it loaded. `check`, `diff`, `validate`, `plan` and `status` must load neither
pandas nor matplotlib (they cost about a second to import); `--help` loads none of the
libraries behind the commands; `plan AGENCY` does not read the year's submissions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED
from diff_helpers import make_docx

HEAVY = ("pandas", "matplotlib")

_RUN = """
import json, sys
from reportgen.cli import cli
read = []
def audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        read.append(args[0] if isinstance(args[0], str) else args[0].decode(errors="replace"))
sys.addaudithook(audit)
try:
    cli(sys.argv[1:], prog_name="reportgen")
except SystemExit as exc:
    code = exc.code
roots = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps({"code": code, "modules": roots, "read": read}), file=sys.__stderr__)
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("lean")
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, root / name)
    (root / "outputs").mkdir()
    (root / "a.docx").write_bytes(make_docx(["Một đoạn.", "Hai đoạn."]))
    (root / "b.docx").write_bytes(make_docx(["Một đoạn.", "Ba đoạn."]))
    return root


def _run(project: Path, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _RUN, "--root", str(project), *args], capture_output=True,
                          text=True, cwd=project, timeout=300)
    return json.loads(proc.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [
    ("check", "a.docx"),
    ("diff", "a.docx", "b.docx"),
    ("diff", "a.docx", "b.docx", "--redline", "r.docx", "--force"),
    ("validate", "--year", "2025"),
    ("plan", "SYT", "--force"),
    ("status", "--year", "2025"),
])
def test_lean_commands_load_neither_pandas_nor_matplotlib(project, args):
    result = _run(project, *args)
    assert result["code"] in (0, 1), result
    loaded = [m for m in HEAVY if m in result["modules"]]
    assert loaded == [], f"{' '.join(args)} imported {loaded}"


def test_help_loads_nothing_behind_the_commands(project):
    result = _run(project, "--help")
    assert result["code"] == 0
    assert not {"pandas", "matplotlib", "docxtpl", "openpyxl", "pydantic", "lxml", "yaml"} & set(result["modules"])


def test_a_plan_reads_no_submission(project):
    result = _run(project, "plan", "SYT", "--force")
    assert result["code"] == 0
    assert not [f for f in result["read"] if "submissions" in f], "plan SYT read the year's reports"
    assert any(f.endswith("plan.yaml") for f in result["read"])
    # the spy sees files: status reads every report of the year
    assert len([f for f in _run(project, "status", "--year", "2025")["read"] if "submissions" in f]) > 100


def test_the_consolidated_report_still_gets_pandas(project):
    """The other side of the budget: the command that needs the frames has them."""
    result = _run(project, "report", "--year", "2025", "--force")
    assert result["code"] == 0, result
    assert "pandas" in result["modules"] and "matplotlib" in result["modules"]


# --- the one-way flow, as imports -------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
# package → packages of reportgen it must never import (at run time; `TYPE_CHECKING` imports
# of types are allowed): load → model → compute → documents → render, check and diff beside.
FORBIDDEN = {
    "model": {"load", "compute", "documents", "render", "forms", "check", "diff", "cli", "charts", "ooxml"},
    "load": {"forms", "compute", "documents", "render", "check", "cli", "charts"},
    "compute": {"load", "documents", "render", "forms", "check", "diff", "cli", "charts"},
    "ooxml": {"model", "load", "compute", "documents", "render", "forms", "check", "diff", "cli"},
    "check": {"load", "compute", "documents", "render", "forms", "diff", "cli"},
    "diff": {"compute", "documents", "render", "forms", "check", "cli"},
    "documents": {"cli", "forms", "check", "diff"},
    "render": {"load", "compute", "documents", "forms", "check", "diff", "cli"},
    "forms": {"load", "documents", "render", "check", "diff", "cli"},
}


def _imports(path: Path) -> set[str]:
    """The reportgen packages a module imports outside `if TYPE_CHECKING:` blocks."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(REPO / "reportgen").parts
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level]
                parts = [*base, *(node.module or "").split(".")] if node.module else [*base]
                if parts:
                    out.add(parts[0])
                elif node.names:
                    out.update(a.name for a in node.names)
            elif node.module and node.module.startswith("reportgen."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("reportgen."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_the_flow_is_one_way(package):
    wrong = {}
    for path in sorted((REPO / "reportgen" / package).rglob("*.py")):
        bad = _imports(path) & FORBIDDEN[package]
        if bad:
            wrong[str(path.relative_to(REPO))] = sorted(bad)
    assert wrong == {}
