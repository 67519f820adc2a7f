"""The hash chain: each record's hash covers its position, its content and its predecessor."""

from __future__ import annotations

from schemas.canonical import canonical_json, sha256_hex

GENESIS_HASH = "0" * 64


def event_hash(
    *,
    seq: int,
    event_id: str,
    created_at: str,
    event_type: str,
    run_id: str,
    actor: str,
    doc_id: str | None,
    decision_id: str | None,
    payload_json: str,
    prev_hash: str,
) -> str:
    """SHA-256 over every column, so altering, reordering (seq) or deleting (prev_hash) shows."""
    return sha256_hex(
        canonical_json(
            {
                "seq": seq,
                "event_id": event_id,
                "created_at": created_at,
                "event_type": event_type,
                "run_id": run_id,
                "actor": actor,
                "doc_id": doc_id,
                "decision_id": decision_id,
                "payload": payload_json,
                "prev_hash": prev_hash,
            }
        )
    )
