"""clients-api: reports of the reconciliation of job seekers with the national platform.

Revision ID: clients_0015
Revises: clients_0014
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0015"
down_revision = "clients_0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reconciliation_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", postgresql.JSONB(), nullable=False),
        sa.Column("differences", postgresql.JSONB(), nullable=False),
        sa.Column("repaired", postgresql.JSONB(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reconciliation_report"),
    )
    op.create_index(
        "ix_reconciliation_report_organisation", "reconciliation_report", ["organisation_id", "started_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_reconciliation_report_organisation", table_name="reconciliation_report")
    op.drop_table("reconciliation_report")
