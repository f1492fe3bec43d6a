"""Kit: the outbox event names who acted (subject, name and organisation from the token at the time), sent as
CloudEvents extension attributes so that a receiver's timeline can name the person.

Revision ID: kit_0011
Revises: kit_0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "kit_0011"
down_revision = "kit_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_event", sa.Column("actor", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox_event", "actor")
