"""employer-api: vacancies, made here or imported.

Revision ID: employer_0003
Revises: employer_0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0003"
down_revision = "employer_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text_array = postgresql.ARRAY(sa.Text())
    op.create_table(
        "vacancy",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("title_fi", sa.Text(), nullable=False),
        sa.Column("title_sv", sa.Text(), nullable=True),
        sa.Column("title_en", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occupation_code", sa.Text(), nullable=False),
        sa.Column("occupation_minor_group", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("working_time", sa.Text(), nullable=False),
        sa.Column("employment_type", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("at_least_two_weeks", sa.Boolean(), nullable=False),
        sa.Column("application_deadline", sa.Date(), nullable=False),
        sa.Column("languages", text_array, nullable=False),
        sa.Column("driving_licences", text_array, nullable=False),
        sa.Column("other_licences", text_array, nullable=False),
        sa.Column("competences", text_array, nullable=False),
        sa.Column("requirements", sa.Text(), nullable=True),
        sa.Column("supports", text_array, nullable=False),
        sa.Column("positions", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_system", sa.Text(), nullable=True),
        sa.Column("external_id", sa.Text(), nullable=True),
        sa.Column("external_url", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name="fk_vacancy_employer_id_employer"),
        sa.PrimaryKeyConstraint("id", name="pk_vacancy"),
        sa.UniqueConstraint(
            "authority_id", "source_system", "external_id", name="uq_vacancy_authority_id_source_system_external_id"
        ),
        # An imported vacancy names where it came from; one made here does not.
        sa.CheckConstraint(
            "(source = 'imported') = (source_system IS NOT NULL AND external_id IS NOT NULL)",
            name="ck_vacancy_imported_names_its_source",
        ),
    )
    op.create_index("ix_vacancy_authority", "vacancy", ["authority_id", "created_at", "id"])
    op.create_index("ix_vacancy_employer", "vacancy", ["employer_id", "created_at"])
    op.create_index(
        "ix_vacancy_published_deadline",
        "vacancy",
        ["application_deadline"],
        postgresql_where=sa.text("status = 'published'"),
    )
    op.create_index(
        "ix_vacancy_open_occupation",
        "vacancy",
        ["authority_id", "occupation_minor_group", "occupation_code"],
        postgresql_where=sa.text("status = 'published'"),
    )


def downgrade() -> None:
    op.drop_table("vacancy")
