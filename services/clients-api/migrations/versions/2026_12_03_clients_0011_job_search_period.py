"""clients-api: job-search periods, each with its own statutory schedule; the duties the coach clears.

Every existing client gets one period from its ``job_search_started_on``: open, unless the client's status is
``search_ended``, in which case it ends on the day of the last change to that status (reason ``other``). Stored
deadlines are marked out of date, so they are recomputed with the corrected rules before they are read.

Revision ID: clients_0011
Revises: clients_0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0011"
down_revision = "clients_0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_search_period",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("initial_interview", sa.Boolean(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("end_notes", sa.Text(), nullable=True),
        sa.Column("started_by", sa.Text(), nullable=False),
        sa.Column("ended_by", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_job_search_period_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_job_search_period"),
        sa.UniqueConstraint("client_id", "started_on", name="uq_job_search_period_client_id_started_on"),
    )
    op.create_index("ix_job_search_period_client_id", "job_search_period", ["client_id"])
    op.create_index(
        "ux_job_search_period_open",
        "job_search_period",
        ["client_id"],
        unique=True,
        postgresql_where=sa.text("ended_on IS NULL"),
    )
    op.execute(
        """
        INSERT INTO job_search_period
            (id, client_id, started_on, initial_interview, ended_on, end_reason, started_by, ended_by, version)
        SELECT gen_random_uuid(), c.id, c.job_search_started_on, true,
               CASE WHEN c.status = 'search_ended' THEN ended.changed_on END,
               CASE WHEN c.status = 'search_ended' THEN 'other' END,
               'system:migration',
               CASE WHEN c.status = 'search_ended' THEN 'system:migration' END,
               1
        FROM client c
        LEFT JOIN LATERAL (
            SELECT GREATEST(max(s.changed_on), c.job_search_started_on) AS changed_on
            FROM client_status_change s
            WHERE s.client_id = c.id AND s.status = 'search_ended'
        ) ended ON true
        """
    )
    op.execute("UPDATE client SET deadlines_valid_until = NULL")
    op.create_table(
        "duty_clearance",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("cleared_by", sa.Text(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_duty_clearance_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_duty_clearance"),
        sa.UniqueConstraint("client_id", "kind", "key", name="uq_duty_clearance_client_id_kind_key"),
    )
    op.create_index("ix_duty_clearance_client_id", "duty_clearance", ["client_id"])


def downgrade() -> None:
    op.drop_index("ix_duty_clearance_client_id", table_name="duty_clearance")
    op.drop_table("duty_clearance")
    op.drop_index("ux_job_search_period_open", table_name="job_search_period")
    op.drop_index("ix_job_search_period_client_id", table_name="job_search_period")
    op.drop_table("job_search_period")
