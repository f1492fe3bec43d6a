"""clients-api: the open deadlines' index by (organisation, due day) also holds the client, so that the caseload
balance counts each client's overdue deadlines from the index alone (an index-only scan), without reading a
deadline row per overdue deadline of the organisation (decision 51).

Revision ID: clients_0027
Revises: clients_0026
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0027"
down_revision = "clients_0026"
branch_labels = None
depends_on = None

OPEN = sa.text("held_on IS NULL AND NOT waived")


def upgrade() -> None:
    op.drop_index("ix_client_deadline_open", table_name="client_deadline")
    op.create_index(
        "ix_client_deadline_open",
        "client_deadline",
        ["organisation_id", "due_on"],
        postgresql_include=["client_id"],
        postgresql_where=OPEN,
    )


def downgrade() -> None:
    op.drop_index("ix_client_deadline_open", table_name="client_deadline")
    op.create_index("ix_client_deadline_open", "client_deadline", ["organisation_id", "due_on"], postgresql_where=OPEN)
