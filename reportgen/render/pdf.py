"""PDF through LibreOffice: one headless `soffice` process for a whole batch.

Each call gets its own throw-away profile folder (`-env:UserInstallation`), so it neither
disturbs nor waits for a LibreOffice the user has open, and a timeout so a stuck conversion
cannot hang a build. PDFs are written next to their .docx, atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PureWindowsPath

from ..errors import Problem, ReportgenError, os_reason
from ..ooxml import write_atomic

SECONDS_PER_DOCUMENT = 3
BASE_TIMEOUT = 60


class OfficeMissingError(ReportgenError):
    """LibreOffice is not installed (or not on PATH): a setup problem, exit 2."""

    exit_code = 2


SOFFICE_ENV = ("LIBREOFFICE", "SOFFICE")   # a path to soffice(.exe), for an install in an unusual place


def find_soffice(environ: Mapping[str, str] | None = None) -> str | None:
    """The LibreOffice executable: `LIBREOFFICE`/`SOFFICE` when set, else on PATH, else where installers put it.

    Windows installs LibreOffice under `C:\\Program Files\\LibreOffice\\program\\soffice.exe`
    without adding it to PATH; macOS under `/Applications/LibreOffice.app`.
    """
    env = os.environ if environ is None else environ
    for name in SOFFICE_ENV:
        given = env.get(name)
        if given and Path(given).is_file():
            return given
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in install_locations(env) if os.path.isfile(p)), None)


def install_locations(environ: Mapping[str, str]) -> list[str]:
    """Where the LibreOffice installers put soffice: Program Files (64- and 32-bit) on Windows, /Applications on macOS."""
    roots = [environ.get(v) for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    out = [str(PureWindowsPath(root, "LibreOffice", "program", "soffice.exe")) for root in dict.fromkeys(r for r in roots if r)]
    out.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return out


def require_soffice() -> str:
    """The LibreOffice executable, or an error telling the user how to install it (exit 2)."""
    exe = find_soffice()
    if exe is None:
        raise OfficeMissingError(Problem(
            "không tìm thấy LibreOffice (lệnh soffice) để tạo PDF. Windows: cài LibreOffice từ libreoffice.org "
            "(thư mục mặc định C:\\Program Files\\LibreOffice), hoặc đặt biến môi trường LIBREOFFICE là đường dẫn "
            "tới soffice.exe; Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2; "
            "hoặc bỏ --pdf", code="pdf.office-missing"))
    return exe


def convert_to_pdf(documents: Sequence[str | Path], *, timeout: float | None = None,
                   soffice: str | None = None) -> list[Path]:
    """Convert `documents` (.docx) to PDF in one LibreOffice run; return the PDFs, in order.

    Each PDF lands next to its .docx (`KH-SYT-2025.docx` → `KH-SYT-2025.pdf`), replacing an older one.
    """
    paths = [Path(d).resolve() for d in documents]
    if not paths:
        return []
    exe = soffice or require_soffice()
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise ReportgenError(Problem("có hai văn bản trùng tên tệp; không thể chuyển cùng lúc sang PDF"))
    limit = timeout if timeout is not None else BASE_TIMEOUT + SECONDS_PER_DOCUMENT * len(paths)
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "pdf"
        command = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            raise ReportgenError(Problem(
                f"LibreOffice không chuyển xong {len(paths)} văn bản sang PDF trong {int(limit)} giây")) from None
        except OSError as exc:
            raise OfficeMissingError(Problem(f"không chạy được LibreOffice ({exe}): {os_reason(exc)}",
                                             code="pdf.office-missing")) from None
        out: list[Path] = []
        missing: list[str] = []
        for path in paths:
            produced = outdir / f"{path.stem}.pdf"
            if not produced.is_file():
                missing.append(path.name)
                continue
            target = path.with_suffix(".pdf")
            write_atomic(target, produced.read_bytes(), force=True)
            out.append(target)
        if missing:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ReportgenError(Problem(
                f"LibreOffice không tạo được PDF cho: {', '.join(missing)} {detail[0]}".strip()))
        return out
