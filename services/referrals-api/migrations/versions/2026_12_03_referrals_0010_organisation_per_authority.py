"""referrals-api: a partner organisation's record is per employment authority (decision 16).

The record is keyed (authority, partner id) and a business id is unique within one network, so a second
authority registers a partner that another already has without a conflict and without learning of the other
record. A service belongs to the partner's record in the network it is offered in (``service.authority_id``,
filled from the record it belonged to). A referral's partner is its service's organisation; the referral keeps
the partner id without a key of its own to the record (the service's key holds it).

Revision ID: referrals_0010
Revises: referrals_0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0010"
down_revision = "referrals_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_constraint("fk_referral_partner_organisation_id_organisation", "referral", type_="foreignkey")
    op.drop_constraint("fk_service_organisation_id_organisation", "service", type_="foreignkey")
    op.drop_constraint("pk_organisation", "organisation", type_="primary")
    op.create_primary_key("pk_organisation", "organisation", ["authority_id", "id"])
    op.drop_constraint("uq_organisation_business_id", "organisation", type_="unique")
    op.create_unique_constraint(
        "uq_organisation_authority_id_business_id", "organisation", ["authority_id", "business_id"]
    )
    op.create_index("ix_organisation_id", "organisation", ["id"])
    op.add_column("service", sa.Column("authority_id", sa.Uuid(), nullable=True))
    op.execute(
        "UPDATE service SET authority_id = organisation.authority_id FROM organisation "
        "WHERE organisation.id = service.organisation_id"
    )
    op.alter_column("service", "authority_id", nullable=False)
    op.create_foreign_key(
        "fk_service_authority_id_organisation",
        "service",
        "organisation",
        ["authority_id", "organisation_id"],
        ["authority_id", "id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    # Only possible while every partner is in one network (the id is unique again).
    op.drop_constraint("fk_service_authority_id_organisation", "service", type_="foreignkey")
    op.drop_column("service", "authority_id")
    op.drop_index("ix_organisation_id", "organisation")
    op.drop_constraint("uq_organisation_authority_id_business_id", "organisation", type_="unique")
    op.create_unique_constraint("uq_organisation_business_id", "organisation", ["business_id"])
    op.drop_constraint("pk_organisation", "organisation", type_="primary")
    op.create_primary_key("pk_organisation", "organisation", ["id"])
    op.create_foreign_key(
        "fk_service_organisation_id_organisation",
        "service",
        "organisation",
        ["organisation_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_referral_partner_organisation_id_organisation",
        "referral",
        "organisation",
        ["partner_organisation_id"],
        ["id"],
    )
