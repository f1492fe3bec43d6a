"""Kit: a subscription chooses its payload: ``full`` (the event with its data, as before) or ``thin`` (the event's
id, type, time, source and subject with a URL to fetch the data from, no data; decision 0042).

Revision ID: kit_0012
Revises: kit_0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "kit_0012"
down_revision = "kit_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("webhook_subscription", sa.Column("payload", sa.Text(), server_default="full", nullable=False))
    op.create_check_constraint("ck_webhook_subscription_payload", "webhook_subscription", "payload IN ('full', 'thin')")


def downgrade() -> None:
    op.drop_constraint("ck_webhook_subscription_payload", "webhook_subscription", type_="check")
    op.drop_column("webhook_subscription", "payload")
