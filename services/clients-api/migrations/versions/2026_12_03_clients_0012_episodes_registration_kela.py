"""clients-api: activating-service episodes, citizenship and mother tongue, and Kela's labour-market subsidy days.

``service_episode`` holds a client's activating-service episodes (*aktivointipalvelu*), recorded by a coach or
created from another service's event; ``client`` gains the optional ``citizenship`` (ISO 3166-1 alpha-2) and
``mother_tongue`` (ISO 639-1); ``kela_subsidy_day_count`` holds the last known count of labour-market subsidy days
per client, ``kela_import`` each CSV import (a whole file, or one uploaded in parts whose rows wait in
``kela_import_row`` until it is imported). Existing clients have none of these.

Revision ID: clients_0012
Revises: clients_0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "clients_0012"
down_revision = "clients_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("client", sa.Column("citizenship", sa.Text(), nullable=True))
    op.add_column("client", sa.Column("mother_tongue", sa.Text(), nullable=True))
    op.create_table(
        "service_episode",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("provider_id", sa.Uuid(), nullable=True),
        sa.Column("provider_name", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("origin_id", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_service_episode_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_service_episode"),
        sa.UniqueConstraint("client_id", "type", "starts_on", name="uq_service_episode_client_id_type_starts_on"),
        sa.UniqueConstraint("origin", "origin_id", name="uq_service_episode_origin_origin_id"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ck_service_episode_ends_after_start"),
    )
    op.create_index("ix_service_episode_client", "service_episode", ["client_id", "starts_on"])
    op.create_table(
        "kela_import",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("rows_expected", sa.Integer(), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("errors", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("errors_total", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kela_import"),
    )
    op.create_index("ix_kela_import_organisation", "kela_import", ["organisation_id", "created_at"])
    op.create_table(
        "kela_import_row",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("counted_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["kela_import.id"], ondelete="CASCADE", name="fk_kela_import_row_import_id_kela_import"
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_kela_import_row_client_id_client"
        ),
        sa.PrimaryKeyConstraint("import_id", "row", name="pk_kela_import_row"),
        sa.UniqueConstraint("import_id", "client_id", name="uq_kela_import_row_import_id"),
    )
    op.create_table(
        "kela_subsidy_day_count",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("counted_on", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], ondelete="CASCADE", name="fk_kela_subsidy_day_count_client_id_client"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["kela_import.id"],
            ondelete="SET NULL",
            name="fk_kela_subsidy_day_count_import_id_kela_import",
        ),
        sa.PrimaryKeyConstraint("client_id", name="pk_kela_subsidy_day_count"),
        sa.CheckConstraint("days >= 0", name="ck_kela_subsidy_day_count_days_not_negative"),
    )


def downgrade() -> None:
    op.drop_table("kela_subsidy_day_count")
    op.drop_table("kela_import_row")
    op.drop_index("ix_kela_import_organisation", table_name="kela_import")
    op.drop_table("kela_import")
    op.drop_index("ix_service_episode_client", table_name="service_episode")
    op.drop_table("service_episode")
    op.drop_column("client", "mother_tongue")
    op.drop_column("client", "citizenship")
