"""sample: a table of notes.

Revision ID: sample_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "sample_0001"
down_revision = None
branch_labels = ("sample",)
depends_on = None


def upgrade() -> None:
    op.create_table("sample_note", sa.Column("id", sa.Uuid(), primary_key=True), sa.Column("text", sa.Text()))


def downgrade() -> None:
    op.drop_table("sample_note")
