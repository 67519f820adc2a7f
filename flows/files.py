"""File moves and writes that a crash can interrupt without leaving half a file behind."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def move_aside(source: Path, folder: Path, doc_id: str) -> Path:
    """Move an inbox file into `folder`, prefixed by its document id so names never collide."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{doc_id[:12]}-{source.name}"
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Inbox and output on different filesystems: copy atomically, then remove the original.
        write_atomic(target, source.read_bytes())
        source.unlink()
    return target


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inbox_files(inbox: Path) -> list[Path]:
    """Regular files directly in the inbox, in name order; hidden and partial files are skipped."""
    return sorted(
        p
        for p in inbox.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and not p.name.startswith(".")
        and not p.name.endswith((".part", ".tmp"))
    )
