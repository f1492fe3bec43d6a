"""clients-api: job seekers and their status history.

Revision ID: clients_0002
Revises: clients_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0002"
down_revision = "clients_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("identity_code_hash", sa.Text(), nullable=False),
        sa.Column("identity_code_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("first_names", sa.Text(), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("home_municipality", sa.Text(), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("job_search_started_on", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("coach_subject", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "status IN ('unemployed', 'in_activating_service', 'employed', 'in_education', "
            "'outside_labour_force', 'search_ended')",
            name="ck_client_status",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_client"),
        sa.UniqueConstraint("organisation_id", "identity_code_hash", name="uq_client_organisation_id"),
    )
    op.create_index("ix_client_organisation_id", "client", ["organisation_id", "created_at", "id"])
    op.create_index("ix_client_coach_subject", "client", ["coach_subject"])
    op.create_table(
        "client_status_change",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_client_status_change_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_client_status_change"),
    )
    op.create_index("ix_client_status_change_client_id", "client_status_change", ["client_id"])


def downgrade() -> None:
    op.drop_table("client_status_change")
    op.drop_table("client")
