"""One error type for everything a user can get wrong: a location and a Vietnamese message.

Every stage reports problems as `Problem` values; only the CLI turns them into lines
and exit codes. A `ReportgenError` carries one or more problems up to the CLI; its subclass
says what kind of failure it is (unreadable file, usage, setup, write), never a flag name or
an exit code: `cli.common.exit_code_for` maps the kinds to codes, and the CLI adds the
remedy that names an option (`OutputExistsError` → "--force", `OfficeMissingError` → "--pdf").

`check`'s `Finding` is a different record on purpose: a departure from Decree 30 in a
document (rule, reference, place in the document), not something wrong with reportgen's
inputs or environment.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one input."""

    message: str
    file: str | None = None
    line: int | None = None
    place: str | None = None  # field path (`tasks[3].lead`), sheet and cell (`Chỉ tiêu!E7`), ...
    severity: Severity = "error"

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f", dòng {self.line}"
        if self.place:
            where = f"{where}, {self.place}" if where else self.place
        label = "Lỗi" if self.severity == "error" else "Cảnh báo"
        return f"{label}: {where}: {self.message}" if where else f"{label}: {self.message}"

    def to_json(self) -> dict:
        return asdict(self)


class ReportgenError(Exception):
    """Raised with the problems that stop a run: invalid input."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnreadableFileError(ReportgenError):
    """A file that cannot be opened or parsed at all (not a zip, hostile XML...)."""


class UsageError(ReportgenError):
    """Something asked for on the command line that does not exist (a year, an agency, a link)."""


class SetupError(ReportgenError):
    """The machine lacks something reportgen needs (LibreOffice, a usable database)."""


class WriteFailedError(ReportgenError):
    """An output could not be written (disk full, read-only folder...)."""


class TemplateError(ReportgenError):
    """A Word template that cannot render (syntax error, missing variable)."""


class OutputExistsError(ReportgenError):
    """An output file exists and the caller did not allow replacing it."""


class ProjectMissingError(ReportgenError):
    """The folder given as the project has no `inputs/`."""


class YearOutOfRangeError(UsageError):
    """A year outside the plan's reporting period."""


class UnknownAgencyError(UsageError):
    """An agency code that the registry does not know."""


class OfficeMissingError(SetupError):
    """LibreOffice is not installed (or not on PATH), so no PDF can be made."""
