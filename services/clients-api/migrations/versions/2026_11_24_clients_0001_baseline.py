"""clients-api: baseline (the domain tables arrive with the clients issue).

Revision ID: clients_0001
Revises:
Create Date: 2026-11-24
"""

revision = "clients_0001"
down_revision = None
branch_labels = ("clients",)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
