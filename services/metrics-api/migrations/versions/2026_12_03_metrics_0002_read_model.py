"""metrics-api: the read model fed by the other services' events (the ledger and the facts taken from it), and the
tables awaiting the events of job-search periods, service episodes, offers, supports and statements.

Revision ID: metrics_0002
Revises: metrics_0001
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "metrics_0002"
down_revision = "metrics_0001"
branch_labels = None
depends_on = None

TABLES = (
    "statement",
    "support",
    "offer",
    "service_episode",
    "job_search_period",
    "referral",
    "deadline_outcome",
    "interview",
    "plan_version",
    "client_coach",
    "client_status",
    "client_municipality",
    "client_profile",
    "feed_event",
)


def upgrade() -> None:
    op.create_table(
        "feed_event",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_event")),
        sa.UniqueConstraint("sequence", name=op.f("uq_feed_event_sequence")),
    )
    op.create_index("ix_feed_event_order", "feed_event", ["time", "id"], unique=False)
    op.create_table(
        "client_profile",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("citizenship", sa.Text(), nullable=True),
        sa.Column("job_search_started_on", sa.Date(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_client_profile")),
    )
    op.create_index("ix_client_profile_organisation_id", "client_profile", ["organisation_id"], unique=False)
    op.create_table(
        "client_municipality",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_client_municipality")),
    )
    op.create_index("ix_client_municipality_client_id", "client_municipality", ["client_id"], unique=False)
    op.create_table(
        "client_status",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_client_status")),
    )
    op.create_index("ix_client_status_client_id", "client_status", ["client_id"], unique=False)
    op.create_table(
        "client_coach",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("coach_subject", sa.Text(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_client_coach")),
    )
    op.create_index("ix_client_coach_client_id", "client_coach", ["client_id"], unique=False)
    op.create_table(
        "plan_version",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_type", sa.Text(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "version", name=op.f("pk_plan_version")),
    )
    op.create_table(
        "interview",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_interview")),
    )
    op.create_index("ix_interview_client_id", "interview", ["client_id"], unique=False)
    op.create_table(
        "deadline_outcome",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("rule_set", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_deadline_outcome")),
    )
    op.create_index("ix_deadline_outcome_client_id", "deadline_outcome", ["client_id"], unique=False)
    op.create_table(
        "referral",
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("sender_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("partner_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_status", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("referral_id", name=op.f("pk_referral")),
    )
    op.create_index(
        "ix_referral_partner_organisation_id", "referral", ["partner_organisation_id", "sent_at"], unique=False
    )
    op.create_index(
        "ix_referral_sender_organisation_id", "referral", ["sender_organisation_id", "sent_at"], unique=False
    )
    op.create_table(
        "job_search_period",
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("rule_set", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("period_id", name=op.f("pk_job_search_period")),
    )
    op.create_index("ix_job_search_period_client_id", "job_search_period", ["client_id"], unique=False)
    op.create_table(
        "service_episode",
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("service_type", sa.Text(), nullable=False),
        sa.Column("provider_organisation_id", sa.Uuid(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("episode_id", name=op.f("pk_service_episode")),
    )
    op.create_index("ix_service_episode_client_id", "service_episode", ["client_id"], unique=False)
    op.create_table(
        "offer",
        sa.Column("offer_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("vacancy_id", sa.Uuid(), nullable=True),
        sa.Column("employer_sector", sa.Text(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("offer_id", name=op.f("pk_offer")),
    )
    op.create_index("ix_offer_client_id", "offer", ["client_id"], unique=False)
    op.create_table(
        "support",
        sa.Column("support_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("support_type", sa.Text(), nullable=False),
        sa.Column("employer_sector", sa.Text(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("euros", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.PrimaryKeyConstraint("support_id", name=op.f("pk_support")),
    )
    op.create_index("ix_support_client_id", "support", ["client_id"], unique=False)
    op.create_table(
        "statement",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_statement")),
    )
    op.create_index("ix_statement_client_id", "statement", ["client_id"], unique=False)


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
