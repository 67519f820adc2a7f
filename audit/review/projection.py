"""What the review app reads: runs, decisions, the review queue and one decision in detail.

Browsing 100,000 decisions by payload fields would mean parsing 100,000 JSON payloads per
page, so a projection (`review_decisions`, `review_decision_flags`) indexes them by run,
domain, model, review state and flag kind. It is derived from the chain alone and caught up
before each read (`sync`); the chain stays the only truth. Pages use keyset pagination on the
chain position, so page 1,000 costs what page 1 costs. What is appended (views, reviews,
exports, confirmations) goes through `audit.review.ledger`.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError

from audit.chain import GENESIS_HASH
from audit.errors import ReviewError
from audit.models import AuditEventRow, ReviewDecisionRow, ReviewFlagRow
from audit.review.catch_up import project_batch
from audit.review.four_eyes import AWAITING
from audit.review.views import (
    PAGE_SIZE,
    ChainPosition,
    DecisionDetail,
    DecisionFilters,
    DecisionPage,
    DecisionRow,
    RunSummary,
    model_label,
)
from audit.store import AuditStore
from audit.verification import recomputed_hash
from schemas.events import (
    DecisionRecorded,
    DocumentRedacted,
    EventType,
    RunFinished,
    RunStarted,
    StoredEvent,
)

REVIEW_STATES = ("none", "pending", "approved", "overridden", AWAITING)
_SYNC_BATCH = 2000
_SYNC_CONFLICT_RETRIES = 5


class ReviewProjection:
    """The review state of one audit store, read from its trail."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store
        self._sync_lock = threading.Lock()

    # -- the projection --------------------------------------------------------------------

    def sync(self) -> int:
        """Project the events appended since the last sync; returns how many were read.

        Never loops for good: a decision recorded twice (older stores hold such duplicates) is
        projected once, and a conflict with another app process is retried a bounded number
        of times, since that process has moved `last_seq` past what it projected.
        """
        with self._sync_lock:
            read, conflicts = 0, 0
            while True:
                try:
                    with self.store.engine.begin() as conn:
                        batch = project_batch(conn, _SYNC_BATCH)
                except IntegrityError as error:
                    conflicts += 1
                    if conflicts > _SYNC_CONFLICT_RETRIES:
                        raise ReviewError(
                            "the review projection cannot catch up with the audit trail",
                            hint="the projection tables (review_*) are derived data: drop their "
                            "rows and restart the review app to rebuild them from the chain",
                        ) from error
                    continue
                read += batch
                if batch < _SYNC_BATCH:
                    return read

    # -- reading ---------------------------------------------------------------------------

    def runs(self) -> list[RunSummary]:
        self.sync()
        started = self.store.events(event_type=EventType.RUN_STARTED)
        finished = {
            e.run_id: e.typed(RunFinished)
            for e in self.store.events(event_type=EventType.RUN_FINISHED)
        }
        flagged, awaiting = self._per_run_counts()
        summaries = []
        for event in reversed(started):
            start = event.typed(RunStarted)
            end = finished.get(event.run_id)
            summaries.append(
                RunSummary(
                    run_id=event.run_id,
                    started_at=event.created_at,
                    finished=end is not None,
                    documents=start.documents_found,
                    processed=end.processed if end else 0,
                    rejected=end.rejected if end else 0,
                    failed=end.failed if end else 0,
                    flagged=flagged.get(event.run_id, 0),
                    awaiting_review=awaiting.get(event.run_id, 0),
                    elapsed_s=end.elapsed_s if end else None,
                    backend=start.identity.backend,
                    model=model_label(start.identity),
                )
            )
        return summaries

    def _per_run_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        d = ReviewDecisionRow
        with self.store.engine.connect() as conn:
            flagged = conn.execute(
                select(d.run_id, func.count()).where(d.flag_count > 0).group_by(d.run_id)
            ).all()
            awaiting = conn.execute(
                select(d.run_id, func.count()).where(d.review_state == "pending").group_by(d.run_id)
            ).all()
        return {r: int(n) for r, n in flagged}, {r: int(n) for r, n in awaiting}

    def run(self, run_id: str) -> RunSummary | None:
        return next((r for r in self.runs() if r.run_id == run_id), None)

    def flags_by_kind(self, run_id: str) -> list[tuple[str, int]]:
        self.sync()
        f, d = ReviewFlagRow, ReviewDecisionRow
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(f.kind, func.count())
                .join(d, d.decision_id == f.decision_id)
                .where(d.run_id == run_id)
                .group_by(f.kind)
                .order_by(func.count().desc(), f.kind)
            ).all()
        return [(kind, int(n)) for kind, n in rows]

    def facets(self) -> dict[str, list[str]]:
        """The values each filter can take, for the filter form's choices."""
        self.sync()
        d = ReviewDecisionRow
        with self.store.engine.connect() as conn:
            return {
                "domain": list(conn.scalars(select(d.domain).distinct().order_by(d.domain))),
                "model": list(conn.scalars(select(d.model).distinct().order_by(d.model))),
                "flag": list(
                    conn.scalars(select(ReviewFlagRow.kind).distinct().order_by(ReviewFlagRow.kind))
                ),
                "review": list(REVIEW_STATES),
            }

    def decisions(
        self,
        filters: DecisionFilters,
        *,
        before: int | None = None,
        limit: int = PAGE_SIZE,
        oldest_first: bool = False,
    ) -> DecisionPage:
        self.sync()
        query = self.decision_query(filters, before=before, oldest_first=oldest_first)
        with self.store.engine.connect() as conn:
            rows = conn.execute(query.limit(limit + 1)).all()
        page = [_decision_row(row) for row in rows[:limit]]
        more = len(rows) > limit
        return DecisionPage(page, page[-1].seq if more and page else None)

    def decision_query(
        self, filters: DecisionFilters, *, before: int | None = None, oldest_first: bool = False
    ) -> Select[Any]:
        d = ReviewDecisionRow
        query = select(d.__table__)  # type: ignore[arg-type]
        position: Any = d.seq
        if filters.flag:
            # Walk the (kind, seq) index of the flags: a rare flag costs no scan of all decisions.
            f = ReviewFlagRow
            query = query.join(f, f.decision_id == d.decision_id).where(f.kind == filters.flag)
            position = f.seq
        if filters.run:
            query = query.where(d.run_id == filters.run)
        if filters.domain:
            query = query.where(d.domain == filters.domain)
        if filters.review:
            query = query.where(d.review_state == filters.review)
        if filters.model:
            query = query.where(d.model == filters.model)
        if filters.since:
            query = query.where(d.created_at >= filters.since)
        if filters.until:
            query = query.where(d.created_at < filters.until + "T99")
        if before is not None:
            query = query.where(position > before if oldest_first else position < before)
        return query.order_by(position.asc() if oldest_first else position.desc())

    def review_queue(
        self, *, after: int | None = None, reason: str | None = None, state: str = "pending"
    ) -> DecisionPage:
        """What the pipeline routed to review and no one has reviewed yet, oldest first
        (`state=AWAITING`: overrides waiting for a second reviewer); `reason` narrows it."""
        self.sync()
        query = self.decision_query(DecisionFilters(review=state), before=after, oldest_first=True)
        if reason:
            query = query.where(_has_reason(reason))
        with self.store.engine.connect() as conn:
            rows = conn.execute(query.limit(PAGE_SIZE + 1)).all()
        page = [_decision_row(row) for row in rows[:PAGE_SIZE]]
        more = len(rows) > PAGE_SIZE
        return DecisionPage(page, page[-1].seq if more and page else None)

    def queue_counts(self) -> dict[str, int]:
        """How many decisions are left in the queue, in all and per reason, and how many
        overrides wait for a second reviewer."""
        self.sync()
        d = ReviewDecisionRow
        with self.store.engine.connect() as conn:
            pending = conn.execute(
                select(d.review_reasons, func.count())
                .where(d.review_state == "pending")
                .group_by(d.review_reasons)
            ).all()
            awaiting = conn.scalar(select(func.count()).where(d.review_state == AWAITING))
        counts: dict[str, int] = {"all": 0, AWAITING: int(awaiting or 0)}
        for reasons, n in pending:
            counts["all"] += int(n)
            for reason in filter(None, reasons.split(",")):
                counts[reason] = counts.get(reason, 0) + int(n)
        return counts

    def decision(self, decision_id: str) -> DecisionDetail | None:
        self.sync()
        events = self.store.events(decision_id=decision_id)
        recorded = next((e for e in events if e.event_type == EventType.DECISION_RECORDED), None)
        if recorded is None or recorded.doc_id is None:
            return None
        text_sha = recorded.typed(DecisionRecorded).redacted_text_sha256
        redacted = next(
            (
                e
                for e in reversed(self.store.events(doc_id=recorded.doc_id))
                if e.event_type == EventType.DOCUMENT_REDACTED
                and e.typed(DocumentRedacted).redacted_text_sha256 == text_sha
            ),
            None,
        )
        parsed = self.store.last_event_of(recorded.doc_id, [EventType.DOCUMENT_PARSED])
        with self.store.engine.connect() as conn:
            state = conn.scalar(
                select(ReviewDecisionRow.review_state).where(
                    ReviewDecisionRow.decision_id == decision_id
                )
            )
        return DecisionDetail(
            decision=recorded,
            redacted=redacted,
            parsed=parsed,
            reviews=[e for e in events if e.event_type == EventType.DECISION_REVIEWED],
            replays=[e for e in events if e.event_type == EventType.DECISION_REPLAYED],
            views=sum(e.event_type == EventType.DECISION_VIEWED for e in events),
            chain=self._chain_position(recorded.seq),
            review_state=state or "none",
        )

    def _chain_position(self, seq: int) -> ChainPosition:
        """The record's own hash and its link to its predecessor; `attest verify` does the rest."""
        e = AuditEventRow
        with self.store.engine.connect() as conn:
            row = conn.execute(select(e.__table__).where(e.seq == seq)).one()  # type: ignore[arg-type]
            previous = conn.scalar(select(e.hash).where(e.seq == seq - 1))
        recomputed = recomputed_hash(row)
        linked = row.prev_hash == (previous if seq > 1 else GENESIS_HASH)
        return ChainPosition(seq, row.hash, recomputed == row.hash, linked)


def first_records(decisions: list[StoredEvent]) -> list[StoredEvent]:
    """Each decision once, as first recorded: older stores may hold a decision twice."""
    seen: set[str | None] = set()
    first = []
    for event in decisions:
        if event.decision_id not in seen:
            seen.add(event.decision_id)
            first.append(event)
    return first


def _has_reason(reason: str) -> Any:
    """The comma-joined reasons column holds `reason` as a whole item."""
    column = ReviewDecisionRow.review_reasons
    return or_(
        column == reason,
        column.startswith(reason + ","),
        column.endswith("," + reason),
        column.contains("," + reason + ","),
    )


def _decision_row(row: Any) -> DecisionRow:
    return DecisionRow(
        decision_id=row.decision_id,
        seq=row.seq,
        run_id=row.run_id,
        doc_id=row.doc_id,
        created_at=row.created_at,
        domain=row.domain,
        model=row.model,
        flag_count=row.flag_count,
        review_reasons=tuple(r for r in row.review_reasons.split(",") if r),
        review_state=row.review_state,
        reviewed_by=row.reviewed_by,
    )
