"""Keyed chain and no replacing: a `mac` column, and INSERT OR REPLACE refused on SQLite.

`mac` holds each record's HMAC under the chain key kept outside the database
(audit/chain_key.py); records written before this revision have none and are vouched for by the
first sealed record after them.

SQLite's `INSERT OR REPLACE` (and an upsert) resolves a clash on `seq` or `event_id` by deleting
the old row, and that implicit delete fires no DELETE trigger unless the connection turned on
`recursive_triggers`, which an intruder's connection would not. A BEFORE INSERT trigger that
refuses any insert clashing with an existing row runs before the conflict is resolved, on every
connection. PostgreSQL needs nothing more: `ON CONFLICT DO UPDATE` fires the UPDATE trigger.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MESSAGE = "audit_events is append-only: a record cannot be replaced"


def upgrade() -> None:
    # A store that predates migrations was stamped at 0001 with the model's table of its day;
    # one created from today's model by hand may have the column already.
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("audit_events")}
    if "mac" not in columns:
        op.add_column("audit_events", sa.Column("mac", sa.String(96), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events "
            "WHEN EXISTS (SELECT 1 FROM audit_events "
            "WHERE seq = NEW.seq OR event_id = NEW.event_id) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_events_no_replace")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("mac")
