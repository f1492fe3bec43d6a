"""employer-api: candidates are found by the vacancy's minor group, not its unit group. Every vacancy's occupation
is a unit group (four digits: made here, from the platform's events and from the national postings alike), and a
profile holding a unit group holds its minor group (the events keep both columns), so the GIN index of the
profiles' unit groups was read for nothing on every match and kept up to date for nothing on every assessment.

Revision ID: employer_0010
Revises: employer_0009
Create Date: 2026-12-04
"""

from alembic import op

revision = "employer_0010"
down_revision = "employer_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_candidate_profile_occupations", table_name="candidate_profile")


def downgrade() -> None:
    op.create_index(
        "ix_candidate_profile_occupations",
        "candidate_profile",
        ["occupations"],
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    )
