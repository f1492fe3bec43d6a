"""Kit: the due index of ``webhook_delivery`` asks for ``next_attempt_at IS NOT NULL`` (always true) besides
``status = 'pending'``, so that only the claim's walk of due deliveries can use it and a claim's check of a lane's
first delivery is a probe of the lane index by its key, whatever the planner believes of the pending count
(decision 79).

Revision ID: kit_0014
Revises: kit_0013
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0014"
down_revision = "kit_0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_webhook_delivery_due", "webhook_delivery")
    op.create_index(
        "ix_webhook_delivery_due",
        "webhook_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending' AND next_attempt_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_delivery_due", "webhook_delivery")
    op.create_index(
        "ix_webhook_delivery_due",
        "webhook_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
