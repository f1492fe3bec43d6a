"""employer-api: employers and the log of contacts with them.

Revision ID: employer_0002
Revises: employer_0001
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0002"
down_revision = "employer_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "employer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("industry_code", sa.Text(), nullable=False),
        sa.Column("industry_main_class", sa.Text(), nullable=False),
        sa.Column("size_class", sa.Text(), nullable=True),
        sa.Column("municipalities", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("contact_people", postgresql.JSONB(), nullable=False),
        sa.Column("account_manager_subject", sa.Text(), nullable=True),
        sa.Column("consents_to_contact", sa.Boolean(), nullable=False),
        sa.Column("network_member", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employer"),
        sa.UniqueConstraint("authority_id", "business_id", name="uq_employer_authority_id_business_id"),
    )
    op.create_index("ix_employer_authority", "employer", ["authority_id", "created_at", "id"])
    op.create_index("ix_employer_account_manager", "employer", ["authority_id", "account_manager_subject"])
    op.create_table(
        "employer_contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=False),
        sa.Column("staff_subject", sa.Text(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("next_step_due", sa.Date(), nullable=True),
        sa.Column("next_step_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_step_done_by", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name="fk_employer_contact_employer_id_employer"),
        sa.PrimaryKeyConstraint("id", name="pk_employer_contact"),
    )
    op.create_index("ix_employer_contact_employer", "employer_contact", ["employer_id", "contacted_on", "id"])
    op.create_index(
        "ix_employer_contact_next_step_open",
        "employer_contact",
        ["authority_id", "next_step_due"],
        postgresql_where=sa.text("next_step_due IS NOT NULL AND next_step_done_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("employer_contact")
    op.drop_table("employer")
