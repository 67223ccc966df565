"""The PDF pool: workers with their own profiles, progress during conversion, one retry, a timeout
that ends LibreOffice whole (no `soffice.bin` left behind), and a summary of what failed and why.

These tests run the real LibreOffice; the stall is made real by stopping `soffice.bin` (SIGSTOP)
in the middle of a conversion.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import threading
import time
from pathlib import Path

import pytest
from render_helpers import built_project

from reportgen.render.pdf import convert_batch, is_complete_pdf

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed (make test installs it)")


def _documents(folder: Path, count: int) -> list[Path]:
    """`count` small .docx copies (the 2024 plans) in `folder`."""
    plans = sorted((built_project(2024, ("ke-hoach",)) / "outputs" / "2024" / "ke-hoach").glob("*.docx"))
    out = []
    for source in plans[:count]:
        target = folder / source.name
        shutil.copyfile(source, target)
        out.append(target)
    return out


def _processes(marker: str) -> list[tuple[int, str]]:
    """(pid, command line) of live processes whose command line contains `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append((int(entry.name), cmdline))
    return found


def test_a_pool_converts_every_document_with_progress_during_the_run(tmp_path: Path):
    # 2 chunks of 5: after a chunk's first PDF, LibreOffice still has 4 to convert, so a 0,2 s poll
    # sees it running even on a busy machine (with chunks of 3 it once finished between two polls)
    docs = _documents(tmp_path, 10)
    work = tmp_path / "work"
    work.mkdir()
    calls: list[tuple[str, int, int, bool]] = []

    def progress(name: str, done: int, total: int) -> None:
        calls.append((name, done, total, bool(_processes(str(work)))))

    result = convert_batch(docs, workers=2, chunk_max=5, on_progress=progress, workdir=work)
    assert result.failed == [] and set(result.converted) == {d.resolve() for d in docs}
    for doc in docs:
        pdf = doc.with_suffix(".pdf")
        assert result.converted[doc.resolve()] == pdf.resolve() and is_complete_pdf(pdf)
    assert [c[1] for c in calls] == list(range(1, len(docs) + 1)) and {c[2] for c in calls} == {len(docs)}
    assert sorted(c[0] for c in calls) == sorted(d.name for d in docs)
    assert any(c[3] for c in calls)              # reported while LibreOffice was still converting
    assert not _processes(str(work))             # nothing left running
    assert not any(work.iterdir())               # profiles and temporary PDFs removed


def test_a_document_libreoffice_cannot_read_is_retried_once_and_reported_with_its_reason(tmp_path: Path):
    docs = _documents(tmp_path, 3)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a real document")
    written: dict[Path, bytes] = {}
    result = convert_batch([docs[0], broken, *docs[1:]], workers=1, write=lambda p, d: written.setdefault(p, d))
    assert [f.source for f in result.failed] == [broken.resolve()]
    assert "LibreOffice" in result.failed[0].reason
    assert result.retried == 1
    assert set(written) == {d.resolve().with_suffix(".pdf") for d in docs}   # the others are kept
    assert all(data.startswith(b"%PDF-") for data in written.values())
    assert not broken.with_suffix(".pdf").exists()
    [problem] = result.problems()
    assert problem.file == "hong.docx" and problem.message.startswith("LibreOffice không tạo được PDF")


def test_a_stalled_libreoffice_is_ended_with_all_its_processes(tmp_path: Path):
    """Freeze the real soffice.bin mid-run: the timeout ends the whole group, the file is retried, then reported."""
    docs = _documents(tmp_path, 1)
    work = tmp_path / "work"
    work.mkdir()
    marker = str(work)
    stopped: list[int] = []
    done = threading.Event()

    def freeze() -> None:   # stop every soffice.bin of this test as soon as it appears
        while not done.is_set():
            for pid, cmd in _processes(marker):
                if "soffice.bin" in cmd and pid not in stopped:
                    try:
                        os.kill(pid, signal.SIGSTOP)
                        stopped.append(pid)
                    except ProcessLookupError:
                        pass
            time.sleep(0.05)

    freezer = threading.Thread(target=freeze, daemon=True)
    freezer.start()
    try:
        result = convert_batch(docs, workers=1, timeout=3, startup_grace=5, workdir=work)
    finally:
        done.set()
        freezer.join()
    assert len(stopped) >= 1, "soffice.bin never started"
    assert [f.source for f in result.failed] == [docs[0].resolve()]
    assert "không chuyển xong trong 3 giây" in result.failed[0].reason
    assert result.retried == 1
    for pid in stopped:                       # every frozen soffice.bin was ended, none orphaned
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]
    assert not _processes(marker)


def test_a_launcher_that_hangs_is_ended_whole(tmp_path: Path):
    """A launcher that starts a child and waits (as `soffice` does with `soffice.bin`): both are ended."""
    child = tmp_path / "soffice.bin"
    shutil.copyfile(shutil.which("sleep"), child)
    child.chmod(child.stat().st_mode | stat.S_IEXEC)
    launcher = tmp_path / "soffice"
    launcher.write_text(f'#!/bin/sh\n"{child}" 300 &\nwait\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IEXEC)
    docs = _documents(tmp_path, 1)
    result = convert_batch(docs, soffice=str(launcher), workers=1, timeout=0.5, startup_grace=0)
    assert len(result.failed) == 1 and "không chuyển xong" in result.failed[0].reason
    assert not _processes(str(child))
