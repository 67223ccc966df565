"""What reportgen wrote, so that a rebuild respects people's edits.

Every file reportgen writes under `outputs/` (documents, PDFs, forms, diff outputs) is
recorded with the SHA-256 of its bytes in `outputs/.reportgen-manifest.json`, keyed by its
path relative to the project root. A file elsewhere (`forms --out`, `diff --redline` to
any folder) is not recorded: an existing file there always needs `--force`. Before
writing, each target is checked:

- no file there: written;
- a file whose bytes still hash to what reportgen recorded: its own untouched output,
  replaced without `--force`;
- any other file (a person edited it, a signed scan was put in its place, reportgen never
  wrote it): refused by name unless `--force`.

Every target is checked before the first byte is written, so a refused run writes nothing.
The manifest itself is written atomically, merged with what is on disk at that moment.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputExistsError, Problem
from .ooxml import write_atomic

MANIFEST_NAME = ".reportgen-manifest.json"
MANIFEST_VERSION = 1
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_LISTED = 10


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The hash of a regular file's bytes; None when it cannot be read as one."""
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


class Manifest:
    """The record of what reportgen wrote under one project root."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.path = self.root / "outputs" / MANIFEST_NAME
        self.entries: dict[str, str] = _read(self.path)
        self._written: dict[str, str] = {}

    def key(self, path: str | Path) -> str | None:
        """`outputs/2025/ke-hoach/KH-SYT.docx` for a file under `outputs/`; None for a file elsewhere."""
        full = Path(os.path.abspath(path))
        try:
            rel = full.relative_to(Path(os.path.abspath(self.root)))
        except ValueError:
            return None
        return rel.as_posix() if rel.parts[:1] == ("outputs",) and len(rel.parts) > 1 else None

    def refusal(self, path: str | Path) -> Problem | None:
        """Why `path` may not be replaced without `--force`, or None when it may."""
        target = Path(path)
        if not target.exists() and not target.is_symlink():
            return None
        name = self._shown(target)
        if not target.is_file() or target.is_symlink():
            return Problem("đã có một thư mục hoặc tệp đặc biệt trùng tên; không bao giờ ghi đè", file=name,
                           code="output.blocked")
        key = self.key(target)
        recorded = self.entries.get(key) if key is not None else None
        if key is None:
            return Problem("tệp đã tồn tại", file=name, code="output.exists")
        if recorded is None:
            return Problem("tệp đã tồn tại và không do reportgen tạo ra "
                           "(có thể chuyển tệp đi nơi khác)", file=name, code="output.not-ours")
        if file_sha256(target) != recorded:
            return Problem("tệp đã được sửa sau khi reportgen tạo ra "
                           "(có thể đổi tên tệp để giữ bản đã sửa)", file=name, code="output.edited")
        return None

    def check(self, targets: Iterable[str | Path], *, force: bool) -> None:
        """Raise with every target that may not be replaced (one line each, the first `MAX_LISTED`)."""
        problems = []
        for target in targets:
            problem = self.refusal(target)
            if problem is None:
                continue
            special = not Path(target).is_file() or Path(target).is_symlink()
            if force and not special:
                continue
            problems.append(problem)
        if problems:
            shown = problems[:MAX_LISTED]
            if len(problems) > MAX_LISTED:
                shown.append(Problem(f"… và {len(problems) - MAX_LISTED} tệp khác không được ghi đè",
                                     code="output.exists"))
            raise OutputExistsError(shown)

    def write(self, path: str | Path, data: bytes) -> bool:
        """Write `data` atomically (already checked) and record it; True when a file was replaced."""
        target = Path(path)
        replaced = target.exists()
        write_atomic(target, data, force=True)
        key = self.key(target)
        if key is not None:
            digest = sha256(data)
            self.entries[key] = digest
            self._written[key] = digest
        return replaced

    def save(self) -> None:
        """Write the manifest, merged with the one on disk now (another run may have added to it)."""
        if not self._written:
            return
        entries = _read(self.path)
        entries.update(self._written)
        data = json.dumps({"version": MANIFEST_VERSION, "files": dict(sorted(entries.items()))},
                          ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        write_atomic(self.path, data, force=True)
        self.entries = entries
        self._written.clear()

    def _shown(self, target: Path) -> str:
        return self.key(target) or str(target)


def _read(path: Path) -> dict[str, str]:
    """The recorded entries; an unreadable or malformed manifest counts as empty (nothing is replaced then)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
