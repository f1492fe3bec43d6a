"""clients-api: deadlines announced overdue, and the index the announcing job walks the job seekers by.

Revision ID: clients_0009
Revises: clients_0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0009"
down_revision = "clients_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "overdue_notice",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("rule_set", sa.Text(), nullable=False),
        sa.Column("announced_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_overdue_notice_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_overdue_notice"),
        sa.UniqueConstraint("client_id", "kind", "number", name="uq_overdue_notice_client_id_kind_number"),
    )
    # The job seekers of one organisation in id order (keyset pages), without reading the other clients.
    op.create_index(
        "ix_client_job_seekers",
        "client",
        ["organisation_id", "id"],
        postgresql_where=sa.text("status IN ('unemployed', 'in_activating_service')"),
    )


def downgrade() -> None:
    op.drop_index("ix_client_job_seekers", table_name="client")
    op.drop_table("overdue_notice")
