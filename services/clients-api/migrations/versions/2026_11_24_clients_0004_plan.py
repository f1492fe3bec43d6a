"""clients-api: versioned plans.

Revision ID: clients_0004
Revises: clients_0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0004"
down_revision = "clients_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_version",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_type", sa.Text(), nullable=False),
        sa.Column("goals", postgresql.JSONB(), nullable=False),
        sa.Column("tasks", postgresql.JSONB(), nullable=False),
        sa.Column("applications_per_period", sa.Integer(), nullable=False),
        sa.Column("period_months", sa.Integer(), nullable=False),
        sa.Column("obligation_reduction_reason", sa.Text(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("plan_type IN ('employment', 'activation', 'integration')", name="ck_plan_version_type"),
        sa.CheckConstraint("period_months BETWEEN 1 AND 3", name="ck_plan_version_period"),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_plan_version_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plan_version"),
        sa.UniqueConstraint("client_id", "version", name="uq_plan_version_client_id"),
    )


def downgrade() -> None:
    op.drop_table("plan_version")
