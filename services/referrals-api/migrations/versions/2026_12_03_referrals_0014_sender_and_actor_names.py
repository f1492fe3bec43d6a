"""referrals-api: a referral names its sender and how to reach them, and each transition the person and
organisation that made it, from their tokens at the time, so that the partner sees who sent it and every history
row names who acted.

Revision ID: referrals_0014
Revises: referrals_0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0014"
down_revision = "referrals_0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referral", sa.Column("sender_name", sa.Text(), nullable=True))
    op.add_column("referral", sa.Column("sender_organisation_name", sa.Text(), nullable=True))
    op.add_column("referral", sa.Column("sender_email", sa.Text(), nullable=True))
    op.add_column("referral_transition", sa.Column("actor_name", sa.Text(), nullable=True))
    op.add_column("referral_transition", sa.Column("actor_organisation_name", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("referral_transition", "actor_organisation_name")
    op.drop_column("referral_transition", "actor_name")
    op.drop_column("referral", "sender_email")
    op.drop_column("referral", "sender_organisation_name")
    op.drop_column("referral", "sender_name")
