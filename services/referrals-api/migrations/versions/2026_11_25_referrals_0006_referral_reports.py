"""referrals-api: acceptance and feedback times, and the indexes the reports use.

Revision ID: referrals_0006
Revises: referrals_0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0006"
down_revision = "referrals_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referral", sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("referral", sa.Column("feedback_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_referral_sender_sent",
        "referral",
        ["sender_organisation_id", "sent_at"],
        postgresql_include=["service_id", "partner_organisation_id", "status", "outcome", "first_response_at"],
    )
    op.create_index(
        "ix_referral_service_accepted",
        "referral",
        ["service_id", "accepted_at"],
        postgresql_where=sa.text("accepted_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_referral_service_accepted", table_name="referral")
    op.drop_index("ix_referral_sender_sent", table_name="referral")
    op.drop_column("referral", "feedback_at")
    op.drop_column("referral", "accepted_at")
