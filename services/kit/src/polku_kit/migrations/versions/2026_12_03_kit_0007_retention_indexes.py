"""Kit: indexes for retention (``<service> prune``) and the dead-letter count (idempotency keys have theirs).

Revision ID: kit_0007
Revises: kit_0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0007"
down_revision = "kit_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_outbox_event_fanned_out_at",
        "outbox_event",
        ["fanned_out_at"],
        postgresql_where=sa.text("fanned_out_at IS NOT NULL"),
    )
    op.create_index(
        "ix_webhook_delivery_delivered",
        "webhook_delivery",
        ["delivered_at"],
        postgresql_where=sa.text("status = 'delivered'"),
    )
    op.create_index(
        "ix_webhook_delivery_dead", "webhook_delivery", ["created_at"], postgresql_where=sa.text("status = 'dead'")
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_delivery_dead", "webhook_delivery")
    op.drop_index("ix_webhook_delivery_delivered", "webhook_delivery")
    op.drop_index("ix_outbox_event_fanned_out_at", "outbox_event")
