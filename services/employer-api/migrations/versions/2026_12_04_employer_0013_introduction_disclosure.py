"""employer-api: an anonymous introduction can be disclosed (made named) once the client's consent covers the
name and contact details; the introduction keeps who disclosed it and when. Introductions made before have none.

Revision ID: employer_0013
Revises: employer_0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "employer_0013"
down_revision = "employer_0010"
branch_labels = None
depends_on = None

COLUMNS = ("disclosed_by", "disclosed_by_name", "disclosed_by_organisation_name")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("introduction", sa.Column(name, sa.Text(), nullable=True))
    op.add_column("introduction", sa.Column("disclosed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("introduction", "disclosed_at")
    for name in reversed(COLUMNS):
        op.drop_column("introduction", name)
