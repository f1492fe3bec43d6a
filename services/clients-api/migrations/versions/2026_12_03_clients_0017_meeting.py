"""clients-api: meetings booked with a client for a deadline of the statutory schedule.

Revision ID: clients_0017
Revises: clients_0022
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0017"
down_revision = "clients_0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("deadline_kind", sa.Text(), nullable=False),
        sa.Column("deadline_number", sa.Integer(), nullable=False),
        sa.Column("deadline_due_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("coach_subject", sa.Text(), nullable=False),
        sa.Column("coach_name", sa.Text(), nullable=False),
        sa.Column("booked_by", sa.Text(), nullable=False),
        sa.Column("booked_by_name", sa.Text(), nullable=False),
        sa.Column("booked_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("updated_by_name", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=True),
        sa.Column("cancellation_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE", name="fk_meeting_client_id_client"),
        sa.ForeignKeyConstraint(
            ["interview_id"], ["interview.id"], ondelete="SET NULL", name="fk_meeting_interview_id_interview"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_meeting"),
    )
    op.create_index("ix_meeting_client_id", "meeting", ["client_id"])
    op.create_index("ix_meeting_coach", "meeting", ["organisation_id", "coach_subject", "starts_at"])
    op.create_index(
        "uq_meeting_booked_deadline",
        "meeting",
        ["client_id", "deadline_kind", "deadline_number"],
        unique=True,
        postgresql_where=sa.text("state = 'booked'"),
    )


def downgrade() -> None:
    op.drop_table("meeting")
