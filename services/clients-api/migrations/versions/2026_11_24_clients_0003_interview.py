"""clients-api: interviews held.

Revision ID: clients_0003
Revises: clients_0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0003"
down_revision = "clients_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interview",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("channel IN ('in_person', 'phone', 'video')", name="ck_interview_channel"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE", name="fk_interview_client_id_client"),
        sa.PrimaryKeyConstraint("id", name="pk_interview"),
    )
    op.create_index("ix_interview_client_id", "interview", ["client_id"])


def downgrade() -> None:
    op.drop_table("interview")
