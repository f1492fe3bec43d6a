"""referrals-api: messages between the sender's staff and the partner on a referral, and each reader's read
mark for the unread count.

Revision ID: referrals_0015
Revises: referrals_0014
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0015"
down_revision = "referrals_0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("author_subject", sa.Text(), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=True),
        sa.Column("author_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("author_organisation_name", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], ondelete="CASCADE", name="fk_referral_message_referral_id_referral"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_referral_message"),
    )
    op.create_index("ix_referral_message_referral", "referral_message", ["referral_id", "created_at"])
    op.create_table(
        "referral_message_receipt",
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("reader_subject", sa.Text(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            ondelete="CASCADE",
            name="fk_referral_message_receipt_referral_id_referral",
        ),
        sa.PrimaryKeyConstraint("referral_id", "reader_subject", name="pk_referral_message_receipt"),
    )


def downgrade() -> None:
    op.drop_table("referral_message_receipt")
    op.drop_index("ix_referral_message_referral", table_name="referral_message")
    op.drop_table("referral_message")
