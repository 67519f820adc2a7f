"""The re-identification vault round-trips with its key and reveals nothing without it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, update

from audit import AuditStore
from audit.errors import VaultError
from audit.vault import (
    Vault,
    VaultRow,
    create_vault_key,
    load_vault_key,
    reidentified_text,
    stored_rows,
)
from schemas.redaction import RedactedDocument, RedactedSpan, RedactionConfig
from schemas.redaction_policy import RedactionPolicy

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
ORIGINAL = "Patient: Marguerite Okonkwo, DOB 03/14/1958."
POLICY = RedactionPolicy(policy_id="t", version="1.0.0")


def _redacted(doc_id: str = "doc-1") -> tuple[RedactedDocument, tuple[str, ...]]:
    text = "Patient: <PERSON_1>, DOB 05/02/1958."
    spans = (
        RedactedSpan(
            entity_type="PERSON",
            placeholder="<PERSON_1>",
            start=9,
            end=19,
            recognizer="r",
            score=0.9,
        ),
        RedactedSpan(
            entity_type="DATE_TIME",
            placeholder="05/02/1958",
            start=25,
            end=35,
            recognizer="r",
            score=0.9,
            operator="date_shift",
        ),
    )
    config = RedactionConfig(
        policies=(POLICY.ref(),),
        entity_types=("PERSON",),
        recognizers=(),
        nlp_engine="blank",
        presidio_version="x",
        secret_id="s",
    )
    document = RedactedDocument(
        doc_id=doc_id, text=text, spans=spans, config=config, policy=POLICY.ref()
    )
    return document, ("Marguerite Okonkwo", "03/14/1958")


def test_the_vault_round_trips_with_the_key(store: AuditStore) -> None:
    document, originals = _redacted()
    Vault(store.engine, KEY).put(document, originals)
    entries = Vault(store.engine, KEY).entries("doc-1")
    assert [(e.replacement, e.original) for e in entries] == [
        ("<PERSON_1>", "Marguerite Okonkwo"),
        ("05/02/1958", "03/14/1958"),
    ]
    assert reidentified_text(document.text, entries) == ORIGINAL


def test_another_key_reveals_nothing(store: AuditStore) -> None:
    document, originals = _redacted()
    Vault(store.engine, KEY).put(document, originals)
    with pytest.raises(VaultError, match="sealed with key"):
        Vault(store.engine, OTHER_KEY).entries("doc-1")


def test_the_database_holds_no_original_in_clear(store: AuditStore) -> None:
    document, originals = _redacted()
    Vault(store.engine, KEY).put(document, originals)
    with store.engine.connect() as conn:
        rows = conn.execute(select(VaultRow)).all()
    stored = b"".join(bytes(r.ciphertext) + bytes(r.nonce) + r.replacement.encode() for r in rows)
    assert b"Okonkwo" not in stored and b"03/14/1958" not in stored


def test_a_row_moved_to_another_span_does_not_open(store: AuditStore) -> None:
    document, originals = _redacted()
    Vault(store.engine, KEY).put(document, originals)
    with store.engine.begin() as conn:
        conn.execute(update(VaultRow).where(VaultRow.start == 9).values(replacement="<PERSON_2>"))
    with pytest.raises(VaultError, match="altered or moved"):
        Vault(store.engine, KEY).entries("doc-1")


def test_sealing_the_same_text_twice_stores_it_once(store: AuditStore) -> None:
    document, originals = _redacted()
    vault = Vault(store.engine, KEY)
    assert vault.put(document, originals) == 2
    assert vault.put(document, originals) == 0
    assert stored_rows(store.engine, "doc-1") == 2


def test_a_new_key_file_is_private_and_loads(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    create_vault_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(load_vault_key(path)) == 32


def test_a_key_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    create_vault_key(path)
    before = path.read_bytes()
    with pytest.raises(VaultError, match="already exists"):
        create_vault_key(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.key"
    path.write_bytes(b"0123")
    with pytest.raises(VaultError, match="not a vault key"):
        load_vault_key(path)
