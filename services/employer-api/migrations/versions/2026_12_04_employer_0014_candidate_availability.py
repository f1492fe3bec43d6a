"""employer-api: a candidate profile knows when the client is engaged in an activating service (the episodes
clients-api announces), so that availability is scored by the vacancy's start date. Each episode is kept by its id
with the time of the newest event about it; the profile holds their union as a multirange. Profiles taken in
before know no episodes until their next episode event (or a replay).

Revision ID: employer_0014
Revises: employer_0013
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "employer_0014"
down_revision = "employer_0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "candidate_episode",
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("event_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("episode_id", name="pk_candidate_episode"),
    )
    op.create_index("ix_candidate_episode_client", "candidate_episode", ["client_id"])
    op.add_column(
        "candidate_profile",
        sa.Column("engaged", postgresql.DATEMULTIRANGE(), server_default="{}", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("candidate_profile", "engaged")
    op.drop_index("ix_candidate_episode_client", table_name="candidate_episode")
    op.drop_table("candidate_episode")
