"""referrals-api: the fill rates' counts kept as referrals are written: per service, the referrals accepted and the
referrals closed with the client's feedback (how many, and the sum of their scores), by the Helsinki day of the
acceptance or the closing and by that day's month, kept by triggers on ``referral`` in the same transaction as the
referral's own change (decision 70). Each count is kept in eight stripes, as the network map's (referrals_0017): a
referral counts in the stripe of its id (the last byte, modulo eight), so that acceptances and closings of different
referrals of one service and day seldom wait for the same row; a count is the sum of its stripes.

Revision ID: referrals_0018
Revises: referrals_0017
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "referrals_0018"
down_revision = "referrals_0017"
branch_labels = None
depends_on = None

STRIPES = 8
STRIPE = f"get_byte(uuid_send(id), 15) % {STRIPES}"  # referrals_0017's stripe of a referral
KEY = "service_id, period, starts_on, stripe"
COUNTS = "accepted, feedback, feedback_scores"

# The rows a statement changed, each +1 (as it is now) or -1 (as it was): an accepted referral counts on the day it was
# accepted, a closed referral with feedback on the day it was closed (with its score), each also in that day's month,
# always in the stripe of its id.
# The changes are summed per row of the table and written in the key's order, so that two statements lock the rows
# they share in the same order (as referral_flow's, referrals_0016).
CHANGES = """
    SELECT changed.service_id, periods.name AS period,
           CASE periods.name
               WHEN 'day' THEN changed.day ELSE date_trunc('month', changed.day::timestamp)::date
           END AS starts_on,
           changed.stripe, sum(changed.accepted) AS accepted, sum(changed.feedback) AS feedback,
           sum(changed.feedback_scores) AS feedback_scores
    FROM (
        SELECT service_id, (accepted_at AT TIME ZONE 'Europe/Helsinki')::date AS day, stripe, change AS accepted,
               0 AS feedback, 0 AS feedback_scores
        FROM ({rows}) AS source
        WHERE accepted_at IS NOT NULL
        UNION ALL
        SELECT service_id, (closed_at AT TIME ZONE 'Europe/Helsinki')::date, stripe, 0, change,
               change * feedback_score
        FROM ({rows}) AS source
        WHERE closed_at IS NOT NULL AND feedback_score IS NOT NULL
    ) AS changed
    CROSS JOIN (VALUES ('day'), ('month')) AS periods (name)
    GROUP BY 1, 2, 3, 4
    HAVING sum(changed.accepted) <> 0 OR sum(changed.feedback) <> 0 OR sum(changed.feedback_scores) <> 0
"""
COLUMNS = f"service_id, accepted_at, closed_at, feedback_score, {STRIPE} AS stripe"
# The statements below are built from these constants only (no value from outside the migration).
NEW = f"SELECT {COLUMNS}, 1 AS change FROM new_rows"  # noqa: S608
OLD = f"SELECT {COLUMNS}, -1 AS change FROM old_rows"  # noqa: S608


def _follow(rows: str) -> str:
    """The function body's statements for one kind of change: add the changes, then drop the rows they left at
    zero."""
    changes = CHANGES.format(rows=rows)
    return f"""
        INSERT INTO service_fill AS fill ({KEY}, {COUNTS})
        {changes}
        ORDER BY 1, 2, 3, 4
        ON CONFLICT ({KEY}) DO UPDATE SET accepted = fill.accepted + excluded.accepted,
            feedback = fill.feedback + excluded.feedback,
            feedback_scores = fill.feedback_scores + excluded.feedback_scores;
        DELETE FROM service_fill AS fill
        USING ({changes}) AS changes
        WHERE fill.accepted = 0 AND fill.feedback = 0 AND fill.feedback_scores = 0
          AND (fill.service_id, fill.period, fill.starts_on, fill.stripe)
            = (changes.service_id, changes.period, changes.starts_on, changes.stripe);
    """  # noqa: S608


def upgrade() -> None:
    op.create_table(
        "service_fill",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("stripe", sa.SmallInteger(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("feedback", sa.Integer(), nullable=False),
        sa.Column("feedback_scores", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("period IN ('day', 'month')", name="ck_service_fill_period"),
        sa.PrimaryKeyConstraint("service_id", "period", "starts_on", "stripe", name="pk_service_fill"),
    )
    op.execute(
        f"""
        CREATE FUNCTION service_fill_follow() RETURNS trigger LANGUAGE plpgsql AS $$
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
            f"CREATE TRIGGER service_fill_{event.lower()} AFTER {event} ON referral REFERENCING {tables} "
            "FOR EACH STATEMENT EXECUTE FUNCTION service_fill_follow()"
        )
    backfill = CHANGES.format(rows=f"SELECT {COLUMNS}, 1 AS change FROM referral")  # noqa: S608
    op.execute(f"INSERT INTO service_fill ({KEY}, {COUNTS}) {backfill}")


def downgrade() -> None:
    for event in ("delete", "update", "insert"):
        op.execute(f"DROP TRIGGER service_fill_{event} ON referral")
    op.execute("DROP FUNCTION service_fill_follow()")
    op.drop_table("service_fill")
