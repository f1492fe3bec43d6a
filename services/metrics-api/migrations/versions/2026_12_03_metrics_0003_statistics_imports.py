"""metrics-api: imported statistics (labour force and population, Kela's benefits, budget lines) and their imports.

Revision ID: metrics_0003
Revises: metrics_0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "metrics_0003"
down_revision = "metrics_0002"
branch_labels = None
depends_on = None

TABLES = ("budget_line", "kela_benefit", "labour_force", "import_batch")


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("vintage", sa.Text(), nullable=True),
        sa.Column("file_format", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_index(op.f("ix_import_batch_organisation_id"), "import_batch", ["organisation_id"], unique=False)
    op.create_table(
        "labour_force",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("group", sa.Text(), nullable=False),
        sa.Column("labour_force", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("vintage", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "municipality", "month", "group", name=op.f("pk_labour_force")),
    )
    op.create_table(
        "kela_benefit",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("benefit_type", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("euros", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("vintage", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint(
            "organisation_id", "municipality", "month", "benefit_type", name=op.f("pk_kela_benefit")
        ),
    )
    op.create_table(
        "budget_line",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("budget_class", sa.Text(), nullable=False),
        sa.Column("budgeted", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("actual", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("committed", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "month", "line", name=op.f("pk_budget_line")),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
