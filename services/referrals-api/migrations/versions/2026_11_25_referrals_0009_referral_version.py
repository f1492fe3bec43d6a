"""referrals-api: a version on referrals, for If-Match on the change of a draft.

Revision ID: referrals_0009
Revises: referrals_0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0009"
down_revision = "referrals_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referral", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_column("referral", "version")
