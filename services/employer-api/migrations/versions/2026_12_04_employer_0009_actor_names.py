"""employer-api: every act on employers, contacts, vacancies, job offers, introductions and supports names the
person who did it and the organisation they acted for, from their token at the time, and the last change of an
employer, a contact, a vacancy or a support names who made it, so that every screen can name who acted. Rows made
before have none: the screens say that who acted was not recorded.

Revision ID: employer_0009
Revises: employer_0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "employer_0009"
down_revision = "employer_0008"
branch_labels = None
depends_on = None

# table → the acts whose person is named: (column of the subject, or None when it is added here, prefix of the names)
ACTS = {
    "employer": [("created_by", "created_by"), (None, "changed_by")],
    "employer_contact": [("staff_subject", "staff"), ("next_step_done_by", "next_step_done_by"), (None, "changed_by")],
    "vacancy": [("created_by", "created_by"), (None, "changed_by")],
    "job_offer": [("offered_by", "offered_by"), ("outcome_by", "outcome_by")],
    "introduction": [("introduced_by", "introduced_by"), ("outcome_by", "outcome_by")],
    "support": [("decided_by", "decided_by"), (None, "changed_by")],
}


def upgrade() -> None:
    for table, acts in ACTS.items():
        for subject, prefix in acts:
            if subject is None:
                op.add_column(table, sa.Column(prefix, sa.Text(), nullable=True))
            op.add_column(table, sa.Column(f"{prefix}_name", sa.Text(), nullable=True))
            op.add_column(table, sa.Column(f"{prefix}_organisation_name", sa.Text(), nullable=True))


def downgrade() -> None:
    for table, acts in reversed(ACTS.items()):
        for subject, prefix in reversed(acts):
            op.drop_column(table, f"{prefix}_organisation_name")
            op.drop_column(table, f"{prefix}_name")
            if subject is None:
                op.drop_column(table, prefix)
