"""Kit: a version on webhook subscriptions, for If-Match on their changes.

Revision ID: kit_0005
Revises: kit_0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0005"
down_revision = "kit_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("webhook_subscription", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_column("webhook_subscription", "version")
