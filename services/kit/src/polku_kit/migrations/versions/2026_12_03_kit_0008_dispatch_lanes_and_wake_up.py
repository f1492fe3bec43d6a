"""Kit: each delivery's lane (its event's subject) and sequence, for ordered delivery per subject; a NOTIFY on
new outbox events, so that dispatchers wake at once instead of polling (decision 25).

Revision ID: kit_0008
Revises: kit_0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0008"
down_revision = "kit_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("webhook_delivery", sa.Column("lane", sa.Text(), nullable=True))
    op.add_column("webhook_delivery", sa.Column("sequence", sa.BigInteger(), nullable=True))
    op.execute(
        """
        UPDATE webhook_delivery d
        SET lane = coalesce(e.subject, e.id::text), sequence = e.sequence
        FROM outbox_event e
        WHERE e.id = d.event_id
        """
    )
    op.alter_column("webhook_delivery", "lane", nullable=False)
    op.alter_column("webhook_delivery", "sequence", nullable=False)
    op.create_index(
        "ix_webhook_delivery_lane",
        "webhook_delivery",
        ["subscription_id", "lane", "sequence"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    # One notification per inserting statement; PostgreSQL folds the same notification within a transaction,
    # and delivers it only when the transaction commits.
    op.execute(
        """
        CREATE FUNCTION polku_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('polku_webhooks', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
        FOR EACH STATEMENT EXECUTE FUNCTION polku_outbox_notify()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER outbox_event_notify ON outbox_event")
    op.execute("DROP FUNCTION polku_outbox_notify()")
    op.drop_index("ix_webhook_delivery_lane", "webhook_delivery")
    op.drop_column("webhook_delivery", "sequence")
    op.drop_column("webhook_delivery", "lane")
