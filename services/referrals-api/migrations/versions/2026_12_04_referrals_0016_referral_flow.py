"""referrals-api: the network map's flows counted as referrals are written: sent referrals per sender, service,
status and outcome, by the day and by the month they were sent (Helsinki days), kept by triggers on ``referral`` in
the same transaction as the referral's own change (decision 65).

Revision ID: referrals_0016
Revises: referrals_0015
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0016"
down_revision = "referrals_0015"
branch_labels = None
depends_on = None

KEY = "sender_organisation_id, period, starts_on, service_id, status, outcome"

# The rows a statement changed, each +1 (as it is now) or -1 (as it was), counted in both of its periods: the day of
# Helsinki it was sent on and that day's month. A draft (never sent) counts nowhere. The changes are summed per row of
# the table and written in the key's order, so that two statements lock the rows they share in the same order.
CHANGES = """
    SELECT changed.sender_organisation_id, periods.name AS period,
           CASE periods.name
               WHEN 'day' THEN changed.sent_on ELSE date_trunc('month', changed.sent_on::timestamp)::date
           END AS starts_on,
           changed.service_id, changed.status, coalesce(changed.outcome, '') AS outcome, sum(changed.change) AS change
    FROM (
        SELECT sender_organisation_id, service_id, status, outcome,
               (sent_at AT TIME ZONE 'Europe/Helsinki')::date AS sent_on, change
        FROM ({rows}) AS source
        WHERE sent_at IS NOT NULL
    ) AS changed
    CROSS JOIN (VALUES ('day'), ('month')) AS periods (name)
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(changed.change) <> 0
"""
COLUMNS = "sender_organisation_id, service_id, status, outcome, sent_at"
# The statements below are built from these constants only (no value from outside the migration).
NEW = f"SELECT {COLUMNS}, 1 AS change FROM new_rows"  # noqa: S608
OLD = f"SELECT {COLUMNS}, -1 AS change FROM old_rows"  # noqa: S608


def _follow(rows: str) -> str:
    """The function body's statements for one kind of change: add the changes, then drop the rows they left at
    zero (a referral moved on leaves its old status's count; a zero would only be read and skipped)."""
    changes = CHANGES.format(rows=rows)
    return f"""
        INSERT INTO referral_flow AS flow ({KEY}, referrals)
        {changes}
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ({KEY}) DO UPDATE SET referrals = flow.referrals + excluded.referrals;
        DELETE FROM referral_flow AS flow
        USING ({changes}) AS changes
        WHERE flow.referrals = 0
          AND (flow.sender_organisation_id, flow.period, flow.starts_on, flow.service_id, flow.status, flow.outcome)
            = (changes.sender_organisation_id, changes.period, changes.starts_on, changes.service_id, changes.status,
               changes.outcome);
    """  # noqa: S608


def upgrade() -> None:
    op.create_table(
        "referral_flow",
        sa.Column("sender_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("referrals", sa.Integer(), nullable=False),
        sa.CheckConstraint("period IN ('day', 'month')", name="ck_referral_flow_period"),
        sa.PrimaryKeyConstraint(
            "sender_organisation_id",
            "period",
            "starts_on",
            "service_id",
            "status",
            "outcome",
            name="pk_referral_flow",
        ),
    )
    op.execute(
        f"""
        CREATE FUNCTION referral_flow_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_follow(NEW)}
            ELSIF TG_OP = 'UPDATE' THEN
                {_follow(f"{NEW} UNION ALL {OLD}")}
            ELSE
                {_follow(OLD)}
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    for event, tables in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        op.execute(
            f"CREATE TRIGGER referral_flow_{event.lower()} AFTER {event} ON referral REFERENCING {tables} "
            "FOR EACH STATEMENT EXECUTE FUNCTION referral_flow_follow()"
        )
    backfill = CHANGES.format(rows=f"SELECT {COLUMNS}, 1 AS change FROM referral")  # noqa: S608
    op.execute(f"INSERT INTO referral_flow ({KEY}, referrals) {backfill}")


def downgrade() -> None:
    for event in ("delete", "update", "insert"):
        op.execute(f"DROP TRIGGER referral_flow_{event} ON referral")
    op.execute("DROP FUNCTION referral_flow_follow()")
    op.drop_table("referral_flow")
