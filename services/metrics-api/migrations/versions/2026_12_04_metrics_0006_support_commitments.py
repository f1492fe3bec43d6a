"""metrics-api: the euros that employer-api's support decisions commit, by month, for the budget beside the
imported commitments (filled by ``subsidy.decided`` / ``subsidy.ended``, emptied and filled again by a rebuild).

Revision ID: metrics_0006
Revises: metrics_0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "metrics_0006"
down_revision = "metrics_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_commitment",
        sa.Column("support_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("support_type", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("by_period", sa.Boolean(), nullable=False),
        sa.Column("committed_by_month", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("support_id", name=op.f("pk_support_commitment")),
    )
    op.create_index("ix_support_commitment_organisation_id", "support_commitment", ["organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_support_commitment_organisation_id", table_name="support_commitment")
    op.drop_table("support_commitment")
