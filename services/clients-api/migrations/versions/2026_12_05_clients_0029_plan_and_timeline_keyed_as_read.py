"""clients-api: a plan version is keyed by its client and number, a timeline entry by its event; the indexes of their
own ids, which no query reads, are dropped.

Every plan version was written with an index entry for its id (a random UUID) and one for (client, version), every
timeline entry with one for its id and one for its event's id; every read of either goes by the client
(``ix_timeline_entry_client``, the plan's (client, version)) and every duplicate check by the event or the version
number. Those keys become the primary keys (their indexes serving as before), so a plan save writes two index
entries fewer, and every other timeline write one.

Revision ID: clients_0029
Revises: clients_0031
Create Date: 2026-12-05
"""

from alembic import op

revision = "clients_0029"
down_revision = "clients_0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table, unique, key in (
        ("plan_version", "uq_plan_version_client_id", ["client_id", "version"]),
        ("timeline_entry", "uq_timeline_entry_event_id", ["event_id"]),
    ):
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.drop_constraint(unique, table, type_="unique")
        op.create_primary_key(f"pk_{table}", table, key)
        op.alter_column(table, "id", nullable=False)


def downgrade() -> None:
    for table, unique, key in (
        ("plan_version", "uq_plan_version_client_id", ["client_id", "version"]),
        ("timeline_entry", "uq_timeline_entry_event_id", ["event_id"]),
    ):
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id"])
        op.create_unique_constraint(unique, table, key)
