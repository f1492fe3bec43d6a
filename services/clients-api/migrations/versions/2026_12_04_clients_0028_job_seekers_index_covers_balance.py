"""clients-api: the job seekers' index (organisation, id) also holds the coach, the team, the birth date and the
day the plan stops being up to date, so that the caseload balance reads an organisation's active clients from the
index alone (an index-only scan) instead of every one of their rows (decision 51).

Revision ID: clients_0028
Revises: clients_0027
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0028"
down_revision = "clients_0027"
branch_labels = None
depends_on = None

JOB_SEEKING = sa.text("status IN ('unemployed', 'in_activating_service')")


def upgrade() -> None:
    op.drop_index("ix_client_job_seekers", table_name="client")
    op.create_index(
        "ix_client_job_seekers",
        "client",
        ["organisation_id", "id"],
        postgresql_include=["coach_subject", "team_id", "birth_date", "plan_up_to_date_until"],
        postgresql_where=JOB_SEEKING,
    )


def downgrade() -> None:
    op.drop_index("ix_client_job_seekers", table_name="client")
    op.create_index("ix_client_job_seekers", "client", ["organisation_id", "id"], postgresql_where=JOB_SEEKING)
