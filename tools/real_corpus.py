"""Bring the real-document corpus of `check` into tests/fixtures/real/ (the .docx are not committed).

Run by hand: `python tools/real_corpus.py fetch` downloads each document listed in
tests/fixtures/real/sources.yaml from its public repository at the recorded commit and
keeps it only if its sha256 matches; `python tools/real_corpus.py verify` says which are
present and intact. Tests never download: without the files the corpus measurement
(tests/test_check_real_corpus.py) skips.

`--from DIR` copies from a folder holding the files under their corpus names or their
git blob ids (a copy made elsewhere), instead of downloading.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "real"
RAW = "https://raw.githubusercontent.com"
TIMEOUT_S = 60
MAX_BYTES = 4 * 1024 * 1024  # every corpus file is far smaller


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["fetch", "verify"])
    parser.add_argument("--from", dest="source", type=Path, help="copy from this folder instead of downloading")
    args = parser.parse_args()
    documents = yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    missing = 0
    for doc in documents:
        target = REAL / f"{doc['name']}.docx"
        if args.action == "fetch" and not _intact(target, doc["sha256"]):
            data = _from_folder(args.source, doc) if args.source else _download(doc)
            if data is not None and hashlib.sha256(data).hexdigest() == doc["sha256"]:
                target.write_bytes(data)
        ok = _intact(target, doc["sha256"])
        missing += not ok
        print(f"{'ok     ' if ok else 'MISSING'} {doc['name']}")
    print(f"{len(documents) - missing} of {len(documents)} documents present")
    return 1 if missing else 0


def _intact(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def _download(doc: dict) -> bytes | None:
    url = f"{RAW}/{doc['repository']}/{doc['commit']}/{urllib.parse.quote(doc['path'])}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:  # noqa: S310 (fixed https host)
            return response.read(MAX_BYTES + 1)[:MAX_BYTES]
    except OSError as exc:
        print(f"  {doc['name']}: {exc}", file=sys.stderr)
        return None


def _from_folder(folder: Path, doc: dict) -> bytes | None:
    for candidate in (folder / f"{doc['name']}.docx", folder / f"{doc['blob']}.docx"):
        if candidate.is_file():
            return candidate.read_bytes()
    return None


if __name__ == "__main__":
    sys.exit(main())
