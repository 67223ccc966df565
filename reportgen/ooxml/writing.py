"""Writing OOXML: parts as Word writes them, deterministic zips, atomic files.

The same inputs give byte-identical .docx files: fixed zip timestamps and order.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from ..errors import WriteFailedError
from ..files import os_error_text

# Fixed timestamp for deterministic zips (the earliest a zip can hold).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def serialize_xml(root: etree._Element) -> bytes:
    """XML bytes the way Word writes them: declaration, UTF-8, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def deterministic_zip(parts: Mapping[str, bytes]) -> bytes:
    """A zip of `parts` with fixed timestamps and a fixed order ([Content_Types].xml first)."""
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            zf.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()


def write_atomic(path: str | os.PathLike, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename; keep an existing file unless `force`.

    Any `OSError` on the way (a full disk, a read-only folder, `outputs` being a file) is
    a `WriteFailedError` naming the file, and no temporary file is left behind.
    """
    from ..errors import OutputExistsError

    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: tệp đã tồn tại.")
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise WriteFailedError(f"{target}: không ghi được tệp ({os_error_text(exc)}); "
                               "không để lại tệp ghi dở.") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
