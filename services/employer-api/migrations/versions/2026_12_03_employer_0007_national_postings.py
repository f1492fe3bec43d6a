"""employer-api: vacancies sent to and read from the national platform (P66/P67), and reconciliation reports.

Revision ID: employer_0007
Revises: employer_0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0007"
down_revision = "employer_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vacancy", sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("vacancy", sa.Column("national_id", sa.Text(), nullable=True))
    op.add_column("vacancy", sa.Column("national_synced_version", sa.Integer(), nullable=True))
    op.add_column("vacancy", sa.Column("national_attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("vacancy", sa.Column("national_error", sa.Text(), nullable=True))
    op.add_column("vacancy", sa.Column("national_retry_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_vacancy_national_id", "vacancy", ["national_id"], unique=True)
    op.create_index(
        "ix_vacancy_national_pending",
        "vacancy",
        ["national_retry_at"],
        postgresql_where=sa.text(
            "source = 'here' AND status <> 'draft' "
            "AND (national_synced_version IS NULL OR national_synced_version < version)"
        ),
    )
    op.create_table(
        "reconciliation_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", postgresql.JSONB(), nullable=False),
        sa.Column("differences", postgresql.JSONB(), nullable=False),
        sa.Column("repaired", postgresql.JSONB(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reconciliation_report"),
    )
    op.create_index("ix_reconciliation_report_authority", "reconciliation_report", ["authority_id", "started_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_reconciliation_report_authority", table_name="reconciliation_report")
    op.drop_table("reconciliation_report")
    op.drop_index("ix_vacancy_national_pending", table_name="vacancy")
    op.drop_index("ix_vacancy_national_id", table_name="vacancy")
    for column in (
        "national_retry_at",
        "national_error",
        "national_attempts",
        "national_synced_version",
        "national_id",
        "removed_at",
    ):
        op.drop_column("vacancy", column)
