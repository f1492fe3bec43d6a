"""Kit: an internal webhook subscription is kept under its receiver's configured name (``receiver``), not its URL
(decision 83), so a receiver that moves keeps its subscription and its backlog.

Until now a changed URL made a new subscription and paused the old one's deliveries for good. Where a name holds
several internal subscriptions, one is kept: the active one, else the most recently updated. The others' paused and
pending deliveries whose event the kept one does not have yet are moved to it, pending and due now if it is active,
paused otherwise; their delivered and dead history stays where it is. The others are switched off (what they still
have pending is paused) and named after their URL as well, so that each name is one subscription's.

Going down puts back the unique index on the URL of internal subscriptions, and each one's name in its description;
it fails if two internal subscriptions have come to share a URL since (two names configured at one address), which the
upgrade allows. Moved deliveries stay where they were moved.

Revision ID: kit_0016
Revises: kit_0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0016"
down_revision = "kit_0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adding the column locks webhook_subscription until this migration commits: no dispatcher fans out, claims or
    # makes internal subscriptions meanwhile (each of those reads the table), so none writes a delivery to a kept
    # subscription between the check below of what it has and the move.
    op.add_column("webhook_subscription", sa.Column("receiver", sa.Text(), nullable=True))
    op.execute("UPDATE webhook_subscription SET receiver = coalesce(description, url) WHERE internal")
    # Each internal subscription that is not its name's kept one, beside the kept one.
    op.execute(
        """
        CREATE TEMPORARY TABLE kit_0016_merged ON COMMIT DROP AS
        SELECT id, kept_id, kept_active FROM (
            SELECT id,
                   first_value(id) OVER by_name AS kept_id,
                   first_value(active) OVER by_name AS kept_active,
                   row_number() OVER by_name AS place
            FROM webhook_subscription
            WHERE internal
            WINDOW by_name AS (PARTITION BY receiver ORDER BY active DESC, updated_at DESC, created_at DESC, id)
        ) ranked
        WHERE place > 1
        """
    )
    # One delivery of an event moves, however many of the others had it. Leases are cleared: a dispatcher of the
    # previous version then records no result for a delivery now in another subscription's lane. Its result recorded
    # meanwhile (that table is not locked) is seen by the status compared again as the row is updated.
    op.execute(
        """
        WITH moving AS (
            SELECT DISTINCT ON (m.kept_id, d.event_id) d.id, m.kept_id, m.kept_active
            FROM webhook_delivery d
            JOIN kit_0016_merged m ON m.id = d.subscription_id
            WHERE d.status IN ('pending', 'paused')
              AND NOT EXISTS (
                  SELECT 1 FROM webhook_delivery k WHERE k.subscription_id = m.kept_id AND k.event_id = d.event_id
              )
            ORDER BY m.kept_id, d.event_id, d.created_at
        )
        UPDATE webhook_delivery d
        SET subscription_id = moving.kept_id,
            status = CASE WHEN moving.kept_active THEN 'pending' ELSE 'paused' END,
            next_attempt_at = CASE WHEN moving.kept_active THEN now() ELSE d.next_attempt_at END,
            lease_token = NULL, locked_until = NULL, updated_at = now()
        FROM moving
        WHERE d.id = moving.id AND d.status IN ('pending', 'paused')
        """
    )
    # What the others still have pending (events the kept one has too) is paused with them.
    op.execute(
        """
        UPDATE webhook_delivery d
        SET status = 'paused', lease_token = NULL, locked_until = NULL, updated_at = now()
        FROM kit_0016_merged m
        WHERE m.id = d.subscription_id AND d.status = 'pending'
        """
    )
    op.execute(
        """
        UPDATE webhook_subscription s
        SET active = false, receiver = s.receiver || ' (' || s.url || ')', updated_at = now()
        FROM kit_0016_merged m
        WHERE m.id = s.id
        """
    )
    op.drop_index("uq_webhook_subscription_internal_url", table_name="webhook_subscription")
    op.create_index(
        "uq_webhook_subscription_internal_receiver",
        "webhook_subscription",
        ["receiver"],
        unique=True,
        postgresql_where=sa.text("internal"),
    )
    op.create_check_constraint(
        "ck_webhook_subscription_receiver", "webhook_subscription", "internal = (receiver IS NOT NULL)"
    )


def downgrade() -> None:
    # The name stays in the description (where it was before, and where going up again finds it): the subscriptions
    # named after their URL as well keep that name, and going up again keeps the same one under each name.
    op.execute("UPDATE webhook_subscription SET description = receiver WHERE internal")
    op.drop_constraint("ck_webhook_subscription_receiver", "webhook_subscription", type_="check")
    op.drop_index("uq_webhook_subscription_internal_receiver", table_name="webhook_subscription")
    op.create_index(
        "uq_webhook_subscription_internal_url",
        "webhook_subscription",
        ["url"],
        unique=True,
        postgresql_where=sa.text("internal"),
    )
    op.drop_column("webhook_subscription", "receiver")
