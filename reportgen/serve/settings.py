"""What one running intake needs to know: the project folder, the database, its limits, its clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load.source import MAX_INPUT_BYTES
from ..load.xlsx import MAX_FILE_BYTES
from .clock import Clock, utcnow

# The largest file accepted per kind: the CLI readers' own limits, so a file the web takes
# is one `reportgen validate` would read, and the other way round.
UPLOAD_LIMITS = {"xlsx": MAX_FILE_BYTES, "yaml": MAX_INPUT_BYTES, "json": MAX_INPUT_BYTES}
MULTIPART_OVERHEAD = 64 * 1024          # form fields and part headers around the file


@dataclass
class Settings:
    root: Path
    db_url: str
    clock: Clock = utcnow
    upload_limits: dict[str, int] = field(default_factory=lambda: dict(UPLOAD_LIMITS))
    rate_window: float = 60.0           # seconds
    rate_requests: int = 120            # requests per link per window
    rate_uploads: int = 12              # uploads per link per window
    trust_proxy: bool = False           # take the client's address from X-Forwarded-For

    @property
    def max_upload(self) -> int:
        return max(self.upload_limits.values())

    @property
    def max_request(self) -> int:
        return self.max_upload + MULTIPART_OVERHEAD
