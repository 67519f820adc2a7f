"""Catching the review projection up with the trail: each decision recorded becomes a row
indexed by run, domain, model, flag kind and review state; each review or second reviewer's
answer moves that state. Derived from the chain alone: the tables can be dropped and rebuilt.

The catch-up reads the few payload fields it indexes straight from the stored JSON rather
than as typed events: it is the one reader that walks every decision of the store (100,000 in
the review app benchmark), and it keeps reading trails whose payloads predate a field.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select, update

from audit.models import AuditEventRow, ReviewDecisionRow, ReviewFlagRow, ReviewProjectionRow
from audit.review.four_eyes import AWAITING
from audit.review.views import model_label
from schemas.events import EventType

PROJECTED = [
    str(EventType.DECISION_RECORDED),
    str(EventType.DECISION_REVIEWED),
    str(EventType.OVERRIDE_CONFIRMED),
]


def project_batch(conn: Connection, limit: int) -> int:
    """Project up to `limit` events appended after the projection's last position, in the
    caller's transaction; returns how many were read (fewer than `limit`: caught up)."""
    state = conn.execute(select(ReviewProjectionRow.last_seq).where(ReviewProjectionRow.id == 1))
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
        .where(AuditEventRow.event_type.in_(PROJECTED))
        .order_by(AuditEventRow.seq)
        .limit(limit)
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


def _state_after(event_type: str, payload: dict[str, Any]) -> str:
    """The review state an event leaves a decision in. A rejected override puts the decision
    back in the queue: the pipeline's value stands and still wants a reviewer's word."""
    if event_type == EventType.OVERRIDE_CONFIRMED:
        return "overridden" if payload["action"] == "confirm" else "pending"
    if payload["action"] == "approve":
        return "approved"
    return AWAITING if payload.get("needs_second_reviewer") else "overridden"


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
