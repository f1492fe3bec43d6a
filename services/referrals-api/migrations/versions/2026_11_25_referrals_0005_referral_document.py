"""referrals-api: documents attached to referrals.

Revision ID: referrals_0005
Revises: referrals_0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0005"
down_revision = "referrals_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.Column("uploader_organisation_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], ondelete="CASCADE", name="fk_referral_document_referral_id_referral"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_referral_document"),
        sa.CheckConstraint("size_bytes <= 1048576", name="ck_referral_document_size"),
    )
    op.create_index("ix_referral_document_referral", "referral_document", ["referral_id", "created_at"])


def downgrade() -> None:
    op.drop_table("referral_document")
