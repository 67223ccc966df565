"""One error type for everything a user can get wrong: a location and a Vietnamese message.

Every stage reports problems as `Problem` values; only the CLI turns them into lines
and exit codes. A `ReportgenError` carries one or more problems up to the CLI; its subclass
says what kind of failure it is (unreadable file, usage, setup, write), never a flag name or
an exit code: `cli.output.exit_code_for` maps the kinds to codes, and the CLI adds the
remedy that names an option (`OutputExistsError` → "--force", `OfficeMissingError` → "--pdf").

Each problem has a stable `code` (`submission.figure.not-number`, `input.syntax`): the
message may be reworded, the code is what scripts reading `--json` and the warning
summaries group on. Codes are dotted, lower case, `-` between words; the first part
names where the problem lives (`plan`, `registry`, `submission`, `xlsx`, `overlay`,
`secretariat`, `input` for any file, `template`, `output`, `usage`, `check`, ...). An
error class's `code` is the code of a problem raised as a bare message.

`check`'s `Finding` is a different record on purpose: a departure from Decree 30 in a
document (rule, reference, place in the document), not something wrong with reportgen's
inputs or environment.
"""

from __future__ import annotations

import errno
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
GENERIC_CODE = "problem"   # a problem raised as a bare message, with no more specific code


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one input."""

    message: str
    file: str | None = None
    line: int | None = None
    place: str | None = None  # field path (`tasks[3].lead`), sheet and cell (`Chỉ tiêu!E7`), ...
    severity: Severity = "error"
    code: str = GENERIC_CODE

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

    code = GENERIC_CODE     # the code of a problem given as a bare message

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems, code=self.code)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnreadableFileError(ReportgenError):
    """A file that cannot be opened or parsed at all (not a zip, hostile XML...)."""

    code = "input.unreadable"


class UsageError(ReportgenError):
    """Something asked for on the command line that does not exist (a year, an agency, a link)."""

    code = "usage.invalid"


class SetupError(ReportgenError):
    """The machine lacks something reportgen needs (LibreOffice, a usable database)."""

    code = "setup"


class WriteFailedError(ReportgenError):
    """An output could not be written (disk full, read-only folder...)."""

    code = "output.write-failed"


class TemplateError(ReportgenError):
    """A Word template that cannot render (syntax error, missing variable)."""

    code = "template.invalid"


class OutputExistsError(ReportgenError):
    """An output file exists and the caller did not allow replacing it."""

    code = "output.exists"


class ProjectMissingError(ReportgenError):
    """The folder given as the project has no `inputs/` (a wrong folder: the CLI treats it as usage)."""

    code = "project.not-found"


class YearOutOfRangeError(UsageError):
    """A year outside the plan's reporting period."""

    code = "usage.year.out-of-plan"


class UnknownAgencyError(UsageError):
    """An agency on the command line that names no body of year Y (unknown, ended, nothing to do)."""

    code = "usage.agency.unknown"


class OfficeMissingError(SetupError):
    """LibreOffice is not installed (or not on PATH), so no PDF can be made."""

    code = "pdf.office-missing"


# What the operating system says, in the user's words: `(No such file or directory)` is
# English whatever the machine's language, and on Windows a file open in Word or Excel
# is a sharing violation (winerror 32/33) rather than a POSIX errno.
_OS_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.EEXIST: "đã có một tệp cùng tên chắn đường dẫn",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EINVAL: "tên tệp hoặc đường dẫn không hợp lệ",
    errno.EIO: "lỗi đọc/ghi của ổ đĩa",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ELOOP: "liên kết tượng trưng (symlink) trỏ vòng",
    errno.EFBIG: "tệp quá lớn",
    errno.EBUSY: "tệp đang bị chương trình khác dùng",
}
if hasattr(errno, "EDQUOT"):
    _OS_REASONS[errno.EDQUOT] = "đã hết hạn mức dung lượng ổ đĩa"
_WINDOWS_REASONS = {
    32: "tệp đang được mở trong chương trình khác (Word, Excel…); hãy đóng tệp rồi chạy lại",
    33: "tệp đang bị chương trình khác khóa; hãy đóng tệp rồi chạy lại",
    5: "không có quyền truy cập (tệp có thể đang mở trong Word/Excel hoặc chỉ cho phép đọc)",
    2: _OS_REASONS[errno.ENOENT],
    3: "không có thư mục này",
    206: _OS_REASONS[errno.ENAMETOOLONG],
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in Vietnamese: `không có tệp hoặc thư mục này` for ENOENT.

    The one table of these words (`files.os_error_text` adds the system's code to them).
    """
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return f"lỗi hệ thống số {exc.errno}" if exc.errno is not None else "lỗi hệ thống"
