"""What the review app reads and appends: runs, decisions, reviews, views and exports.

Browsing 100,000 decisions by payload fields would mean parsing 100,000 JSON payloads per
page, so a projection (`review_decisions`, `review_decision_flags`) indexes them by run,
domain, model, review state and flag kind. It is derived from the chain alone and caught up
before each read (`sync`); the chain stays the only truth. Pages use keyset pagination on the
chain position, so page 1,000 costs what page 1 costs.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Select, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from audit.chain import GENESIS_HASH
from audit.corrections import AWAITING, changed_fields, critical_changes
from audit.errors import ReviewError
from audit.models import AuditEventRow, ReviewDecisionRow, ReviewFlagRow, ReviewProjectionRow
from audit.store import AuditStore, recomputed_hash
from audit.users import User
from schemas.canonical import sha256_of
from schemas.events import (
    DecisionReviewed,
    DecisionViewed,
    EventType,
    ReviewAction,
    RunExported,
    StoredEvent,
)
from schemas.outputs import OUTPUT_MODELS

PAGE_SIZE = 50
REVIEW_STATES = ("none", "pending", "approved", "overridden", AWAITING)
_PROJECTED = [
    str(EventType.DECISION_RECORDED),
    str(EventType.DECISION_REVIEWED),
    str(EventType.OVERRIDE_CONFIRMED),
]
_SYNC_BATCH = 2000
_SYNC_CONFLICT_RETRIES = 5


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


def model_label(identity: dict[str, Any]) -> str:
    return f"{identity['backend']}:{identity['model_id']}@{identity['revision']}"


class ReviewLedger:
    """The review app's window on one audit store."""

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
                        batch = self._sync_batch(conn)
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

    def _sync_batch(self, conn: Connection) -> int:
        state = conn.execute(
            select(ReviewProjectionRow.last_seq).where(ReviewProjectionRow.id == 1)
        )
        last_seq = state.scalar_one_or_none()
        if last_seq is None:
            conn.execute(insert(ReviewProjectionRow).values(id=1, last_seq=0))
            last_seq = 0
        rows = conn.execute(
            select(
                AuditEventRow.seq,
                AuditEventRow.event_type,
                AuditEventRow.decision_id,
                AuditEventRow.payload,
                AuditEventRow.run_id,
                AuditEventRow.doc_id,
                AuditEventRow.created_at,
                AuditEventRow.actor,
            )
            .where(AuditEventRow.seq > last_seq)
            .where(AuditEventRow.event_type.in_(_PROJECTED))
            .order_by(AuditEventRow.seq)
            .limit(_SYNC_BATCH)
        ).all()
        for seq, event_type, decision_id, payload_json, run_id, doc_id, created_at, actor in rows:
            payload = json.loads(payload_json)
            if event_type == EventType.DECISION_RECORDED:
                _project_decision(conn, seq, decision_id, payload, run_id, doc_id, created_at)
            else:
                new_state = _state_after(event_type, payload)
                conn.execute(
                    update(ReviewDecisionRow)
                    .where(ReviewDecisionRow.decision_id == decision_id)
                    .values(review_state=new_state, reviewed_by=actor)
                )
        if rows:
            conn.execute(
                update(ReviewProjectionRow)
                .where(ReviewProjectionRow.id == 1)
                .values(last_seq=rows[-1][0])
            )
        return len(rows)

    # -- reading ---------------------------------------------------------------------------

    def runs(self) -> list[RunSummary]:
        self.sync()
        started = self.store.events(event_type=EventType.RUN_STARTED)
        finished = {
            e.run_id: e.payload for e in self.store.events(event_type=EventType.RUN_FINISHED)
        }
        flagged, awaiting = self._per_run_counts()
        summaries = []
        for event in reversed(started):
            end = finished.get(event.run_id, {})
            identity = event.payload["identity"]
            summaries.append(
                RunSummary(
                    run_id=event.run_id,
                    started_at=event.created_at,
                    finished=bool(end),
                    documents=int(event.payload["documents_found"]),
                    processed=int(end.get("processed", 0)),
                    rejected=int(end.get("rejected", 0)),
                    failed=int(end.get("failed", 0)),
                    flagged=flagged.get(event.run_id, 0),
                    awaiting_review=awaiting.get(event.run_id, 0),
                    elapsed_s=end.get("elapsed_s"),
                    backend=identity["backend"],
                    model=model_label(identity),
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
        text_sha = recorded.payload["redacted_text_sha256"]
        redacted = next(
            (
                e
                for e in reversed(self.store.events(doc_id=recorded.doc_id))
                if e.event_type == EventType.DOCUMENT_REDACTED
                and e.payload["redacted_text_sha256"] == text_sha
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

    # -- appending -------------------------------------------------------------------------

    def record_view(self, user: User, decision: StoredEvent) -> None:
        self.store.append(
            [
                DecisionViewed(role=user.role.value).to_event(
                    EventType.DECISION_VIEWED,
                    decision.run_id,
                    doc_id=decision.doc_id,
                    decision_id=decision.decision_id,
                    actor=user.username,
                )
            ]
        )

    def record_review(
        self,
        user: User,
        decision: StoredEvent,
        action: ReviewAction,
        reason: str,
        new_output: str | None = None,
        *,
        four_eyes: bool = False,
    ) -> StoredEvent:
        """Append an approval or an override; the recorded decision is never touched. With
        `four_eyes`, an override that makes the decision less urgent waits for a second
        reviewer (audit.corrections)."""
        reason = reason.strip()
        output: dict[str, Any] | None = None
        if action == "override":
            if not reason:
                raise ReviewError(
                    "an override needs a reason", hint="say why the pipeline's value is wrong"
                )
            output = _valid_output(decision.payload["domain"], new_output or "")
        before = decision.payload["output"]
        critical = critical_changes(before, output) if output is not None and four_eyes else []
        review = DecisionReviewed(
            action=action,
            role=user.role.value,
            reason=reason,
            output=output,
            output_sha256=sha256_of(output) if output is not None else None,
            replaces_output_sha256=decision.payload["output_sha256"],
            changed_fields=changed_fields(before, output) if output is not None else [],
            critical_changes=critical,
            needs_second_reviewer=bool(critical),
        )
        [stored] = self.store.append(
            [
                review.to_event(
                    EventType.DECISION_REVIEWED,
                    decision.run_id,
                    doc_id=decision.doc_id,
                    decision_id=decision.decision_id,
                    actor=user.username,
                )
            ]
        )
        self.sync()
        return stored

    def record_export(self, user: User, run_id: str, fmt: str, decisions: int, sha256: str) -> None:
        export = RunExported(
            format=fmt,  # type: ignore[arg-type]
            role=user.role.value,
            decisions=decisions,
            sha256=sha256,
        )
        self.store.append([export.to_event(EventType.RUN_EXPORTED, run_id, actor=user.username)])


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


def _state_after(event_type: str, payload: dict[str, Any]) -> str:
    """The review state an event leaves a decision in. A rejected override puts the decision
    back in the queue: the pipeline's value stands and still wants a reviewer's word."""
    if event_type == EventType.OVERRIDE_CONFIRMED:
        return "overridden" if payload["action"] == "confirm" else "pending"
    if payload["action"] == "approve":
        return "approved"
    return AWAITING if payload.get("needs_second_reviewer") else "overridden"


def _valid_output(domain: str, text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReviewError(
            f"the new value is not JSON: {error.msg} at line {error.lineno}",
            hint="edit the structured output shown and keep it valid JSON",
        ) from None
    try:
        model = OUTPUT_MODELS[domain].model_validate(value)  # type: ignore[index]
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in error.errors()
        )
        raise ReviewError(
            f"the new value does not fit the {domain} schema: {problems}",
            hint="only values the output schema allows can be recorded",
        ) from None
    dumped: dict[str, Any] = model.model_dump(mode="json")
    return dumped


def _project_decision(
    conn: Connection,
    seq: int,
    decision_id: str,
    payload: dict[str, Any],
    run_id: str,
    doc_id: str,
    created_at: str,
) -> None:
    already = conn.scalar(
        select(ReviewDecisionRow.seq).where(ReviewDecisionRow.decision_id == decision_id)
    )
    if already is not None:
        # The same decision recorded again (a retried record stage in an older store): the
        # first record is the decision; the later copy changes nothing in the projection.
        return
    reasons = payload.get("review_reasons", [])
    conn.execute(
        insert(ReviewDecisionRow).values(
            decision_id=decision_id,
            seq=seq,
            run_id=run_id,
            doc_id=doc_id,
            created_at=created_at,
            domain=payload["domain"],
            model=model_label(payload["identity"])[:255],
            flag_count=len(payload.get("flags", [])),
            review_reasons=",".join(reasons),
            review_state="pending" if reasons else "none",
            reviewed_by=None,
        )
    )
    kinds = sorted({flag["kind"] for flag in payload.get("flags", [])})
    if kinds:
        conn.execute(
            insert(ReviewFlagRow),
            [{"decision_id": decision_id, "kind": kind, "seq": seq} for kind in kinds],
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
