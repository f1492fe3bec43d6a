"""referrals-api: referrals, their transitions, and joint referrals.

Revision ID: referrals_0004
Revises: referrals_0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "referrals_0004"
down_revision = "referrals_0003"
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('requested', 'received')")


def upgrade() -> None:
    op.create_table(
        "joint_referral",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("sender_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("sender_subject", sa.Text(), nullable=False),
        sa.Column("team_name", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_joint_referral"),
    )
    op.create_index("ix_joint_referral_sender", "joint_referral", ["sender_organisation_id", "created_at", "id"])
    op.create_table(
        "referral",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("partner_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("sender_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("sender_subject", sa.Text(), nullable=False),
        sa.Column("joint_referral_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("feedback_score", sa.Integer(), nullable=True),
        sa.Column("feedback_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], name="fk_referral_service_id_service"),
        sa.ForeignKeyConstraint(
            ["partner_organisation_id"], ["organisation.id"], name="fk_referral_partner_organisation_id_organisation"
        ),
        sa.ForeignKeyConstraint(
            ["joint_referral_id"], ["joint_referral.id"], name="fk_referral_joint_referral_id_joint_referral"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_referral"),
        sa.CheckConstraint(
            "status IN ('draft', 'requested', 'received', 'accepted', 'rejected', 'in_progress', 'on_hold', "
            "'completed', 'cancelled', 'expired')",
            name="ck_referral_status",
        ),
        sa.CheckConstraint("status <> 'rejected' OR rejection_reason IS NOT NULL", name="ck_referral_rejection_reason"),
        sa.CheckConstraint("status <> 'completed' OR outcome IS NOT NULL", name="ck_referral_outcome"),
        sa.CheckConstraint("feedback_score IS NULL OR feedback_score BETWEEN 1 AND 5", name="ck_referral_feedback"),
    )
    op.create_index("ix_referral_partner", "referral", ["partner_organisation_id", "created_at", "id"])
    op.create_index("ix_referral_sender", "referral", ["sender_organisation_id", "created_at", "id"])
    op.create_index("ix_referral_client", "referral", ["client_id"])
    op.create_index("ix_referral_open_due", "referral", ["sender_organisation_id", "due_on"], postgresql_where=OPEN)
    op.create_index("ix_referral_expiry", "referral", ["due_on"], postgresql_where=OPEN)
    op.create_table(
        "referral_transition",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.Text(), nullable=True),
        sa.Column("to_status", sa.Text(), nullable=False),
        sa.Column("actor_subject", sa.Text(), nullable=False),
        sa.Column("actor_organisation_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], ondelete="CASCADE", name="fk_referral_transition_referral_id_referral"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_referral_transition"),
    )
    op.create_index("ix_referral_transition_referral", "referral_transition", ["referral_id", "occurred_at"])


def downgrade() -> None:
    op.drop_table("referral_transition")
    op.drop_table("referral")
    op.drop_table("joint_referral")
