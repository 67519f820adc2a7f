"""The re-identification vault: each redacted span's original, sealed with AES-GCM.

Written only when a vault key is configured; without one nothing is stored. A row holds the
span's place in the redacted text (document, SHA-256 of the redacted text, offsets), what
replaced it, its entity type, the key's id, a random 96-bit nonce and the ciphertext. The
associated data binds the ciphertext to all of those, so a row copied onto another document or
span fails to open. Reading needs the key; a wrong key is an error, never a guess.

The key is 32 random bytes in a file of its own (mode 0600), kept apart from the database:
whoever has both can read the originals, whoever has only the database cannot.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import (
    Engine,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from audit.errors import VaultError
from audit.models import Base
from schemas.redaction import RedactedDocument

KEY_BYTES = 32
NONCE_BYTES = 12


class VaultRow(Base):
    __tablename__ = "reid_vault"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    redacted_sha256: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    replacement: Mapped[str] = mapped_column(Text)
    entity_type: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(32))

    __table_args__ = (
        UniqueConstraint("doc_id", "redacted_sha256", "start", name="uq_reid_vault_span"),
    )


@dataclass(frozen=True)
class VaultEntry:
    doc_id: str
    redacted_sha256: str
    start: int
    end: int
    replacement: str
    entity_type: str
    original: str


def key_id(key: bytes) -> str:
    """Names a key in rows and events without revealing it."""
    return hashlib.sha256(b"attest vault key id\x00" + key).hexdigest()[:16]


def create_vault_key(path: Path) -> str:
    """Write a new random key to `path` (mode 0600, never overwriting); returns its id."""
    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise VaultError(
            f"{path} already exists", hint="choose another file; a vault key is never replaced"
        ) from error
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key_id(key)


@cache
def load_vault_key(path: Path) -> bytes:
    try:
        key = path.read_bytes()
    except OSError as error:
        raise VaultError(
            f"cannot read the vault key {path}: {error.strerror}",
            hint="create one with `attest vault-key FILE`",
        ) from error
    if len(key) != KEY_BYTES:
        raise VaultError(
            f"{path} is not a vault key ({len(key)} bytes, not {KEY_BYTES})",
            hint="create one with `attest vault-key FILE`",
        )
    return key


def _associated(
    row_doc: str, sha: str, start: int, end: int, replacement: str, etype: str
) -> bytes:
    return "\x00".join((row_doc, sha, str(start), str(end), replacement, etype)).encode()


class Vault:
    def __init__(self, engine: Engine, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise VaultError(f"a vault key has {KEY_BYTES} bytes, not {len(key)}")
        self.engine = engine
        self._aes = AESGCM(key)
        self.key_id = key_id(key)

    def put(self, document: RedactedDocument, originals: Sequence[str]) -> int:
        """Seal each span's original; a document already sealed for this text is left alone."""
        if len(originals) != len(document.spans):
            raise ValueError("one original per span")
        sha = document.text_sha256
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        try:
            return self._insert(document, originals, sha, now)
        except IntegrityError:
            return 0  # another worker sealed the same text a moment ago

    def _insert(
        self, document: RedactedDocument, originals: Sequence[str], sha: str, now: str
    ) -> int:
        # BEGIN IMMEDIATE on SQLite (the store's "attest_append" option): this transaction reads,
        # then writes; begun deferred, its upgrade to a writer fails at once with "database is
        # locked" when another worker wrote meanwhile, busy timeout or not.
        with self.engine.connect().execution_options(attest_append=True) as conn, conn.begin():
            present = conn.execute(
                select(func.count())
                .select_from(VaultRow)
                .where(VaultRow.doc_id == document.doc_id, VaultRow.redacted_sha256 == sha)
            ).scalar_one()
            if present:
                return 0
            rows = []
            for span, original in zip(document.spans, originals, strict=True):
                nonce = secrets.token_bytes(NONCE_BYTES)
                aad = _associated(
                    document.doc_id, sha, span.start, span.end, span.placeholder, span.entity_type
                )
                rows.append(
                    {
                        "doc_id": document.doc_id,
                        "redacted_sha256": sha,
                        "start": span.start,
                        "end": span.end,
                        "replacement": span.placeholder,
                        "entity_type": span.entity_type,
                        "key_id": self.key_id,
                        "nonce": nonce,
                        "ciphertext": self._aes.encrypt(nonce, original.encode("utf-8"), aad),
                        "created_at": now,
                    }
                )
            if rows:
                conn.execute(insert(VaultRow), rows)
        return len(rows)

    def entries(self, doc_id: str, redacted_sha256: str | None = None) -> list[VaultEntry]:
        """The document's originals, in text order; VaultError if this key cannot open them."""
        query = select(VaultRow).where(VaultRow.doc_id == doc_id)
        if redacted_sha256 is not None:
            query = query.where(VaultRow.redacted_sha256 == redacted_sha256)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(VaultRow.redacted_sha256, VaultRow.start)).all()
        foreign = {row.key_id for row in rows} - {self.key_id}
        if foreign:
            raise VaultError(
                f"the vault rows of {doc_id} were sealed with key {sorted(foreign)[0]}, "
                f"not with this key ({self.key_id})",
                hint="use the vault key file the pipeline ran with",
            )
        found = []
        for row in rows:
            aad = _associated(
                row.doc_id,
                row.redacted_sha256,
                row.start,
                row.end,
                row.replacement,
                row.entity_type,
            )
            try:
                original = self._aes.decrypt(row.nonce, row.ciphertext, aad).decode("utf-8")
            except InvalidTag as error:
                raise VaultError(
                    f"a vault row of {doc_id} does not open with this key: altered or moved",
                    hint="the vault table was changed outside attest; restore it from backup",
                ) from error
            found.append(
                VaultEntry(
                    row.doc_id,
                    row.redacted_sha256,
                    row.start,
                    row.end,
                    row.replacement,
                    row.entity_type,
                    original,
                )
            )
        return found


def stored_rows(engine: Engine, doc_id: str | None = None) -> int:
    query = select(func.count()).select_from(VaultRow)
    if doc_id is not None:
        query = query.where(VaultRow.doc_id == doc_id)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def reidentified_text(redacted_text: str, entries: Sequence[VaultEntry]) -> str:
    """The redacted text with every span put back (entries of that text only)."""
    text = redacted_text
    for entry in sorted(entries, key=lambda e: e.start, reverse=True):
        if text[entry.start : entry.end] != entry.replacement:
            raise VaultError(f"the vault does not match the redacted text at {entry.start}")
        text = text[: entry.start] + entry.original + text[entry.end :]
    return text
