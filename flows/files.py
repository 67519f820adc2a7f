"""File moves and writes that a crash can interrupt without leaving half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractors.ingest import display_name, file_sha256

__all__ = ["SkippedEntry", "file_sha256", "inbox_files", "list_inbox", "move_aside", "write_atomic"]


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


def move_aside(source: Path, folder: Path, doc_id: str) -> Path | None:
    """Move an inbox file into `folder`, prefixed by its document id so names never collide.

    None when the file is no longer there (deleted, or moved by its record's earlier attempt):
    what was recorded stands, and there is nothing left to move.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{doc_id[:12]}-{source.name}"
    try:
        os.replace(source, target)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Inbox and output on different filesystems: copy atomically, then remove the original.
        write_atomic(target, source.read_bytes())
        source.unlink()
    return target


@dataclass(frozen=True)
class SkippedEntry:
    """An inbox entry the batch leaves alone, and why: listed in the report."""

    name: str
    reason: str


# Entries that are not documents yet or not documents at all, by what they look like.
_PARTIAL_SUFFIXES = (".part", ".tmp")


def _skip_reason(entry: os.DirEntry[str]) -> str | None:
    name = entry.name
    if entry.is_symlink():
        return "a symbolic link: attest never follows links (copy the document itself in)"
    if name.startswith("."):
        return "a hidden file: names starting with '.' are skipped"
    if name.endswith(_PARTIAL_SUFFIXES):
        return "a partial file (*.part, *.tmp): still being copied in"
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except FileNotFoundError:
        return "vanished while the inbox was listed"
    if stat.S_ISDIR(mode):
        return "a folder: only files directly in the inbox are read"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device)"
    return None


def list_inbox(inbox: Path) -> tuple[list[Path], list[SkippedEntry]]:
    """Regular files directly in the inbox, in name order, and every other entry with why.

    Only the listing: a file may still vanish or be swapped for a link or FIFO before it is
    read, which `extractors.ingest.read_inbox_file` catches on the descriptor it reads from.
    """
    files: list[Path] = []
    skipped: list[SkippedEntry] = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            reason = _skip_reason(entry)
            if reason is None:
                files.append(Path(entry.path))
            else:
                skipped.append(SkippedEntry(display_name(Path(entry.path)), reason))
    return sorted(files), sorted(skipped, key=lambda s: s.name)


def inbox_files(inbox: Path) -> list[Path]:
    """Regular files directly in the inbox, in name order; every other entry is skipped."""
    return list_inbox(inbox)[0]
