"""referrals-api: the service directory.

Revision ID: referrals_0003
Revises: referrals_0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "referrals_0003"
down_revision = "referrals_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name_fi", sa.Text(), nullable=False),
        sa.Column("name_sv", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("description_fi", sa.Text(), nullable=False),
        sa.Column("description_sv", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("target_groups", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("municipalities", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("street_address", sa.Text(), nullable=True),
        sa.Column("postal_code", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("capacity_seats", sa.Integer(), nullable=True),
        sa.Column("capacity_period", sa.Text(), nullable=False),
        sa.Column("cost_per_client_eur", sa.Numeric(10, 2), nullable=True),
        sa.Column("cost_description", sa.Text(), nullable=True),
        sa.Column("production_model", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("response_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], ondelete="CASCADE", name="fk_service_organisation_id_organisation"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_service"),
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age", name="ck_service_age_range"
        ),
    )
    op.create_index("ix_service_organisation", "service", ["organisation_id", "created_at", "id"])
    op.create_index("ix_service_created", "service", ["created_at", "id"])
    for column in ("municipalities", "target_groups", "languages"):
        op.create_index(f"ix_service_{column}", "service", [column], postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("service")
