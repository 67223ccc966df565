"""Every example printed by `--help` works, as typed, on the bundled project and its default year.

The examples are read from the commands themselves (what `--help` prints), split as a shell
would (quotes, `*` globs), and run in order in one project folder, the way a user trying
them one after another would: reportgen's own earlier outputs are replaced on a rebuild,
so running `build` twice needs no `--force`. The drafts a reviewer would send back for the
`diff` example are made here from the built report.
"""

from __future__ import annotations

import glob
import shlex
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from reportgen.cli import COMMANDS, cli

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
ORDER = ["init", "agencies", "validate", "status", "templates", "plan", "forms", "request", "remind", "report", "review",
         "build", "check", "diff",
         "links", "serve"]
DIFFERENT = {"diff"}          # exit 1 means "the two differ": the example shows a difference
FINDINGS = {"check"}          # exit 1 means "format findings": --strict turns warnings into them
SERVERS = {"serve"}           # never ends by itself: its examples are parsed, not run (tests/test_serve_cli.py runs it)


def all_examples() -> list[tuple[str, str]]:
    """(command, example line) for the group and every command, in ORDER."""
    out = [("reportgen", line) for line, _ in cli.examples]
    for name in ORDER:
        command = cli.get_command(None, name)
        out += [(name, line) for line, _ in command.examples]
        for sub in getattr(command, "commands", {}).values():
            out += [(name, line) for line, _ in sub.examples]
    return out


def test_every_command_has_examples():
    named = {name for name, _ in all_examples()}
    assert set(COMMANDS) <= named


def _reviewers_draft(folder: Path) -> None:
    """du-thao-1.docx is the built report; du-thao-2.docx the same with one sentence changed."""
    report = folder / "outputs" / "2025" / "BC-tong-hop-2025.docx"
    shutil.copy(report, folder / "du-thao-1.docx")
    draft = docx.Document(str(report))
    paragraph = next(p for p in draft.paragraphs if p.text.startswith("Thực hiện "))
    paragraph.runs[0].text = paragraph.runs[0].text.replace("Thực hiện", "Triển khai thực hiện", 1)
    draft.save(str(folder / "du-thao-2.docx"))


def test_every_example_runs(tmp_path: Path, monkeypatch):
    project = tmp_path / "du-an"
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, project / name)
    (project / "outputs").mkdir()
    scratch = tmp_path / "moi"
    scratch.mkdir()
    ran = []
    for name, line in all_examples():
        words = shlex.split(line)
        assert words[0] == "reportgen", line
        here = scratch if name == "init" or words[1] == "init" else project
        monkeypatch.chdir(here)
        if name == "diff" and "du-thao-1.docx" in words and not (project / "du-thao-1.docx").exists():
            _reviewers_draft(project)
        args = [match for word in words[1:] for match in (sorted(glob.glob(word)) if "*" in word else [word])]
        if name in SERVERS:
            command = cli.get_command(None, name)
            with command.make_context(name, args[1:]) as ctx:
                assert ctx.params, line
            ran.append(line)
            continue
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        allowed = {0, 1} if name in DIFFERENT | FINDINGS else {0}
        assert result.exit_code in allowed, f"{line}\n{result.output}"
        ran.append(line)
    assert len(ran) == len(all_examples())
