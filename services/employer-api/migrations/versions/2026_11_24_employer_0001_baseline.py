"""employer-api: baseline (the domain tables arrive with the employer marketplace issue).

Revision ID: employer_0001
Revises:
Create Date: 2026-11-24
"""

revision = "employer_0001"
down_revision = None
branch_labels = ("employer",)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
