"""clients-api: the organisation's coaches as the service has seen them (subject and the name of their token), so
that a manager picks a team's member by name.

Revision ID: clients_0031
Revises: clients_0030
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0031"
down_revision = "clients_0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "known_coach",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "subject", name="pk_known_coach"),
    )


def downgrade() -> None:
    op.drop_table("known_coach")
