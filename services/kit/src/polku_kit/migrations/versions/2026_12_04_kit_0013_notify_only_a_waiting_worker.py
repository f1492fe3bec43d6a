"""Kit: a dispatcher or inbox worker about to sleep on LISTEN says so in ``wake_wanted`` (one row per listening
connection and channel), and the outbox trigger notifies only while such a row exists, so that a transaction
writing events takes no NOTIFY (and no commit-time lock) while every dispatcher is busy (decision 71).

Revision ID: kit_0013
Revises: kit_0012
Create Date: 2026-12-04
"""

from alembic import op

revision = "kit_0013"
down_revision = "kit_0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE wake_wanted (
            channel text NOT NULL,
            pid integer NOT NULL,
            since timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT pk_wake_wanted PRIMARY KEY (channel, pid)
        )
        """
    )
    op.execute(
        """
        CREATE OR REPLACE FUNCTION polku_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM wake_wanted WHERE channel = 'polku_webhooks') THEN
                PERFORM pg_notify('polku_webhooks', '');
            END IF;
            RETURN NULL;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION polku_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('polku_webhooks', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute("DROP TABLE wake_wanted")
