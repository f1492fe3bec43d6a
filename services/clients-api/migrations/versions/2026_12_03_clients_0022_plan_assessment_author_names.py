"""clients-api: plan and assessment versions name the person who saved them (from their token at the time), so
that a manager reading the history sees a name, not "another coach".

Revision ID: clients_0022
Revises: clients_0021
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0022"
down_revision = "clients_0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("plan_version", sa.Column("created_by_name", sa.Text(), nullable=True))
    op.add_column("assessment_version", sa.Column("created_by_name", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("assessment_version", "created_by_name")
    op.drop_column("plan_version", "created_by_name")
