"""clients-api: the statutory deadlines stored per client, and the last day each client's stored set holds.

Every existing client starts with no stored deadlines and ``deadlines_valid_until`` NULL (out of date): a read
computes a client's deadlines before it uses them, and ``clients-api announce-overdue`` fills the rest.

Revision ID: clients_0010
Revises: clients_0009
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0010"
down_revision = "clients_0009"
branch_labels = None
depends_on = None

OPEN = sa.text("held_on IS NULL AND NOT waived")


def upgrade() -> None:
    op.add_column("client", sa.Column("deadlines_valid_until", sa.Date(), nullable=True))
    op.create_index("ix_client_deadlines_valid_until", "client", ["organisation_id", "deadlines_valid_until"])
    op.create_table(
        "client_deadline",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("waived", sa.Boolean(), nullable=False),
        sa.Column("rule_set", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_client_deadline_client_id_client"
        ),
        sa.PrimaryKeyConstraint("client_id", "kind", "number", name="pk_client_deadline"),
    )
    op.create_index("ix_client_deadline_open", "client_deadline", ["organisation_id", "due_on"], postgresql_where=OPEN)
    op.create_index("ix_client_deadline_open_client", "client_deadline", ["client_id", "due_on"], postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index("ix_client_deadline_open_client", table_name="client_deadline")
    op.drop_index("ix_client_deadline_open", table_name="client_deadline")
    op.drop_table("client_deadline")
    op.drop_index("ix_client_deadlines_valid_until", table_name="client")
    op.drop_column("client", "deadlines_valid_until")
