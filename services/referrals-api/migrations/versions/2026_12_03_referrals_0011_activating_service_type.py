"""referrals-api: a directory service's activating-service type (optional), carried in a completed referral's
event so that clients-api records the client's activating-service episode.

Revision ID: referrals_0011
Revises: referrals_0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0011"
down_revision = "referrals_0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("service", sa.Column("activating_service_type", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("service", "activating_service_type")
