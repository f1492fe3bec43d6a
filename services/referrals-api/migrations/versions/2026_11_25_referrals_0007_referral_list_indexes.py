"""referrals-api: indexes for the lists by status and for a coach's own unanswered referrals.

A partner's inbox and a coach's referral board page through one status at a time, newest first; with only the
organisation in the index, a status that is a few percent of the rows (every open one) meant reading thousands
of rows for a page of 20. ``GET /v1/referrals/due?mine=true`` filters by the sender in SQL and reads only the
caller's own open referrals.

Revision ID: referrals_0007
Revises: referrals_0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0007"
down_revision = "referrals_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_referral_partner_status", "referral", ["partner_organisation_id", "status", "created_at", "id"])
    op.create_index("ix_referral_sender_status", "referral", ["sender_organisation_id", "status", "created_at", "id"])
    op.create_index(
        "ix_referral_open_due_subject",
        "referral",
        ["sender_organisation_id", "sender_subject", "due_on"],
        postgresql_where=sa.text("status IN ('requested', 'received')"),
    )


def downgrade() -> None:
    op.drop_index("ix_referral_open_due_subject", table_name="referral")
    op.drop_index("ix_referral_sender_status", table_name="referral")
    op.drop_index("ix_referral_partner_status", table_name="referral")
