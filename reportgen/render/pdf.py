"""PDF through LibreOffice: a small pool of headless workers, a timeout and one retry per file.

Starting LibreOffice costs a second or two, so each worker converts a chunk of documents
in one `soffice --convert-to pdf` run, with its own profile folder
(`-env:UserInstallation`): it neither disturbs nor waits for a LibreOffice the user has
open, and the workers do not wait for each other. While a chunk runs, the worker watches
its output folder and reports every PDF as it is finished (the progress bar moves during
the conversion). Every PDF is verified (a `%PDF-` header and an `%%EOF` trailer).

A run that produces nothing for `timeout` seconds is ended, together with every process
it started (LibreOffice runs in its own process group, which is killed: no `soffice.bin`
is left behind). Each file a chunk did not convert is then tried once more on its own;
a file that fails again is reported with LibreOffice's own words, and the others are kept.
Nothing is written here: the caller gets the PDF bytes through `write` (the build writes
them through its manifest, so an edited or signed PDF is never replaced unless forced).
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from ..errors import OfficeMissingError, Problem, ReportgenError, os_reason
from ..ooxml import write_atomic

TIMEOUT = 120             # seconds with no PDF finished before a LibreOffice run is ended
STARTUP_GRACE = 60        # more for the first file of a run (LibreOffice starts, a profile is made)
WORKERS = 2
CHUNK_MAX = 40            # documents per LibreOffice run
CHUNK_MIN = 8
POLL_SECONDS = 0.2
NOISE = ("javaldx", "java may not function")   # LibreOffice's stderr lines that say nothing about the file

ProgressHook = Callable[[str, int, int], None]    # (name of the finished document, done, total)
WriteHook = Callable[[Path, bytes], object]


@dataclass(frozen=True)
class PdfFailure:
    """A document LibreOffice did not convert, twice, and why."""

    source: Path
    reason: str


@dataclass
class PdfResult:
    """Converted documents (source → PDF written), in input order, and the failures."""

    converted: dict[Path, Path] = field(default_factory=dict)
    failed: list[PdfFailure] = field(default_factory=list)
    retried: int = 0

    def problems(self) -> list[Problem]:
        return [Problem(f"LibreOffice không tạo được PDF: {f.reason}", file=f.source.name, code="pdf.failed")
                for f in self.failed]


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
            "tới soffice.exe; Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2",
            code="pdf.office-missing"))
    return exe


def convert_to_pdf(documents: Sequence[str | Path], *, timeout: float | None = None,
                   soffice: str | None = None, workers: int | None = None) -> list[Path]:
    """Convert `documents` (.docx) to PDFs next to them (replacing older ones); the PDFs, in order.

    Raises with every failure (after the retries) when any document could not be converted.
    """
    result = convert_batch(documents, timeout=timeout, soffice=soffice, workers=workers)
    if result.failed:
        raise ReportgenError(result.problems())
    return [result.converted[Path(d).resolve()] for d in documents]


def convert_batch(documents: Sequence[str | Path], *, timeout: float | None = None, soffice: str | None = None,
                  workers: int | None = None, chunk_max: int = CHUNK_MAX, on_progress: ProgressHook | None = None,
                  write: WriteHook | None = None, startup_grace: float = STARTUP_GRACE,
                  workdir: str | Path | None = None) -> PdfResult:
    """Convert `documents` with a pool of LibreOffice workers; every PDF goes to `write(pdf_path, bytes)`.

    `pdf_path` is the document's path with `.pdf`; the default `write` replaces the file
    there. Returns what was converted and what failed (with LibreOffice's reason).
    `timeout` is how long a run may go without finishing a PDF (`startup_grace` more for
    its first); profiles and temporary PDFs live in a new folder under `workdir` (default:
    the system's temporary folder), removed afterwards.
    """
    sources = [Path(d).resolve() for d in documents]
    result = PdfResult()
    if not sources:
        return result
    exe = soffice or require_soffice()
    limit = float(timeout) if timeout is not None else TIMEOUT
    chunks = _chunks(sources, min(max(1, workers or WORKERS), len(sources)), chunk_max)
    count = min(max(1, workers or WORKERS), len(chunks))
    progress = _Progress(len(sources), on_progress)
    outputs: dict[Path, Path] = {}
    reasons: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-", dir=workdir) as tmp:
        work: queue.Queue[list[Path]] = queue.Queue()
        for chunk in chunks:
            work.put(chunk)
        pool = [_Worker(exe, Path(tmp) / f"worker-{i}", limit, startup_grace, progress) for i in range(count)]
        threads = [threading.Thread(target=w.drain, args=(work,), daemon=True) for w in pool]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for w in pool:
            if w.error is not None:
                raise w.error
            outputs.update(w.outputs)
            reasons.update(w.reasons)
            result.retried += w.retried
        save = write or _replace
        for source in sources:
            produced = outputs.get(source)
            if produced is None:
                result.failed.append(PdfFailure(source, reasons.get(source, "không rõ lý do")))
                continue
            target = source.with_suffix(".pdf")
            save(target, produced.read_bytes())
            result.converted[source] = target
    return result


def _replace(target: Path, data: bytes) -> None:
    write_atomic(target, data, force=True)


def _chunks(sources: list[Path], workers: int, chunk_max: int) -> list[list[Path]]:
    """Runs of documents for one LibreOffice call each: about three per worker (at least `CHUNK_MIN`
    documents a run, since each start costs seconds, unless that leaves a worker idle), no two with one name."""
    per_worker = -(-len(sources) // workers)
    size = max(1, min(chunk_max, max(-(-per_worker // 3), min(CHUNK_MIN, per_worker))))
    chunks: list[list[Path]] = []
    for source in sources:
        home = next((c for c in chunks if len(c) < size and all(s.stem != source.stem for s in c)), None)
        if home is None:
            chunks.append([source])
        else:
            home.append(source)
    return chunks


class _Progress:
    """Counts finished documents across workers (threads) and reports each one once."""

    def __init__(self, total: int, hook: ProgressHook | None):
        self.total = total
        self.hook = hook
        self.done = 0
        self._lock = threading.Lock()

    def finished(self, source: Path) -> None:
        with self._lock:
            self.done += 1
            if self.hook:
                self.hook(source.name, self.done, self.total)


class _Worker:
    """One LibreOffice profile; converts chunks from a queue, then retries each file it missed once."""

    def __init__(self, exe: str, folder: Path, timeout: float, startup_grace: float, progress: _Progress):
        self.exe = exe
        self.folder = folder
        self.profile = folder / "profile"
        self.timeout = timeout
        self.startup_grace = startup_grace
        self.progress = progress
        self.outputs: dict[Path, Path] = {}
        self.reasons: dict[Path, str] = {}
        self.retried = 0
        self.error: BaseException | None = None
        self._runs = 0

    def drain(self, work: queue.Queue[list[Path]]) -> None:
        try:
            while True:
                try:
                    chunk = work.get_nowait()
                except queue.Empty:
                    return
                missed = self._convert(chunk)
                for source in missed:          # one more try, alone
                    self.retried += 1
                    self._convert([source])
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            self.error = exc

    def _convert(self, sources: list[Path]) -> list[Path]:
        """One LibreOffice run over `sources`; the ones it did not convert (their reason recorded)."""
        self._runs += 1
        outdir = self.folder / f"run-{self._runs}"
        outdir.mkdir(parents=True)
        expected = {source: outdir / f"{source.stem}.pdf" for source in sources}
        run = run_soffice(self.exe, self.profile, outdir, sources, self.timeout, startup_grace=self.startup_grace,
                          on_file=lambda pdf: self._finished(pdf, expected))
        missed = []
        for source, pdf in expected.items():
            if source in self.outputs:
                continue
            if is_complete_pdf(pdf):
                self._finished(pdf, expected)
                continue
            missed.append(source)
            self.reasons[source] = run.reason(source, self.timeout)
        return missed

    def _finished(self, pdf: Path, expected: dict[Path, Path]) -> None:
        for source, path in expected.items():
            if path == pdf and source not in self.outputs:
                self.outputs[source] = pdf
                self.reasons.pop(source, None)
                self.progress.finished(source)


@dataclass
class SofficeRun:
    """How one LibreOffice run ended: its exit code (None when ended for the timeout) and its messages."""

    returncode: int | None
    timed_out: bool
    messages: list[str]

    def reason(self, source: Path, timeout: float) -> str:
        """Why `source` has no PDF after this run, in LibreOffice's words where it gave any."""
        if self.timed_out:
            return f"LibreOffice không chuyển xong trong {int(timeout)} giây nên đã bị dừng"
        own = [m for m in self.messages if source.name in m and "->" not in m]
        said = own or [m for m in self.messages if "->" not in m]
        if said:
            return f"LibreOffice báo: «{said[-1]}»"
        if self.returncode:
            return f"LibreOffice kết thúc với mã lỗi {self.returncode} mà không tạo ra PDF"
        return "LibreOffice không tạo ra PDF và không nêu lý do"


def run_soffice(exe: str, profile: Path, outdir: Path, sources: Sequence[Path], timeout: float, *,
                startup_grace: float = STARTUP_GRACE, on_file: Callable[[Path], None] | None = None) -> SofficeRun:
    """Run `soffice --convert-to pdf` over `sources` into `outdir`; end it (and its children) on a stall.

    `on_file(pdf)` is called as each PDF is finished. The run is ended when no PDF has been
    finished for `timeout` seconds (plus `startup_grace` for the first one).
    """
    command = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
               "--norestore", "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "pdf",
               "--outdir", str(outdir), *map(str, sources)]
    log = outdir.parent / f"{outdir.name}.log"
    seen: set[Path] = set()
    expected = [outdir / f"{s.stem}.pdf" for s in sources]
    timed_out = False
    with open(log, "wb") as out:
        try:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    **_own_process_group())
        except OSError as exc:
            raise OfficeMissingError(Problem(f"không chạy được LibreOffice ({exe}): {os_reason(exc)}",
                                             code="pdf.office-missing")) from None
        try:
            deadline = time.monotonic() + timeout + startup_grace
            while proc.poll() is None:
                if _collect(expected, seen, on_file):
                    deadline = time.monotonic() + timeout
                if time.monotonic() > deadline:
                    timed_out = True
                    break
                time.sleep(POLL_SECONDS)
        finally:
            end_process_group(proc)
    _collect(expected, seen, on_file)
    messages = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.strip() and not any(n in line for n in NOISE)]
    return SofficeRun(None if timed_out else proc.returncode, timed_out, messages)


def _collect(expected: list[Path], seen: set[Path], on_file: Callable[[Path], None] | None) -> bool:
    """Report PDFs finished since the last look; True when there was any."""
    new = False
    for pdf in expected:
        if pdf not in seen and is_complete_pdf(pdf):
            seen.add(pdf)
            new = True
            if on_file:
                on_file(pdf)
    return new


def is_complete_pdf(path: Path) -> bool:
    """A PDF that LibreOffice finished writing: `%PDF-` at the start, `%%EOF` in its last bytes."""
    try:
        with open(path, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                return False
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 64))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def _own_process_group() -> dict:
    """Popen arguments that start LibreOffice in a process group of its own, so it can be ended whole."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def end_process_group(proc: subprocess.Popen) -> None:
    """End `proc` and everything it started (LibreOffice's `soffice.bin` under its launcher)."""
    if sys.platform == "win32":
        if proc.poll() is None:
            proc.kill()
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)   # pid == process group id (start_new_session)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
