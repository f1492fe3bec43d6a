"""Kit: the inbox keeps a received event for a worker (payload sealed, status, attempts, last error), in arrival
order per subject, and wakes the worker by NOTIFY (decision 33).

Revision ID: kit_0009
Revises: kit_0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0009"
down_revision = "kit_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inbox_event", sa.Column("sequence", sa.BigInteger(), sa.Identity(), nullable=False))
    op.create_unique_constraint("uq_inbox_event_sequence", "inbox_event", ["sequence"])
    op.add_column("inbox_event", sa.Column("subject", sa.Text(), nullable=True))
    op.add_column("inbox_event", sa.Column("lane", sa.Text(), nullable=True))
    op.add_column("inbox_event", sa.Column("time", sa.DateTime(timezone=True), nullable=True))
    op.add_column("inbox_event", sa.Column("payload", sa.dialects.postgresql.JSONB(), nullable=True))
    op.add_column("inbox_event", sa.Column("organisation_id", sa.Uuid(), nullable=True))
    op.add_column("inbox_event", sa.Column("received_by", sa.Text(), nullable=True))
    op.add_column("inbox_event", sa.Column("status", sa.Text(), server_default="processed", nullable=False))
    op.add_column("inbox_event", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("inbox_event", sa.Column("last_error", sa.Text(), nullable=True))
    op.add_column("inbox_event", sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("inbox_event", sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("inbox_event", sa.Column("parked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_inbox_event_lane",
        "inbox_event",
        ["lane", "sequence"],
        postgresql_where=sa.text("status = 'received'"),
    )
    op.create_index(
        "ix_inbox_event_parked",
        "inbox_event",
        ["organisation_id", "sequence"],
        postgresql_where=sa.text("status = 'parked'"),
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_event_parked", "inbox_event")
    op.drop_index("ix_inbox_event_lane", "inbox_event")
    for column in (
        "parked_at",
        "processed_at",
        "next_attempt_at",
        "last_error",
        "attempts",
        "status",
        "received_by",
        "organisation_id",
        "payload",
        "time",
        "lane",
        "subject",
    ):
        op.drop_column("inbox_event", column)
    op.drop_constraint("uq_inbox_event_sequence", "inbox_event")
    op.drop_column("inbox_event", "sequence")
