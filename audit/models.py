"""The audit table. Rows are only ever inserted: a correction is a new event."""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AuditEventRow(Base):
    __tablename__ = "audit_events"

    # Assigned by the store, not autoincremented, so a deleted row leaves a detectable gap.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[str] = mapped_column(String(32))
    event_type: Mapped[str] = mapped_column(String(40), index=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    doc_id: Mapped[str | None] = mapped_column(String(64), index=True)
    decision_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # Copied from the payload (and so covered by the hash) to find decisions by configuration.
    config_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # HMAC of `hash` under the chain key, which lives outside the database (audit/chain_key.py):
    # "key id:hex". NULL on records written without a key (older stores, keyless tools).
    mac: Mapped[str | None] = mapped_column(String(96), nullable=True)

    __table_args__ = (Index("ix_audit_events_doc_type", "doc_id", "event_type"),)


# -- the review app ---------------------------------------------------------------------------
# Users and sessions change (passwords, expiry); every change that matters is also an event.


class UserRow(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    # Only the token's hash is stored: a copy of the database does not let anyone log in.
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32), index=True)


class ReviewDecisionRow(Base):
    """A projection of the chain for browsing: rebuilt from the events, never the truth."""

    __tablename__ = "review_decisions"

    decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    run_id: Mapped[str] = mapped_column(String(64))
    doc_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    domain: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(255), doc="backend:model_id@revision")
    flag_count: Mapped[int] = mapped_column(Integer)
    review_reasons: Mapped[str] = mapped_column(String(255), doc="comma-separated")
    review_state: Mapped[str] = mapped_column(String(16), doc="none|pending|approved|overridden")
    reviewed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (
        Index("ix_review_decisions_run_seq", "run_id", "seq"),
        Index("ix_review_decisions_domain_seq", "domain", "seq"),
        Index("ix_review_decisions_state_seq", "review_state", "seq"),
        Index("ix_review_decisions_model_seq", "model", "seq"),
        Index("ix_review_decisions_created_at", "created_at"),
    )


class ReviewFlagRow(Base):
    __tablename__ = "review_decision_flags"

    decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_review_decision_flags_kind_seq", "kind", "seq"),)


class ReviewProjectionRow(Base):
    __tablename__ = "review_projection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
