"""metrics-api: the stock figures' monthly cross-section, stored. A row per client and count date (what the client
was then: municipality, status, groups, in an activating service) and its tallies by organisation, count date,
municipality and group, kept by the feed (a client's rows made again on each of their events) and by the rebuild.

Revision ID: metrics_0005
Revises: metrics_0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "metrics_0005"
down_revision = "metrics_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_cross_section",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("count_date", sa.Date(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),  # '': none known
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("groups", sa.ARRAY(sa.Text()), nullable=False),
        sa.Column("in_service", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "count_date", name=op.f("pk_stock_cross_section")),
    )
    op.create_table(
        "stock_tally",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("count_date", sa.Date(), nullable=False),
        sa.Column("grp", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),  # '': none known
        sa.Column("job_seekers", sa.Integer(), nullable=False),
        sa.Column("unemployed", sa.Integer(), nullable=False),
        sa.Column("long_term_unemployed", sa.Integer(), nullable=False),
        sa.Column("in_service", sa.Integer(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "count_date", "grp", "municipality", name=op.f("pk_stock_tally")),
    )
    # The count dates the cross-section holds (one row; none: not built yet, the figures are computed live).
    op.create_table(
        "stock_cross_section_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("days", sa.ARRAY(sa.Date()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_cross_section_days")),
    )


def downgrade() -> None:
    op.drop_table("stock_cross_section_days")
    op.drop_table("stock_tally")
    op.drop_table("stock_cross_section")
