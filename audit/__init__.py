"""The audit store: an append-only hash chain of typed events, and its verification."""

from audit.chain import GENESIS_HASH, event_hash
from audit.errors import AuditError, ChainBroken, StoreUnavailable
from audit.store import AuditStore, ensure_schema
from audit.verification import VerifyReport

__all__ = [
    "GENESIS_HASH",
    "AuditError",
    "AuditStore",
    "ChainBroken",
    "StoreUnavailable",
    "VerifyReport",
    "ensure_schema",
    "event_hash",
]
