"""The review app: users, login sessions, and a browsing projection of the decisions.

The projection tables are derived from audit_events and may be dropped and rebuilt at any
time; users and sessions are not part of the chain, but adding or disabling a user is.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_web_sessions_username", "web_sessions", ["username"])
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_table(
        "review_decisions",
        sa.Column("decision_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False, unique=True),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("domain", sa.String(16), nullable=False),
        sa.Column("model", sa.String(255), nullable=False),
        sa.Column("flag_count", sa.Integer(), nullable=False),
        sa.Column("review_reasons", sa.String(255), nullable=False),
        sa.Column("review_state", sa.String(16), nullable=False),
        sa.Column("reviewed_by", sa.String(64), nullable=True),
    )
    for name, columns in {
        "run_seq": ["run_id", "seq"],
        "domain_seq": ["domain", "seq"],
        "state_seq": ["review_state", "seq"],
        "model_seq": ["model", "seq"],
        "created_at": ["created_at"],
    }.items():
        op.create_index(f"ix_review_decisions_{name}", "review_decisions", columns)
    op.create_table(
        "review_decision_flags",
        sa.Column("decision_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_index("ix_review_decision_flags_kind_seq", "review_decision_flags", ["kind", "seq"])
    op.create_table(
        "review_projection",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "review_projection",
        "review_decision_flags",
        "review_decisions",
        "web_sessions",
        "users",
    ):
        op.drop_table(table)
