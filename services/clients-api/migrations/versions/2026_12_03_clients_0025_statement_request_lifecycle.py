"""clients-api: a statement request from the national system follows its statement: the statement drafted for it
(linked), closed when that statement is issued, or declined by the coach with a reason; who closed it and when,
and a version for If-Match.

Revision ID: clients_0025
Revises: clients_0022
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0025"
down_revision = "clients_0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "platform_statement_request",
        sa.Column(
            "statement_id",
            sa.Uuid(),
            sa.ForeignKey(
                "labour_statement.id",
                name="fk_platform_statement_request_statement",
                ondelete="SET NULL",
            ),
            nullable=True,
        ),
    )
    op.create_index("ix_platform_statement_request_statement_id", "platform_statement_request", ["statement_id"])
    op.add_column("platform_statement_request", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("platform_statement_request", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("platform_statement_request", sa.Column("closed_by", sa.Text(), nullable=True))
    op.add_column("platform_statement_request", sa.Column("closed_by_name", sa.Text(), nullable=True))
    op.add_column("platform_statement_request", sa.Column("decline_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    for column in ("decline_reason", "closed_by_name", "closed_by", "closed_at", "version"):
        op.drop_column("platform_statement_request", column)
    op.drop_index("ix_platform_statement_request_statement_id", "platform_statement_request")
    op.drop_column("platform_statement_request", "statement_id")
