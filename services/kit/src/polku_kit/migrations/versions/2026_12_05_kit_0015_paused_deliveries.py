"""Kit: a delivery of an inactive webhook subscription is ``paused``, out of the dispatcher's walk of pending
deliveries, until the subscription is switched on again (decision 81). The deliveries pending for an inactive
subscription are paused (their leases cleared: a dispatcher of the previous version then records no result that would
make one pending again), and an index finds a subscription's paused deliveries when it is switched on.

Revision ID: kit_0015
Revises: kit_0014
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0015"
down_revision = "kit_0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_constraint("ck_webhook_delivery_status", "webhook_delivery", type_="check")
    op.create_check_constraint(
        "ck_webhook_delivery_status", "webhook_delivery", "status IN ('pending', 'paused', 'delivered', 'dead')"
    )
    op.execute(
        """
        UPDATE webhook_delivery d
        SET status = 'paused', lease_token = NULL, locked_until = NULL, updated_at = now()
        FROM webhook_subscription s
        WHERE s.id = d.subscription_id AND NOT s.active AND d.status = 'pending'
        """
    )
    op.create_index(
        "ix_webhook_delivery_paused",
        "webhook_delivery",
        ["subscription_id"],
        postgresql_where=sa.text("status = 'paused'"),
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_delivery_paused", "webhook_delivery")
    op.execute(
        """
        UPDATE webhook_delivery
        SET status = 'pending', next_attempt_at = now(), updated_at = now()
        WHERE status = 'paused'
        """
    )
    op.drop_constraint("ck_webhook_delivery_status", "webhook_delivery", type_="check")
    op.create_check_constraint(
        "ck_webhook_delivery_status", "webhook_delivery", "status IN ('pending', 'delivered', 'dead')"
    )
