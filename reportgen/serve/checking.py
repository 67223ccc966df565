"""Checking one uploaded file with the CLI's own reader and messages, and writing it into inputs/.

The upload is staged under a fixed name in a fresh temporary folder (the sender's file
name is only ever shown, never used as a path), read by `reportgen.load` exactly as
`reportgen validate` reads a file, and its problems renamed to the name the sender gave.
An accepted report is written into `inputs/submissions/<year>/<CODE>.yaml` from the data
the reader produced, with `report.received` set to the day it arrived, and that YAML is
checked again before it replaces anything.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..errors import Problem, ReportgenError
from ..load import Project
from ..load.project import check_submission
from .projects import Base

KINDS = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}
ACCEPTED_SUFFIXES = ".xlsx, .yaml, .yml, .json"


@dataclass
class Checked:
    problems: list[Problem]
    data: dict | None                  # the reader's plain data, when the file validated into a model

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def upload_kind(filename: str) -> str | None:
    """`xlsx`, `yaml` or `json` from the sender's file name; None for anything else."""
    return KINDS.get(PurePosixPath(filename.replace("\\", "/")).suffix.lower())


def display_name(filename: str) -> str:
    """The sender's file name, cut to its last part, printable and short: for messages only."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable()).strip()
    return name[:120] or "tệp không tên"


def check_upload(base: Base, year: int, agency: str, kind: str, content: bytes, display: str,
                 received: date | None) -> Checked:
    """Every problem of one upload for `agency`'s report of `year`, named after `display`."""
    problems, loaded = _check_bytes(base, kind, content, display, received)
    if loaded is None:
        return Checked(problems, None)
    sub, doc = loaded.submission, loaded.doc
    registry = base.registry
    if sub.agency != agency:
        other = registry[sub.agency].display_name if sub.agency in registry else sub.agency
        problems.append(_rename(doc.problem(
            f"tệp này là báo cáo của {other}, không phải của {registry[agency].display_name}; "
            "hãy tải biểu mẫu của đơn vị mình trên trang này", ("agency",)), _staged(kind), display))
    if sub.year != year:
        problems.append(_rename(doc.problem(
            f"tệp này là báo cáo năm {sub.year}; đợt này nhận báo cáo năm {year}", ("year",)), _staged(kind), display))
    return Checked(problems, doc.data)


def plain_data(base: Base, kind: str, content: bytes) -> dict | None:
    """A stored version's data for comparing two versions, even when it has errors; None if unreadable."""
    from ..load.source import load_structured
    from ..load.xlsx import read_submission_xlsx

    with tempfile.TemporaryDirectory(prefix="reportgen-version-") as tmp:
        path = Path(tmp) / _staged(kind)
        path.write_bytes(content)
        try:
            if kind == "xlsx":
                doc, _ = read_submission_xlsx(path, path.name, base.plan, base.registry)
            else:
                doc = load_structured(path, path.name)
        except ReportgenError:
            return None
    return doc.data if isinstance(doc.data, dict) else None


def submission_yaml(data: dict, header: list[str]) -> bytes:
    """The accepted report as the YAML `inputs/` holds: comment lines first, then the data."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" for line in header)
    return (comments + text).encode("utf-8")


def recheck_yaml(base: Base, content: bytes, year: int) -> list[Problem]:
    """The errors `validate` would find in the YAML about to be written (none, unless reportgen has a bug)."""
    problems, _ = _check_bytes(base, "yaml", content, f"{year}.yaml", None)
    return [p for p in problems if p.severity == "error"]


def _check_bytes(base: Base, kind: str, content: bytes, display: str, received: date | None):
    with tempfile.TemporaryDirectory(prefix="reportgen-upload-") as tmp:
        path = Path(tmp) / _staged(kind)
        path.write_bytes(content)
        project = Project(Path(tmp), plan=base.plan, registry=base.registry)
        loaded = check_submission(project, path, year=None, received=received)
    return [_rename(p, _staged(kind), display) for p in project.problems], loaded


def _staged(kind: str) -> str:
    return f"upload.{kind}"


def _rename(p: Problem, staged: str, display: str) -> Problem:
    return replace(p, file=display if p.file == staged else p.file, message=p.message.replace(staged, display))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):   # libyaml's emitter when present: 10x faster
    """Decimals as plain numbers (`73.8`, `13787`), which the loader reads back exactly."""


def _decimal(dumper: Any, value: Decimal) -> yaml.Node:
    text = format(value.normalize(), "f")
    if "." not in text:
        return dumper.represent_int(int(text))
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _str(dumper: Any, value: str) -> Any:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _str)
