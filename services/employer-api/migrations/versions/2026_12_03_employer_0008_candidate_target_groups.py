"""employer-api: the time of the target groups a candidate profile holds (an older event's groups change nothing).

Revision ID: employer_0008
Revises: employer_0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "employer_0008"
down_revision = "employer_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("candidate_profile", sa.Column("target_groups_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("candidate_profile", "target_groups_at")
