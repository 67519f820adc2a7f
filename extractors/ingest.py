"""Ingest: read a file within the byte limit, hash it, and detect its type from its bytes."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from extractors.errors import InputGone, RejectedInput
from extractors.limits import ParseLimits
from schemas.document import Ingested, SourceKind

_MAGIC: tuple[tuple[bytes, SourceKind], ...] = (
    (b"%PDF-", SourceKind.PDF),
    (b"\x89PNG\r\n\x1a\n", SourceKind.PNG),
    (b"\xff\xd8\xff", SourceKind.JPEG),
    (b"II*\x00", SourceKind.TIFF),
    (b"MM\x00*", SourceKind.TIFF),
)
_TEXT_ENCODINGS = ("utf-8", "utf-16")


def _looks_like_text(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the sample's end is still text.
        if error.start < len(sample) - 4:
            return _mostly_printable_latin1(sample)
        decoded = sample[: error.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in decoded)
    return printable >= 0.95 * max(len(decoded), 1)


def _mostly_printable_latin1(sample: bytes) -> bool:
    """Legacy 8-bit text (Latin-1, cp1252) is still mostly ASCII letters, digits and spaces."""
    ascii_text = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in sample)
    return ascii_text >= 0.8 * len(sample)


def detect_kind(data: bytes) -> SourceKind:
    """The file's type from its leading bytes; a '.pdf' name on other bytes changes nothing."""
    if not data:
        raise RejectedInput("empty", "the file is empty (0 bytes)", hint="re-export the source")
    # PDF allows up to 1 KiB of junk before the header.
    if b"%PDF-" in data[:1024]:
        return SourceKind.PDF
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if _looks_like_text(data):
        return SourceKind.TEXT
    raise RejectedInput(
        "unsupported_type",
        "the file is not a PDF, PNG, JPEG, TIFF or plain-text document",
        hint="convert it to PDF or a PNG/TIFF scan and put it back in the inbox",
    )


# O_NOFOLLOW: a symlink swapped in after the listing fails to open instead of being followed
# (to /etc/passwd, say). O_NONBLOCK: a FIFO swapped in opens at once instead of waiting for a
# writer forever; fstat on the open descriptor then says what was really opened.
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return name
    return "special file"


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open `path` once for reading, only if it is a regular file and not a symbolic link."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as error:
        raise InputGone(
            "vanished",
            "the file disappeared from the inbox before it could be read",
            hint="nothing to do if another process moved it; otherwise put it back",
        ) from error
    except PermissionError as error:
        raise InputGone(
            "unreadable",
            "the file cannot be read: permission denied",
            hint="give the batch's user read access (the file is left in the inbox)",
        ) from error
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise InputGone(
            "not_a_regular_file",
            "the inbox entry is a symbolic link; attest never follows links",
            hint="copy the document itself into the inbox",
        ) from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputGone(
                "not_a_regular_file",
                f"the inbox entry is a {_file_type(info.st_mode)}, not a regular file",
                hint="copy the document itself into the inbox",
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def _chunks(fd: int, limit: int) -> Iterator[bytes]:
    """The open file's bytes, at most `limit` + 1 of them (one more says it is too large)."""
    left = limit + 1
    while left > 0:
        block = os.read(fd, min(_CHUNK, left))
        if not block:
            return
        left -= len(block)
        yield block


def _too_large(size: int, limits: ParseLimits) -> RejectedInput:
    return RejectedInput(
        "too_large",
        f"the file is {size:,} bytes; the limit is {limits.max_bytes:,}",
        hint="split the document or raise ATTEST_MAX_BYTES",
    )


def read_inbox_file(path: Path, limits: ParseLimits) -> bytes:
    """The file's bytes, read through one descriptor: what is hashed is what is parsed."""
    fd, info = _open_regular(path)
    try:
        if info.st_size > limits.max_bytes:
            raise _too_large(info.st_size, limits)
        data = b"".join(_chunks(fd, limits.max_bytes))
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:  # it grew after fstat
        raise _too_large(len(data), limits)
    return data


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file's bytes, streamed, opened as safely as `read_inbox_file`."""
    fd, _ = _open_regular(path)
    digest = hashlib.sha256()
    try:
        while block := os.read(fd, _CHUNK):
            digest.update(block)
    finally:
        os.close(fd)
    return digest.hexdigest()


def name_sha256(path: Path) -> str:
    """The file name's hash, from its bytes as stored: names need not be valid UTF-8."""
    return hashlib.sha256(os.fsencode(path.name)).hexdigest()


def display_name(path: Path) -> str:
    """The file name for reports and terminals: undecodable bytes shown as \\xNN escapes."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def ingest(path: Path, limits: ParseLimits) -> tuple[Ingested, bytes]:
    data = read_inbox_file(path, limits)
    kind = detect_kind(data)
    ingested = Ingested(
        doc_id=hashlib.sha256(data).hexdigest(),
        kind=kind,
        size_bytes=len(data),
        name_sha256=name_sha256(path),
    )
    return ingested, data


def decode_text(data: bytes) -> str:
    """Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1 as a last resort."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", *_TEXT_ENCODINGS[1:]):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
