"""clients-api: a job application can come from a job offer the client applied for (employer-api's
``job_offer.outcome``), named by the offer's id; one application per offer, however often the outcome arrives.
Applications reported before have none.

Revision ID: clients_0030
Revises: clients_0028
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0030"
down_revision = "clients_0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("job_application", sa.Column("job_offer_id", sa.Uuid(), nullable=True))
    op.create_unique_constraint("uq_job_application_job_offer_id", "job_application", ["job_offer_id"])


def downgrade() -> None:
    op.drop_constraint("uq_job_application_job_offer_id", "job_application", type_="unique")
    op.drop_column("job_application", "job_offer_id")
