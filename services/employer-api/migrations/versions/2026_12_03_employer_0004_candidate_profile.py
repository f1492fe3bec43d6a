"""employer-api: candidate profiles fed by clients-api's events, indexed for matching.

Revision ID: employer_0004
Revises: employer_0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0004"
down_revision = "employer_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text_array = postgresql.ARRAY(sa.Text())
    op.create_table(
        "candidate_profile",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("occupations", text_array, server_default="{}", nullable=False),
        sa.Column("minor_groups", text_array, server_default="{}", nullable=False),
        sa.Column("competences", text_array, server_default="{}", nullable=False),
        sa.Column("languages", text_array, server_default="{}", nullable=False),
        sa.Column("driving_licences", text_array, server_default="{}", nullable=False),
        sa.Column("municipality", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("unemployed_since", sa.Date(), nullable=True),
        sa.Column("target_groups", text_array, server_default="{}", nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assessment_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name="pk_candidate_profile"),
    )
    for column in ("occupations", "minor_groups", "competences"):
        op.create_index(
            f"ix_candidate_profile_{column}",
            "candidate_profile",
            [column],
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        )
    op.create_index("ix_candidate_profile_organisation", "candidate_profile", ["organisation_id", "status"])


def downgrade() -> None:
    op.drop_table("candidate_profile")
