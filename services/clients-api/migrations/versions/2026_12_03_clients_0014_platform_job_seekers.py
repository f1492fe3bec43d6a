"""The national platform's word on job seekers, by the identity code's keyed hash, and the statement requests
it passes on (decision 33).

Revision ID: clients_0014
Revises: clients_0013
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "clients_0014"
down_revision = "clients_0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_job_seeker",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("identity_code_hash", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_ended_on", sa.Date(), nullable=True),
        sa.Column("search_end_reason", sa.Text(), nullable=True),
        sa.Column("search_end_applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("profile_published_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_platform_job_seeker_client_id_client", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("organisation_id", "identity_code_hash", name="pk_platform_job_seeker"),
    )
    op.create_index("ix_platform_job_seeker_client_id", "platform_job_seeker", ["client_id"])
    op.create_table(
        "platform_statement_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("identity_code_hash", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("request_id", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("requester", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), server_default="pending", nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_platform_statement_request_client_id_client", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_platform_statement_request"),
        sa.UniqueConstraint(
            "organisation_id", "request_id", name="uq_platform_statement_request_organisation_id_request_id"
        ),
    )
    op.create_index("ix_platform_statement_request_client_id", "platform_statement_request", ["client_id"])
    op.create_index(
        "ix_platform_statement_request_person", "platform_statement_request", ["organisation_id", "identity_code_hash"]
    )


def downgrade() -> None:
    op.drop_table("platform_statement_request")
    op.drop_table("platform_job_seeker")
