"""employer-api: the staff of each authority the service has seen (subject, the name and staff roles of their
token, first and last seen), so that an employer's account manager is picked by name.

Revision ID: employer_0015
Revises: employer_0014
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0015"
down_revision = "employer_0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "known_staff",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("roles", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "subject", name="pk_known_staff"),
    )


def downgrade() -> None:
    op.drop_table("known_staff")
