"""clients-api: caseloads — teams, assignment history, the waiting-on state and saved filters.

Revision ID: clients_0006
Revises: clients_0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0006"
down_revision = "clients_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_team"),
        sa.UniqueConstraint("organisation_id", "name", name="uq_team_organisation_id_name"),
    )
    op.create_index("ix_team_organisation_id", "team", ["organisation_id"])
    op.create_table(
        "team_member",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("coach_subject", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE", name="fk_team_member_team_id_team"),
        sa.PrimaryKeyConstraint("team_id", "coach_subject", name="pk_team_member"),
    )
    op.create_index("ix_team_member_coach_subject", "team_member", ["coach_subject"])
    op.create_table(
        "client_assignment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("coach_subject", sa.Text(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("previous_coach_subject", sa.Text(), nullable=True),
        sa.Column("previous_team_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("assigned_by", sa.Text(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("action IN ('assigned', 'reassigned', 'unassigned')", name="ck_client_assignment_action"),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_client_assignment_client_id_client"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], ondelete="SET NULL", name="fk_client_assignment_team_id_team"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_client_assignment"),
    )
    op.create_index("ix_client_assignment_client_id", "client_assignment", ["client_id", "assigned_at"])
    op.create_table(
        "saved_filter",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("owner_subject", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("parameters", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_filter"),
        sa.UniqueConstraint(
            "organisation_id", "owner_subject", "name", name="uq_saved_filter_organisation_id_owner_subject_name"
        ),
    )
    op.add_column("client", sa.Column("team_id", sa.Uuid(), nullable=True))
    op.add_column("client", sa.Column("waiting_on", sa.Text(), nullable=True))
    op.add_column("client", sa.Column("waiting_since", sa.Date(), nullable=True))
    op.create_foreign_key("fk_client_team_id_team", "client", "team", ["team_id"], ["id"], ondelete="SET NULL")
    op.create_check_constraint("ck_client_waiting_on", "client", "waiting_on IN ('client', 'us')")
    op.create_index("ix_client_organisation_coach", "client", ["organisation_id", "coach_subject", "status"])
    op.create_index("ix_client_team_id", "client", ["team_id"])
    # Clients registered before assignment history existed: their current coach becomes the first entry.
    op.execute(
        "INSERT INTO client_assignment (id, client_id, organisation_id, action, coach_subject, reason, assigned_by,"
        " assigned_at) SELECT gen_random_uuid(), id, organisation_id, 'assigned', coach_subject,"
        " 'coach at registration', coach_subject, created_at FROM client WHERE coach_subject IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_client_team_id", table_name="client")
    op.drop_index("ix_client_organisation_coach", table_name="client")
    op.drop_constraint("ck_client_waiting_on", "client", type_="check")
    op.drop_constraint("fk_client_team_id_team", "client", type_="foreignkey")
    op.drop_column("client", "waiting_since")
    op.drop_column("client", "waiting_on")
    op.drop_column("client", "team_id")
    op.drop_table("saved_filter")
    op.drop_table("client_assignment")
    op.drop_table("team_member")
    op.drop_table("team")
