"""Signed checkpoints: a later log must extend the signed one; truncation, rewriting and a
forged signature are caught, and an inclusion proof checks offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import AuditStore
from audit.checkpoints import (
    SignedTreeHead,
    generate_key,
    load_private_key,
    load_public_key,
    make_checkpoint,
    prove_inclusion,
    verify_checkpoint,
)
from tests.audit.helpers import event, tamper


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_key(tmp_path / "keys")


def _checkpointed(store: AuditStore, keys: tuple[Path, Path], n: int = 5) -> SignedTreeHead:
    store.append([event(i) for i in range(1, n + 1)])
    return make_checkpoint(store, load_private_key(keys[0]))


def test_the_signing_key_is_readable_by_its_owner_only(keys: tuple[Path, Path]) -> None:
    assert keys[0].stat().st_mode & 0o077 == 0


def test_a_log_that_only_grew_extends_its_checkpoint(
    store: AuditStore, keys: tuple[Path, Path]
) -> None:
    head = _checkpointed(store, keys)
    store.append([event(6), event(7)])
    report = verify_checkpoint(store, head, load_public_key(keys[1]))
    assert report.ok and (report.checkpoint_size, report.current_size) == (5, 7)


def test_truncation_after_a_checkpoint_is_caught(
    store: AuditStore, keys: tuple[Path, Path]
) -> None:
    head = _checkpointed(store, keys)
    tamper(store, ("DELETE FROM audit_events WHERE seq >= 4", {}))
    report = verify_checkpoint(store, head, load_public_key(keys[1]))
    assert not report.ok and "truncated" in report.reason


def test_a_rewritten_history_is_caught_even_if_the_chain_is_recomputed(
    store: AuditStore, keys: tuple[Path, Path]
) -> None:
    head = _checkpointed(store, keys)
    tamper(store, ("UPDATE audit_events SET hash = :h WHERE seq = 2", {"h": "ab" * 32}))
    report = verify_checkpoint(store, head, load_public_key(keys[1]))
    assert not report.ok and "rewritten" in report.reason


def test_a_checkpoint_with_a_forged_size_fails_its_signature(
    store: AuditStore, keys: tuple[Path, Path]
) -> None:
    head = _checkpointed(store, keys).model_copy(update={"tree_size": 3})
    report = verify_checkpoint(store, head, load_public_key(keys[1]))
    assert not report.ok and "signature" in report.reason


def test_an_inclusion_proof_verifies_offline(store: AuditStore, keys: tuple[Path, Path]) -> None:
    head = _checkpointed(store, keys, 9)
    event_id = store.events()[4].event_id
    proof = prove_inclusion(store, event_id)
    assert proof.verify() and proof.root_hash == head.root_hash
    assert not proof.model_copy(update={"leaf": "00" * 32}).verify()
