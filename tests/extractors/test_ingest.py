"""Ingest: the file's type comes from its bytes, its identity is the hash of its bytes."""

from __future__ import annotations

import hashlib
import io
import os
import time
from pathlib import Path

import pytest
from PIL import Image

from extractors.errors import InputGone, RejectedInput
from extractors.ingest import decode_text, detect_kind, ingest
from extractors.limits import ParseLimits
from schemas.document import SourceKind


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (8, 8), color=255).save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (8, 8), color=255).save(buffer, format="JPEG")
    return buffer.getvalue()


def _tiff(byte_order: str) -> bytes:
    """Pillow writes little-endian ("II") TIFFs, except for big-endian 16-bit images ("MM")."""
    mode = "I;16B" if byte_order == ">" else "L"
    buffer = io.BytesIO()
    Image.new(mode, (8, 8)).save(buffer, format="TIFF")
    return buffer.getvalue()


MINIMAL_PDF = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
TEXT = "Patient reports chest pain; café au lait spots noted. Résumé attached.\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(MINIMAL_PDF, SourceKind.PDF, id="pdf-header"),
        pytest.param(b"\x00" * 200 + MINIMAL_PDF, SourceKind.PDF, id="pdf-header-after-junk"),
        pytest.param(_png(), SourceKind.PNG, id="png"),
        pytest.param(_jpeg(), SourceKind.JPEG, id="jpeg"),
        pytest.param(_tiff("<"), SourceKind.TIFF, id="tiff-little-endian"),
        pytest.param(_tiff(">"), SourceKind.TIFF, id="tiff-big-endian"),
        pytest.param(TEXT.encode("utf-8"), SourceKind.TEXT, id="utf-8-text"),
        pytest.param(TEXT.encode("utf-8-sig"), SourceKind.TEXT, id="utf-8-text-with-bom"),
        pytest.param(TEXT.encode("utf-16"), SourceKind.TEXT, id="utf-16-text-with-bom"),
        pytest.param(TEXT.encode("latin-1"), SourceKind.TEXT, id="latin-1-text"),
    ],
)
def test_the_type_is_detected_from_the_leading_bytes(data: bytes, kind: SourceKind) -> None:
    assert detect_kind(data) is kind


def test_tiff_headers_are_the_two_byte_orders_of_the_same_format() -> None:
    assert _tiff("<").startswith(b"II*\x00")
    assert _tiff(">").startswith(b"MM\x00*")


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        pytest.param("scan.pdf", _png(), SourceKind.PNG, id="png-named-pdf"),
        pytest.param("letter.txt", MINIMAL_PDF, SourceKind.PDF, id="pdf-named-txt"),
        pytest.param("photo.jpg", TEXT.encode("utf-8"), SourceKind.TEXT, id="text-named-jpg"),
        pytest.param("no-extension", _tiff("<"), SourceKind.TIFF, id="tiff-without-extension"),
    ],
)
def test_the_file_name_does_not_change_the_detected_type(
    tmp_path: Path, name: str, data: bytes, kind: SourceKind
) -> None:
    path = tmp_path / name
    path.write_bytes(data)

    ingested, _ = ingest(path, ParseLimits())

    assert ingested.kind is kind


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "latin-1"]
)
def test_accepted_text_decodes_back_to_the_original_characters(encoding: str) -> None:
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + TEXT.encode("utf-16-be")
    else:
        data = TEXT.encode(encoding)

    assert decode_text(data) == TEXT


def test_an_empty_file_is_rejected_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")

    with pytest.raises(RejectedInput) as caught:
        ingest(path, ParseLimits())

    assert caught.value.code == "empty"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_bytes_are_rejected_as_an_unsupported_type(seed: int) -> None:
    data = hashlib.sha512(str(seed).encode()).digest() * 64  # 4 KiB of incompressible noise

    with pytest.raises(RejectedInput) as caught:
        detect_kind(data)

    assert caught.value.code == "unsupported_type"


def test_a_rejection_is_not_retryable_and_tells_the_operator_what_to_do() -> None:
    with pytest.raises(RejectedInput) as caught:
        detect_kind(b"\x00\x01\x02\x03" * 100)

    assert caught.value.retryable is False
    assert caught.value.hint


def test_the_document_id_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    path = tmp_path / "note.txt"
    path.write_bytes(data)

    ingested, returned = ingest(path, ParseLimits())

    assert ingested.doc_id == hashlib.sha256(data).hexdigest()
    assert returned == data
    assert ingested.size_bytes == len(data)


def test_the_same_bytes_under_different_names_have_the_same_document_id(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(MINIMAL_PDF)
    (tmp_path / "b-renamed.pdf").write_bytes(MINIMAL_PDF)

    first, _ = ingest(tmp_path / "a.pdf", ParseLimits())
    second, _ = ingest(tmp_path / "b-renamed.pdf", ParseLimits())

    assert first.doc_id == second.doc_id
    assert first.name_sha256 != second.name_sha256


def test_the_file_name_is_kept_only_as_a_hash(tmp_path: Path) -> None:
    path = tmp_path / "Okonkwo-discharge.txt"
    path.write_bytes(TEXT.encode("utf-8"))

    ingested, _ = ingest(path, ParseLimits())

    assert ingested.name_sha256 == hashlib.sha256(path.name.encode("utf-8")).hexdigest()
    assert "Okonkwo" not in ingested.model_dump_json()


def test_a_file_over_the_byte_limit_is_rejected_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 1025)

    with pytest.raises(RejectedInput) as caught:
        ingest(path, ParseLimits(max_bytes=1024))

    assert caught.value.code == "too_large"


def test_a_file_exactly_at_the_byte_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * 1024)

    ingested, _ = ingest(path, ParseLimits(max_bytes=1024))

    assert ingested.size_bytes == 1024


# -- what ingest will not read: it opens once, never follows a link, never waits on a FIFO ----


def _gone(path: Path) -> InputGone:
    with pytest.raises(InputGone) as caught:
        ingest(path, ParseLimits())
    return caught.value


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    target.write_text("secret outside the inbox")
    (tmp_path / "link.txt").symlink_to(target)

    assert _gone(tmp_path / "link.txt").code == "not_a_regular_file"


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    started = time.monotonic()

    gone = _gone(tmp_path / "pipe.txt")

    assert gone.code == "not_a_regular_file" and "FIFO" in gone.message
    assert time.monotonic() - started < 5


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.pdf").mkdir()

    assert _gone(tmp_path / "folder.pdf").code == "not_a_regular_file"


def test_a_vanished_file_is_reported_as_vanished(tmp_path: Path) -> None:
    assert _gone(tmp_path / "deleted.pdf").code == "vanished"


def test_a_name_that_is_not_utf8_is_hashed_from_its_bytes(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"note-\xff.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Chief complaint: cough\n")

    ingested, _ = ingest(Path(os.fsdecode(raw)), ParseLimits())

    assert ingested.name_sha256 == hashlib.sha256(b"note-\xff.txt").hexdigest()
