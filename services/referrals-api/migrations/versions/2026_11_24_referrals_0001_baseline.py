"""referrals-api: baseline (the domain tables arrive with the referrals issue).

Revision ID: referrals_0001
Revises:
Create Date: 2026-11-24
"""

revision = "referrals_0001"
down_revision = None
branch_labels = ("referrals",)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
