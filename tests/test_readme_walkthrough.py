"""The README's walkthrough ("Một năm với reportgen") runs exactly as written.

The shell lines are read from README.md itself and run one by one with the installed
`reportgen` command, in a temporary folder. The two comment lines that stand for people
(bodies filling their forms, a reviewer editing the draft in Word) are played here: a few
bodies fill the Excel forms `reportgen forms` wrote, with the figures of the bundled 2025
samples, and the reviewer changes one sentence of the draft.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx
import yaml

from reportgen.model import Submission

REPO = Path(__file__).resolve().parents[1]
SAMPLES_2025 = REPO / "reportgen" / "bundled" / "inputs" / "submissions" / "2025"
FILLERS = ("SYT", "SNV", "CA_TINH", "UBND_X_BA_DINH")     # bodies whose forms come back filled
# Exit codes the README documents for its lines: diff says 1 when the drafts differ.
EXPECTED_EXIT = {"diff": 1}


def readme_lines() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Một năm với reportgen"):]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "COLUMNS": "160"}


def _fill_forms(project: Path) -> None:
    """Bodies fill their forms (as a sender's script would) and the secretariat saves them in inputs/."""
    from test_forms_fixture import fill_form

    from reportgen.load import load_project

    plan = load_project(project, year=2025).plan
    for code in FILLERS:
        data = yaml.safe_load((SAMPLES_2025 / f"{code}.yaml").read_text(encoding="utf-8"))
        data["sample"] = False
        sub = Submission.model_validate(data)
        form = project / "outputs" / "2025" / "bieu-mau" / f"{code}-2025.xlsx"
        target = project / "inputs" / "submissions" / "2025" / form.name
        target.write_bytes(fill_form(form.read_bytes(), sub, plan))


def _review(project: Path) -> None:
    """A reviewer changes one sentence of the draft and saves it as du-thao-2.docx."""
    draft = docx.Document(str(project / "du-thao-1.docx"))
    paragraph = next(p for p in draft.paragraphs if p.text.startswith("Thực hiện "))
    paragraph.runs[0].text = paragraph.runs[0].text.replace("Thực hiện", "Triển khai thực hiện", 1)
    draft.core_properties.modified = datetime(2025, 12, 23, 9, 30)     # Word records when it saved
    draft.core_properties.last_modified_by = "Văn phòng UBND tỉnh"
    draft.save(str(project / "du-thao-2.docx"))


PEOPLE = {"các cơ quan điền biểu mẫu": _fill_forms, "người góp ý sửa trong Word": _review}


def test_the_walkthrough_runs_as_written(tmp_path: Path):
    cwd = tmp_path
    project: Path | None = None
    ran: list[str] = []
    for line in readme_lines():
        if line.lstrip().startswith("#"):
            action = next(f for words, f in PEOPLE.items() if words in line)
            action(project)
            continue
        command = line.split("  #")[0].strip()
        for part in (p.strip() for p in command.split("&&")):
            words = shlex.split(part)
            if words[0] == "cd":
                cwd = cwd / words[1]
                project = cwd
                continue
            done = subprocess.run(words, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=900)
            expected = EXPECTED_EXIT.get(words[1], 0) if words[0] == "reportgen" else 0
            output = done.stdout + done.stderr
            assert done.returncode == expected, f"{part}\n{output}"
            assert "Traceback" not in output, part
            ran.append(part)
    assert project is not None
    assert [r.split()[1] for r in ran if r.startswith("reportgen")] == [
        "init", "plan", "forms", "request", "validate", "status", "remind", "build", "report", "review", "diff",
        "check"]
    out = project / "outputs" / "2025"
    cycle = [out / "cong-van" / "CV-yeu-cau-bao-cao-2025.docx", out / "cong-van" / "CV-don-doc-2025-20251211.docx",
             out / "BC-UBND-tinh-2025.docx", project / "outputs" / "2027" / "BC-so-ket-2024-2027.docx"]
    assert all(p.is_file() for p in cycle)
    assert len(list((out / "bao-cao").glob("*.docx"))) == len(FILLERS)
    assert (out / "BC-tong-hop-2025.docx").is_file() and (project / "thay-doi.docx").is_file()
    intro = next(p.text for p in docx.Document(str(out / "BC-tong-hop-2025.docx")).paragraphs
                 if p.text.startswith("Thực hiện "))
    assert f"trên cơ sở báo cáo của {len(FILLERS)}/" in intro
