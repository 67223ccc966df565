"""Files on disk, read and written safely: regular files only, bounded reads, confined outputs.

Reading: a path a user names is read only when it is a regular file. A FIFO blocks a
reader forever, `/dev/zero` never ends, a directory is not a document; each is refused
with an `UnreadableFileError` (exit 2) before a byte is read. The file is opened without
blocking and checked on the open descriptor (`fstat`), so a path swapped between the check
and the read cannot slip through, and never more than the caller's limit is read.

Writing: every output lies inside the folder it belongs to (`confined`), and an `OSError`
while writing (a full disk, a read-only folder, `outputs` being a file) becomes one
Vietnamese line naming the file (`WriteFailedError`, exit 2), never a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import Problem, ReportgenError, UnreadableFileError, os_reason


def os_error_text(exc: OSError) -> str:
    """A Vietnamese phrase for an `OSError` (`errors.os_reason`), with the system's code for reference."""
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    reason = os_reason(exc)
    return f"lỗi hệ thống {code}" if reason.startswith("lỗi hệ thống") else f"{reason} ({code})"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một đường ống (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị"
    if stat.S_ISSOCK(mode):
        return "một socket"
    return "không phải tệp thông thường"


def read_regular_file(path: str | os.PathLike, *, limit: int, name: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; anything else is refused."""
    name = name or os.fspath(path)
    if "\0" in os.fspath(path):
        raise UnreadableFileError(f"{name}: đường dẫn chứa ký tự NUL, không hợp lệ.")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFileError(f"{name}: không mở được tệp (tệp không tồn tại).") from None
    except OSError as exc:
        raise UnreadableFileError(f"{name}: không mở được tệp ({os_error_text(exc)}).") from None
    try:
        info = os.fstat(fd)
        _require_regular(info, name, limit)
        chunks, size = [], 0
        while True:   # a plain loop: os.read on a non-blocking regular file reads like any other
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnreadableFileError(f"{name}: tệp quá lớn (hơn {_size_text(limit)}).")
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFileError(f"{name}: không đọc được tệp ({os_error_text(exc)}).") from None
    finally:
        os.close(fd)


def require_regular_file(path: str | os.PathLike, *, limit: int, name: str | None = None) -> None:
    """Refuse `path` unless it is a regular file of at most `limit` bytes (for readers that open it themselves)."""
    name = name or os.fspath(path)
    if "\0" in os.fspath(path):
        raise UnreadableFileError(f"{name}: đường dẫn chứa ký tự NUL, không hợp lệ.")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFileError(f"{name}: không mở được tệp (tệp không tồn tại).") from None
    except OSError as exc:
        raise UnreadableFileError(f"{name}: không mở được tệp ({os_error_text(exc)}).") from None
    _require_regular(info, name, limit)


def _require_regular(info: os.stat_result, name: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(f"{name}: {_kind_of(info.st_mode)}, không phải tệp thông thường; "
                                  "reportgen chỉ đọc tệp thông thường.")
    if info.st_size > limit:
        raise UnreadableFileError(f"{name}: tệp quá lớn ({_size_text(info.st_size)}; tối đa {_size_text(limit)}).")


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} byte"


def confined(path: str | os.PathLike, folder: str | os.PathLike) -> Path:
    """`path`, once checked to lie inside `folder` after resolving `..` and symlinks.

    Output names are built from input data (agency codes); whatever slipped past the
    input checks, nothing is ever written outside the folder it belongs to.
    """
    target, base = Path(path), Path(folder)
    text = os.fspath(target)
    if "\0" in text or not _inside(target, base):
        shown = text.replace("\0", "\\0")
        raise ReportgenError(Problem(f"đường dẫn kết quả «{shown[:120]}» nằm ngoài thư mục «{base}»; "
                                     "kiểm tra mã cơ quan trong inputs/agencies.yaml"))
    return target


def _inside(target: Path, base: Path) -> bool:
    try:
        resolved_base = base.resolve()
        resolved = target.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved != resolved_base and resolved.is_relative_to(resolved_base)


def shown_path(path: str | os.PathLike, root: str | os.PathLike) -> str:
    """`path` as a user names it: relative to the project folder `root` when inside it,
    else as given (messages and tables name `inputs/plan.yaml`, not an absolute path)."""
    import unicodedata

    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive
        rel = ".."
    shown = str(path) if rel == ".." or rel.startswith(".." + os.sep) else Path(rel).as_posix()
    return unicodedata.normalize("NFC", shown)      # macOS gives names read from disk as NFD
