"""metrics-api: the job seekers' education level (clients-api's assessment) and the employed of the imported
population (the employment rate).

Revision ID: metrics_0004
Revises: metrics_0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "metrics_0004"
down_revision = "metrics_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client_education",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("level", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_client_education")),
    )
    op.create_index(op.f("ix_client_education_client_id"), "client_education", ["client_id"], unique=False)
    op.add_column("labour_force", sa.Column("employed", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("labour_force", "employed")
    op.drop_index(op.f("ix_client_education_client_id"), table_name="client_education")
    op.drop_table("client_education")
