"""Ingest: read a file within the byte limit, hash it, and detect its type from its bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.errors import RejectedInput
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


def ingest(path: Path, limits: ParseLimits) -> tuple[Ingested, bytes]:
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise RejectedInput(
            "too_large",
            f"the file is {size:,} bytes; the limit is {limits.max_bytes:,}",
            hint="split the document or raise ATTEST_MAX_BYTES",
        )
    data = path.read_bytes()
    kind = detect_kind(data)
    ingested = Ingested(
        doc_id=hashlib.sha256(data).hexdigest(),
        kind=kind,
        size_bytes=len(data),
        name_sha256=hashlib.sha256(path.name.encode("utf-8")).hexdigest(),
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
