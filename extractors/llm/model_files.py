"""A model or adapter directory's content digest: its revision in the trail.

Shared by base models and LoRA adapters, so neither module needs the other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def directory_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()
