"""referrals-api: who last published or changed a directory service or a partner organisation (subject and name),
so that the directory's maintainers see who acted. Rows from before are NULL: unknown.

Revision ID: referrals_0012
Revises: referrals_0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0012"
down_revision = "referrals_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("service", "organisation"):
        op.add_column(table, sa.Column("changed_by", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("changed_by_name", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("service", "organisation"):
        op.drop_column(table, "changed_by_name")
        op.drop_column(table, "changed_by")
