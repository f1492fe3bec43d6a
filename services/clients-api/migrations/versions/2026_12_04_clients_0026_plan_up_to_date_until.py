"""clients-api: the last day a client's plan is up to date, stored on the client row (``plan_up_to_date_until``;
NULL: it is not), so that the caseload balance counts the plan debt from the client rows alone (decision 45).
Filled here from the latest plan version and the latest mandatory interview held as the stored deadlines record
it, by the rule of clients_api.plan.status; from now on the deadlines' refresh and a plan save keep it.

Revision ID: clients_0026
Revises: clients_0025
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0026"
down_revision = "clients_0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("client", sa.Column("plan_up_to_date_until", sa.Date(), nullable=True))
    op.execute(
        r"""
        UPDATE client AS c SET plan_up_to_date_until = f.until
        FROM (
            SELECT client.id,
                   CASE WHEN p.created_at IS NOT NULL AND i.held IS NOT NULL
                             AND (p.created_at AT TIME ZONE 'Europe/Helsinki')::date >= i.held
                             AND p.applications_per_period IS NOT NULL
                             AND (p.applications_per_period >= 4 * coalesce(p.period_months, 1)
                                  OR coalesce(p.obligation_reduction_reason, '') ~ '\S')
                        THEN (i.held + interval '3 months')::date END AS until
            FROM client
            LEFT JOIN LATERAL (
                SELECT created_at, applications_per_period, period_months, obligation_reduction_reason
                FROM plan_version WHERE plan_version.client_id = client.id ORDER BY version DESC LIMIT 1
            ) AS p ON true
            LEFT JOIN LATERAL (
                SELECT max(held_on) AS held FROM client_deadline
                WHERE client_deadline.client_id = client.id AND held_on IS NOT NULL AND kind <> 'employment_plan'
            ) AS i ON true
        ) AS f
        WHERE f.id = c.id AND f.until IS NOT NULL
        """
    )


def downgrade() -> None:
    op.drop_column("client", "plan_up_to_date_until")
