"""Opening the audit store the way every attest command must: sealed with the chain key."""

from __future__ import annotations

from audit import AuditStore
from flows.settings import Settings


def open_store(settings: Settings) -> AuditStore:
    """The configured store; records appended through it are sealed with the chain key."""
    if settings.db is None:
        # The default trail lives in OUT, which the first command of a deployment may be
        # the one to create (`attest model dataset --out NEW`).
        settings.out.mkdir(parents=True, exist_ok=True)
    return AuditStore(settings.db_url(), chain_key_file=settings.chain_key_path())
