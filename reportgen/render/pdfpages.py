"""How many pages a PDF written by LibreOffice has, without a PDF library.

LibreOffice writes every page object's dictionary in clear (`<</Type/Page …>>`, no object
streams), so counting `/Type /Page` entries — not `/Pages` — gives the page count. A PDF
whose objects are compressed (object streams) is refused rather than miscounted.
"""

from __future__ import annotations

import re
from pathlib import Path

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes | str | Path) -> int:
    """The number of pages of `pdf` (bytes or a path)."""
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    if not data.startswith(b"%PDF"):
        raise ValueError("not a PDF file")
    if b"/ObjStm" in data:
        raise ValueError("PDF with compressed object streams: page count not readable here")
    count = len(_PAGE.findall(data))
    if count == 0:
        raise ValueError("no page found in the PDF")
    return count
