"""Verifying the trail: every record recomputes to its hash and links to its predecessor, and
with a chain key, every record's MAC vouches for it and the sealed head is still there.

Checked record by record from the first (`attest verify`); the first that does not fit is
reported with the reason, in words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from audit.chain import GENESIS_HASH, event_hash
from audit.chain_key import ChainKey, load_chain_key, mac_key_id, read_head
from audit.errors import CheckpointError
from audit.models import AuditEventRow
from schemas.events import EventType


class VerifyReport(BaseModel):
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    first_bad_event_id: str | None = None
    reason: str = ""
    keyed: bool = False
    """The records' MACs were checked against the chain key (not just the plain hashes)."""
    sealed: int = 0
    """How many records carry a MAC that the key vouches for."""
    head_size: int | None = None
    """The trail still holds the sealed head's last record at this position (no truncation)."""


def verify_chain(rows: Iterable[AuditEventRow], chain_key_file: Path | None) -> VerifyReport:
    """Check `rows` (the whole trail, in chain order; read lazily, after the sealed head).

    With a chain key file configured, each record's MAC is checked too (a record re-hashed
    by someone without the key fails), and the sealed head beside the key must still be in
    the trail (records removed from its end fail).
    """
    keyed = chain_key_file is not None
    key = load_chain_key(chain_key_file) if chain_key_file else None
    try:
        head = read_head(key) if key else None  # before the rows: appends may follow
    except CheckpointError as error:
        return VerifyReport(ok=False, checked=0, keyed=True, reason=error.message)
    expected_seq, prev, checked, sealed = 1, GENESIS_HASH, 0, 0
    report = VerifyReport(ok=False, checked=0, keyed=keyed)
    for row in rows:
        bad = _check(row, expected_seq, prev)
        if not bad and keyed:
            bad = _check_seal(row, key, chain_key_file, sealed > 0)
        if not bad and head is not None and row.seq == head.size and row.hash != head.last_hash:
            bad = (
                f"not the record sealed as the trail's last on {head.sealed_at}: the trail "
                "was rewritten from here on"
            )
        if bad:
            return report.model_copy(
                update={
                    "checked": checked,
                    "sealed": sealed,
                    "first_bad_seq": row.seq,
                    "first_bad_event_id": row.event_id,
                    "reason": bad,
                }
            )
        checked += 1
        sealed += row.mac is not None
        expected_seq, prev = row.seq + 1, row.hash
    report = report.model_copy(update={"checked": checked, "sealed": sealed})
    if head is not None and checked < head.size:
        reason = (
            f"the trail was truncated: it was sealed on {head.sealed_at} with {head.size} "
            f"records and now holds {checked}"
        )
        return report.model_copy(update={"reason": reason})
    if key is not None and checked and not sealed:
        reason = (
            f"no record carries a MAC though the chain key {key.path} exists: the MACs were removed"
        )
        return report.model_copy(update={"reason": reason})
    return report.model_copy(
        update={"ok": True, "head_size": head.size if head is not None else None}
    )


def recomputed_hash(row: Any) -> str:
    """The hash a stored row should carry, recomputed from its columns."""
    return event_hash(
        seq=row.seq,
        event_id=row.event_id,
        created_at=row.created_at,
        event_type=row.event_type,
        run_id=row.run_id,
        actor=row.actor,
        doc_id=row.doc_id,
        decision_id=row.decision_id,
        payload_json=row.payload,
        prev_hash=row.prev_hash,
    )


def _check(row: AuditEventRow, expected_seq: int, prev: str) -> str:
    if row.seq != expected_seq:
        if row.seq > expected_seq:
            return f"sequence gap: record(s) {expected_seq}..{row.seq - 1} deleted before seq {row.seq}"
        return f"sequence out of order: expected {expected_seq}"
    if row.prev_hash != prev:
        return "prev_hash does not match the previous record's hash: records removed or reordered"
    if recomputed_hash(row) != row.hash:
        return "hash mismatch: record altered after it was written"
    # The column is an index copied from the payload, outside the hash: it must match exactly,
    # or a blanked column would hide a decision from re-run detection.
    expected = indexed_config_hash(row.event_type, json.loads(row.payload))
    if row.config_hash != expected:
        return "config_hash column does not match the payload: record altered"
    return ""


def _check_seal(row: Any, key: ChainKey | None, key_file: Path | None, after_sealed: bool) -> str:
    """Why the record's MAC does not vouch for it under `key`, or "" when it does."""
    if row.mac is None:
        if after_sealed:
            return (
                "the record carries no MAC though earlier ones do: written or rewritten by "
                "someone without the chain key"
            )
        return ""  # written before the key existed; the first sealed record vouches for it
    if key is None:
        return (
            f"the record is sealed with chain key {mac_key_id(row.mac)} but there is no key file "
            f"at {key_file}: restore it to verify the seals"
        )
    if mac_key_id(row.mac) != key.key_id:
        return (
            f"the record is sealed with chain key {mac_key_id(row.mac)}, not with {key_file} "
            f"({key.key_id})"
        )
    if not key.vouches_for(row.mac, row.hash):
        return "MAC mismatch: the record was altered and re-hashed by someone without the chain key"
    return ""


def indexed_config_hash(event_type: str, payload: dict[str, Any]) -> str | None:
    if event_type != EventType.DECISION_RECORDED:
        return None
    value = payload.get("config_hash")
    return str(value) if value is not None else None
