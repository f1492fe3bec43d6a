"""clients-api: a timeline entry names the acting person and their organisation, from the event's actor (the
token's claims at the time of the act), so that no person's act shows as the system's.

Revision ID: clients_0021
Revises: clients_0020
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0021"
down_revision = "clients_0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("timeline_entry", sa.Column("actor_name", sa.Text(), nullable=True))
    op.add_column("timeline_entry", sa.Column("actor_organisation_name", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("timeline_entry", "actor_organisation_name")
    op.drop_column("timeline_entry", "actor_name")
