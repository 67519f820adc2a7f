"""The re-identification vault: redacted spans' originals, AES-GCM encrypted.

Rows are written only when a vault key is configured; without one the table stays empty.
Nothing here is part of the hash chain: re-identifying is recorded there as an event.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reid_vault",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("redacted_sha256", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("replacement", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("doc_id", "redacted_sha256", "start", name="uq_reid_vault_span"),
    )
    op.create_index("ix_reid_vault_doc_id", "reid_vault", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_reid_vault_doc_id", table_name="reid_vault")
    op.drop_table("reid_vault")
