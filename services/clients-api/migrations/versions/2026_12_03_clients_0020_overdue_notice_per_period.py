"""clients-api: an overdue notice belongs to a job-search period, so that a later period's deadlines (its own
initial interview, numbered from one again) are announced too.

Existing notices take the first day of the period their deadline fell in (the latest period that started on or
before the due day; the client's job-search start if no period did).

Revision ID: clients_0020
Revises: clients_0015
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0020"
down_revision = "clients_0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("overdue_notice", sa.Column("search_started_on", sa.Date(), nullable=True))
    op.execute(
        """
        UPDATE overdue_notice AS n
           SET search_started_on = coalesce(
                 (SELECT max(p.started_on) FROM job_search_period AS p
                   WHERE p.client_id = n.client_id AND p.started_on <= n.due_on),
                 (SELECT c.job_search_started_on FROM client AS c WHERE c.id = n.client_id))
        """
    )
    op.alter_column("overdue_notice", "search_started_on", nullable=False)
    op.drop_constraint("uq_overdue_notice_client_id_kind_number", "overdue_notice", type_="unique")
    op.create_unique_constraint(
        "uq_overdue_notice_client_id_search_started_on_kind_number",
        "overdue_notice",
        ["client_id", "search_started_on", "kind", "number"],
    )


def downgrade() -> None:
    op.drop_constraint("uq_overdue_notice_client_id_search_started_on_kind_number", "overdue_notice", type_="unique")
    # Keep the latest period's notice of each deadline: the old key allowed one.
    op.execute(
        """
        DELETE FROM overdue_notice AS n USING overdue_notice AS m
         WHERE n.client_id = m.client_id AND n.kind = m.kind AND n.number = m.number
           AND n.search_started_on < m.search_started_on
        """
    )
    op.create_unique_constraint(
        "uq_overdue_notice_client_id_kind_number", "overdue_notice", ["client_id", "kind", "number"]
    )
    op.drop_column("overdue_notice", "search_started_on")
