"""clients-api: initial assessments with special-category notes kept apart, job-search reports and neglects,
interview cancellations and deadline waivers.

Revision ID: clients_0007
Revises: clients_0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0007"
down_revision = "clients_0006"
branch_labels = None
depends_on = None


def _client_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["client_id"], ["client.id"], ondelete="CASCADE", name=f"fk_{table}_client_id_client"
    )


def upgrade() -> None:
    op.create_table(
        "assessment_version",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("education", postgresql.JSONB(), nullable=False),
        sa.Column("work_history", postgresql.JSONB(), nullable=False),
        sa.Column("occupations", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("competences", postgresql.JSONB(), nullable=False),
        sa.Column("languages", postgresql.JSONB(), nullable=False),
        sa.Column("driving_licences", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("service_needs", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("supplementary_interviews", sa.Integer(), nullable=True),
        sa.Column("work_ability", sa.Text(), nullable=False),
        sa.Column("work_ability_description", sa.Text(), nullable=True),
        sa.Column("integration_starts_on", sa.Date(), nullable=True),
        sa.Column("integration_ends_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("work_ability IN ('full', 'partial')", name="ck_assessment_version_work_ability"),
        sa.CheckConstraint(
            "integration_ends_on IS NULL OR integration_ends_on > integration_starts_on",
            name="ck_assessment_version_integration_period",
        ),
        _client_fk("assessment_version"),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_version"),
        sa.UniqueConstraint("client_id", "version", name="uq_assessment_version_client_id"),
    )
    op.create_table(
        "assessment_special_note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_version", sa.Integer(), nullable=False),
        sa.Column("notes_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        _client_fk("assessment_special_note"),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_special_note"),
    )
    op.create_index("ix_assessment_special_note_client_id", "assessment_special_note", ["client_id"])

    op.create_table(
        "job_application",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("employer", sa.Text(), nullable=False),
        sa.Column("position", sa.Text(), nullable=False),
        sa.Column("occupation", sa.Text(), nullable=True),
        sa.Column("reported_by", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        _client_fk("job_application"),
        sa.PrimaryKeyConstraint("id", name="pk_job_application"),
    )
    op.create_index("ix_job_application_client_id", "job_application", ["client_id"])
    op.create_table(
        "job_search_neglect",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("period_starts_on", sa.Date(), nullable=False),
        sa.Column("period_ends_on", sa.Date(), nullable=False),
        sa.Column("required", sa.Integer(), nullable=False),
        sa.Column("reported", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("consequence", sa.Text(), nullable=False),
        sa.Column("non_compensable_days", sa.Integer(), nullable=True),
        sa.Column("rule_set", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        _client_fk("job_search_neglect"),
        sa.PrimaryKeyConstraint("id", name="pk_job_search_neglect"),
        sa.UniqueConstraint("client_id", "period_starts_on", name="uq_job_search_neglect_client_id"),
    )
    op.create_index("ix_job_search_neglect_client_id", "job_search_neglect", ["client_id"])

    op.add_column("interview", sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("interview", sa.Column("cancelled_by", sa.Text(), nullable=True))
    op.add_column("interview", sa.Column("cancelled_by_party", sa.Text(), nullable=True))
    op.add_column("interview", sa.Column("cancellation_reason", sa.Text(), nullable=True))
    op.create_table(
        "deadline_waiver",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("waived_by", sa.Text(), nullable=False),
        sa.Column("waived_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        _client_fk("deadline_waiver"),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_waiver"),
        sa.UniqueConstraint("client_id", "kind", "number", name="uq_deadline_waiver_client_id"),
    )
    op.create_index("ix_deadline_waiver_client_id", "deadline_waiver", ["client_id"])


def downgrade() -> None:
    op.drop_table("deadline_waiver")
    for column in ("cancellation_reason", "cancelled_by_party", "cancelled_by", "cancelled_at"):
        op.drop_column("interview", column)
    op.drop_table("job_search_neglect")
    op.drop_table("job_application")
    op.drop_table("assessment_special_note")
    op.drop_table("assessment_version")
