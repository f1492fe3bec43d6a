"""referrals-api: a version on partner organisations and services, for If-Match on their changes.

Revision ID: referrals_0008
Revises: referrals_0007
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0008"
down_revision = "referrals_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("organisation", "service"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in ("organisation", "service"):
        op.drop_column(table, "version")
