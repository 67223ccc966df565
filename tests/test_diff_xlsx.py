"""`reportgen diff` on two filled Excel forms lists changes by task and indicator."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_forms_fixture import fill_form

from reportgen.cli import cli
from reportgen.forms import generate_forms
from reportgen.load import load_project

ROOT = Path(__file__).resolve().parents[1]


def test_two_filled_forms_diff_in_the_users_terms(tmp_path: Path) -> None:
    project = load_project(ROOT, year=2024)
    plan, registry = project.plan, project.registry
    sub = next(s for s in project.submissions_for(2024) if s.agency == "SYT")
    form = generate_forms(plan, registry, 2024, ["SYT"], [])["SYT-2024.xlsx"]
    folder = tmp_path / "2024"
    folder.mkdir()
    old = folder / "SYT-2024.xlsx"
    old.write_bytes(fill_form(form, sub, plan))

    edited = sub.model_copy(deep=True)
    edited.tasks[0].status = "hoàn thành" if edited.tasks[0].status != "hoàn thành" else "đang thực hiện"
    fig = next(f for f in edited.figures if f.value is not None)
    before = fig.value
    fig.value = before + 1
    new_folder = tmp_path / "new" / "2024"
    new_folder.mkdir(parents=True)
    new = new_folder / "SYT-2024.xlsx"
    new.write_bytes(fill_form(form, edited, plan))

    result = CliRunner().invoke(cli, ["--root", str(ROOT), "diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    from reportgen.vn import format_number

    assert f"{sub.tasks[0].task}: trạng thái {sub.tasks[0].status} → {edited.tasks[0].status}" in result.output
    assert f"Chỉ tiêu {fig.indicator}: {format_number(before)} → {format_number(before + 1)}" in result.output

    same = CliRunner().invoke(cli, ["--root", str(ROOT), "diff", str(old), str(old)])
    assert same.exit_code == 0
