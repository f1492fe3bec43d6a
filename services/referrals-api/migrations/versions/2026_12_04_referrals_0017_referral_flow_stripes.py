"""referrals-api: the network map's counts kept in eight stripes per key, each referral counted in the stripe of its id,
so that moves of different referrals of one sender, service and day seldom wait for each other's count (decision 69).

Each count of referrals_0016 becomes up to eight rows, one per stripe (the last byte of a referral's id, modulo
eight); the reader sums them as it sums the days and months. A referral always counts in the same stripe, so a
stripe's row counts referrals as before and a move still leaves no zero behind.

Revision ID: referrals_0017
Revises: referrals_0016
Create Date: 2026-12-04
"""

from alembic import op

revision = "referrals_0017"
down_revision = "referrals_0016"
branch_labels = None
depends_on = None

STRIPES = 8
STRIPE = f"get_byte(uuid_send(id), 15) % {STRIPES}"


def _function(*, striped: bool) -> str:
    """``referral_flow_follow()`` as referrals_0016 made it, or counting each referral in its stripe: the rows a
    statement changed, each +1 (as it is now) or -1 (as it was), counted in both of its periods (the Helsinki day it
    was sent on and that day's month), summed per row of the table and written in the key's order, so that two
    statements lock the rows they share in the same order; then the rows left at zero dropped."""
    key = "sender_organisation_id, period, starts_on, service_id, status, outcome" + (", stripe" if striped else "")
    columns = "sender_organisation_id, service_id, status, outcome, sent_at" + (
        f", {STRIPE} AS stripe" if striped else ""
    )
    width = 7 if striped else 6
    changes = f"""
        SELECT changed.sender_organisation_id, periods.name AS period,
               CASE periods.name
                   WHEN 'day' THEN changed.sent_on ELSE date_trunc('month', changed.sent_on::timestamp)::date
               END AS starts_on,
               changed.service_id, changed.status, coalesce(changed.outcome, '') AS outcome,
               {"changed.stripe, " if striped else ""}sum(changed.change) AS change
        FROM (
            SELECT sender_organisation_id, service_id, status, outcome,
                   (sent_at AT TIME ZONE 'Europe/Helsinki')::date AS sent_on, {"stripe, " if striped else ""}change
            FROM ({{rows}}) AS source
            WHERE sent_at IS NOT NULL
        ) AS changed
        CROSS JOIN (VALUES ('day'), ('month')) AS periods (name)
        GROUP BY {", ".join(str(n) for n in range(1, width + 1))}
        HAVING sum(changed.change) <> 0
    """  # noqa: S608 - constants of this module, no input
    matched = " AND ".join(f"flow.{name} = changes.{name}" for name in key.split(", "))

    def follow(rows: str) -> str:
        counted = changes.format(rows=rows)
        return f"""
            INSERT INTO referral_flow AS flow ({key}, referrals)
            {counted}
            ORDER BY {", ".join(str(n) for n in range(1, width + 1))}
            ON CONFLICT ({key}) DO UPDATE SET referrals = flow.referrals + excluded.referrals;
            DELETE FROM referral_flow AS flow
            USING ({counted}) AS changes
            WHERE flow.referrals = 0 AND {matched};
        """  # noqa: S608

    new = f"SELECT {columns}, 1 AS change FROM new_rows"  # noqa: S608
    old = f"SELECT {columns}, -1 AS change FROM old_rows"  # noqa: S608
    return f"""
        CREATE OR REPLACE FUNCTION referral_flow_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {follow(new)}
            ELSIF TG_OP = 'UPDATE' THEN
                {follow(f"{new} UNION ALL {old}")}
            ELSE
                {follow(old)}
            END IF;
            RETURN NULL;
        END
        $$
    """


def _recount(*, striped: bool) -> None:
    """The table counted again from the referrals, in the shape of ``striped``."""
    key = "sender_organisation_id, period, starts_on, service_id, status, outcome" + (", stripe" if striped else "")
    stripe = f"{STRIPE}, " if striped else ""
    groups = ", ".join(str(n) for n in range(1, (7 if striped else 6) + 1))
    op.execute("DELETE FROM referral_flow")
    op.execute(
        f"INSERT INTO referral_flow ({key}, referrals) "  # noqa: S608 - constants of this module, no input
        "SELECT sender_organisation_id, periods.name, CASE periods.name WHEN 'day' THEN sent_on "
        "ELSE date_trunc('month', sent_on::timestamp)::date END, service_id, status, coalesce(outcome, ''), "
        f"{stripe}count(*) FROM (SELECT *, (sent_at AT TIME ZONE 'Europe/Helsinki')::date AS sent_on FROM referral "
        "WHERE sent_at IS NOT NULL) AS sent CROSS JOIN (VALUES ('day'), ('month')) AS periods (name) "
        f"GROUP BY {groups}"
    )


def upgrade() -> None:
    op.execute("ALTER TABLE referral_flow ADD COLUMN stripe smallint NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE referral_flow ALTER COLUMN stripe DROP DEFAULT")
    op.execute("ALTER TABLE referral_flow DROP CONSTRAINT pk_referral_flow")
    op.execute(
        "ALTER TABLE referral_flow ADD CONSTRAINT pk_referral_flow PRIMARY KEY "
        "(sender_organisation_id, period, starts_on, service_id, status, outcome, stripe)"
    )
    op.execute(_function(striped=True))
    _recount(striped=True)


def downgrade() -> None:
    op.execute(_function(striped=False))
    op.execute("DELETE FROM referral_flow")
    op.execute("ALTER TABLE referral_flow DROP CONSTRAINT pk_referral_flow")
    op.execute("ALTER TABLE referral_flow DROP COLUMN stripe")
    op.execute(
        "ALTER TABLE referral_flow ADD CONSTRAINT pk_referral_flow PRIMARY KEY "
        "(sender_organisation_id, period, starts_on, service_id, status, outcome)"
    )
    _recount(striped=False)
