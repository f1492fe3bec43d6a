"""clients-api: labour-policy statements with their versions, initial-service teams and hand-overs of clients
from the initial service to a personal coach.

Revision ID: clients_0013
Revises: clients_0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0013"
down_revision = "clients_0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labour_statement",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("neglect_kind", sa.Text(), nullable=False),
        sa.Column("neglected_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("consequence", sa.Text(), nullable=False),
        sa.Column("non_compensable_days", sa.Integer(), nullable=True),
        sa.Column("rule_set", sa.Text(), nullable=False),
        sa.Column("client_account", sa.Text(), nullable=True),
        sa.Column("heard_on", sa.Date(), nullable=True),
        sa.Column("heard_by", sa.Text(), nullable=True),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("fund_name", sa.Text(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("issued_by", sa.Text(), nullable=True),
        sa.Column("drafted_by", sa.Text(), nullable=False),
        sa.Column("drafted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_labour_statement_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_labour_statement"),
        sa.UniqueConstraint(
            "client_id",
            "neglect_kind",
            "neglected_on",
            name="uq_labour_statement_client_id_neglect_kind_neglected_on",
        ),
    )
    op.create_index("ix_labour_statement_client_id", "labour_statement", ["client_id"])
    op.create_index("ix_labour_statement_drafter", "labour_statement", ["organisation_id", "drafted_by", "state"])
    op.create_table(
        "labour_statement_version",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["labour_statement.id"],
            ondelete="CASCADE",
            name="fk_labour_statement_version_statement_id_labour_statement",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_labour_statement_version_client_id_client"
        ),
        sa.PrimaryKeyConstraint("statement_id", "version", name="pk_labour_statement_version"),
    )
    op.create_index("ix_labour_statement_version_client_id", "labour_statement_version", ["client_id"])
    op.create_table(
        "initial_service_team",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("marked_by", sa.Text(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], ondelete="CASCADE", name="fk_initial_service_team_team_id_team"
        ),
        sa.PrimaryKeyConstraint("team_id", name="pk_initial_service_team"),
    )
    op.create_index("ix_initial_service_team_organisation_id", "initial_service_team", ["organisation_id"])
    op.create_table(
        "client_handover",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("from_team_id", sa.Uuid(), nullable=True),
        sa.Column("from_coach_subject", sa.Text(), nullable=True),
        sa.Column("to_coach_subject", sa.Text(), nullable=True),
        sa.Column("to_team_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_by", sa.Text(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_client_handover_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_client_handover"),
    )
    op.create_index(
        "uq_client_handover_open",
        "client_handover",
        ["client_id"],
        unique=True,
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index("ix_client_handover_organisation_state", "client_handover", ["organisation_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_client_handover_organisation_state", table_name="client_handover")
    op.drop_index("uq_client_handover_open", table_name="client_handover")
    op.drop_table("client_handover")
    op.drop_index("ix_initial_service_team_organisation_id", table_name="initial_service_team")
    op.drop_table("initial_service_team")
    op.drop_index("ix_labour_statement_version_client_id", table_name="labour_statement_version")
    op.drop_table("labour_statement_version")
    op.drop_index("ix_labour_statement_drafter", table_name="labour_statement")
    op.drop_index("ix_labour_statement_client_id", table_name="labour_statement")
    op.drop_table("labour_statement")
