"""Kit: webhook signing secrets sealed at rest (polku_kit.sealing); the rows written before are sealed here.

The key is derived from ``POLKU_PII_KEY`` of the process that migrates, the same as the service's.

Revision ID: kit_0006
Revises: kit_0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from polku_kit.sealing import is_sealed, sealer

revision = "kit_0006"
down_revision = "kit_0005"
branch_labels = None
depends_on = None

# The purpose the model seals with (polku_kit.webhooks.models.SIGNING_SECRET_PURPOSE), fixed here as written.
PURPOSE = b"webhook_subscription.secret"


def _convert(change) -> None:  # type: ignore[no-untyped-def]
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, secret, previous_secret FROM webhook_subscription FOR UPDATE"))
    for row in rows.all():
        connection.execute(
            sa.text("UPDATE webhook_subscription SET secret = :secret, previous_secret = :previous WHERE id = :id"),
            {
                "id": row.id,
                "secret": change(row.secret),
                "previous": None if row.previous_secret is None else change(row.previous_secret),
            },
        )


def upgrade() -> None:
    seal = sealer(PURPOSE)
    _convert(lambda value: value if is_sealed(value) else seal.seal(value))


def downgrade() -> None:
    _convert(sealer(PURPOSE).open)
