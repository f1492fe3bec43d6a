"""Vacancies from the national platform: the platform's time of the last change taken in (the removed mark is
`removed_at`, employer_0007); removals that came before their vacancy (decision 33).

Revision ID: employer_0006
Revises: employer_0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "employer_0006"
down_revision = "employer_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vacancy", sa.Column("source_changed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "imported_vacancy_removal",
        sa.Column("authority_id", sa.Uuid(), nullable=False),
        sa.Column("source_system", sa.Text(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("authority_id", "source_system", "external_id", name="pk_imported_vacancy_removal"),
    )


def downgrade() -> None:
    op.drop_table("imported_vacancy_removal")
    op.drop_column("vacancy", "source_changed_at")
