"""clients-api: the client's timeline, with the events emitted before it existed.

Revision ID: clients_0008
Revises: clients_0007
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0008"
down_revision = "clients_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_subject", sa.Text(), nullable=True),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_timeline_entry_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_timeline_entry"),
        sa.UniqueConstraint("event_id", name="uq_timeline_entry_event_id"),
    )
    op.create_index("ix_timeline_entry_client", "timeline_entry", ["client_id", "occurred_at", "id"])
    # Events emitted before the timeline existed (the outbox keeps them) become its first entries. On a new
    # database the kit's branch may not have made the outbox yet; then there is nothing to carry over.
    if sa.inspect(op.get_bind()).has_table("outbox_event"):
        op.execute("""
        INSERT INTO timeline_entry (id, client_id, event_id, source, type, occurred_at, data)
        SELECT gen_random_uuid(), client.id, outbox_event.id::text, outbox_event.source, outbox_event.type,
               outbox_event.time, outbox_event.data
        FROM outbox_event
        JOIN client ON outbox_event.subject = 'clients/' || client.id::text
        WHERE outbox_event.source = '/polku/clients-api'
    """)


def downgrade() -> None:
    op.drop_table("timeline_entry")
