"""Kit: internal webhook subscriptions (other Polku services, configured by the operator).

Revision ID: kit_0004
Revises: kit_0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0004"
down_revision = "kit_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "webhook_subscription", sa.Column("internal", sa.Boolean(), server_default=sa.text("false"), nullable=False)
    )
    op.create_index(
        "uq_webhook_subscription_internal_url",
        "webhook_subscription",
        ["url"],
        unique=True,
        postgresql_where=sa.text("internal"),
    )


def downgrade() -> None:
    op.drop_index("uq_webhook_subscription_internal_url", table_name="webhook_subscription")
    op.drop_column("webhook_subscription", "internal")
