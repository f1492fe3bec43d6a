"""employer-api: job offers, introductions and supports with the money committed.

Revision ID: employer_0005
Revises: employer_0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0005"
down_revision = "employer_0004"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "job_offer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("vacancy_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("offered_by", sa.Text(), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("counts_toward_job_search", sa.Boolean(), nullable=False),
        sa.Column("outcome_by", sa.Text(), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name="fk_job_offer_vacancy_id_vacancy"),
        sa.PrimaryKeyConstraint("id", name="pk_job_offer"),
    )
    op.create_index("ix_job_offer_client", "job_offer", ["authority_id", "client_id", "created_at"])
    op.create_index("ix_job_offer_vacancy", "job_offer", ["vacancy_id", "created_at"])
    op.create_index(
        "uq_job_offer_open",
        "job_offer",
        ["vacancy_id", "client_id"],
        unique=True,
        postgresql_where=sa.text("status = 'sent'"),
    )
    op.create_table(
        "introduction",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("vacancy_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column("introduced_by", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("outcome_by", sa.Text(), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name="fk_introduction_vacancy_id_vacancy"),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name="fk_introduction_employer_id_employer"),
        sa.PrimaryKeyConstraint("id", name="pk_introduction"),
    )
    op.create_index("ix_introduction_client", "introduction", ["authority_id", "client_id", "created_at"])
    op.create_index("ix_introduction_vacancy", "introduction", ["vacancy_id", "created_at"])
    op.create_index("uq_introduction_vacancy_client", "introduction", ["vacancy_id", "client_id"], unique=True)
    op.create_table(
        "support",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("vacancy_id", sa.Uuid(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("ground", sa.Text(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("monthly_wage_cost", sa.Numeric(12, 2), nullable=True),
        sa.Column("amount", sa.Numeric(12, 2), nullable=True),
        sa.Column("committed_by_month", postgresql.JSONB(), nullable=False),
        sa.Column("total_committed", sa.Numeric(12, 2), nullable=False),
        sa.Column("ended_reason", sa.Text(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name="fk_support_employer_id_employer"),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name="fk_support_vacancy_id_vacancy"),
        sa.PrimaryKeyConstraint("id", name="pk_support"),
    )
    op.create_index("ix_support_authority", "support", ["authority_id", "decided_on", "id"])
    op.create_index("ix_support_employer", "support", ["employer_id"])
    op.create_index("ix_support_client", "support", ["authority_id", "client_id"])


def downgrade() -> None:
    op.drop_table("support")
    op.drop_table("introduction")
    op.drop_table("job_offer")
