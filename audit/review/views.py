"""The values the review app reads: filters, rows and pages of decisions, run summaries, one
decision in detail with its place in the chain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from schemas.events import StoredEvent
from schemas.generation import ModelIdentity

PAGE_SIZE = 50


@dataclass(frozen=True)
class DecisionFilters:
    run: str | None = None
    domain: str | None = None
    flag: str | None = None
    review: str | None = None
    model: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive

    def as_query(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    seq: int
    run_id: str
    doc_id: str
    created_at: str
    domain: str
    model: str
    flag_count: int
    review_reasons: tuple[str, ...]
    review_state: str
    reviewed_by: str | None


@dataclass(frozen=True)
class DecisionPage:
    rows: list[DecisionRow]
    next_before: int | None  # the cursor of the next (older) page, None on the last


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    started_at: str
    finished: bool
    documents: int
    processed: int
    rejected: int
    failed: int
    flagged: int
    awaiting_review: int
    elapsed_s: float | None
    backend: str
    model: str


@dataclass(frozen=True)
class ChainPosition:
    seq: int
    hash: str
    record_intact: bool  # its hash recomputes from its content
    linked: bool  # its prev_hash is its predecessor's hash


@dataclass(frozen=True)
class DecisionDetail:
    decision: StoredEvent
    redacted: StoredEvent | None
    parsed: StoredEvent | None
    reviews: list[StoredEvent]
    replays: list[StoredEvent]
    views: int
    chain: ChainPosition
    review_state: str


def model_label(identity: ModelIdentity | Mapping[str, Any]) -> str:
    """backend:model_id@revision, from a typed identity or one as stored in a payload."""
    if isinstance(identity, ModelIdentity):
        return f"{identity.backend}:{identity.model_id}@{identity.revision}"
    return f"{identity['backend']}:{identity['model_id']}@{identity['revision']}"
