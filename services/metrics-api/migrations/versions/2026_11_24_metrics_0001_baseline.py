"""metrics-api: baseline (the domain tables arrive with the metrics issue).

Revision ID: metrics_0001
Revises:
Create Date: 2026-11-24
"""

revision = "metrics_0001"
down_revision = None
branch_labels = ("metrics",)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
