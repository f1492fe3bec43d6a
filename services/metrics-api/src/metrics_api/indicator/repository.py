"""The facts the figures are computed from, read for one organisation (and, for partners, their own services)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.models import (
    STATEMENT_ISSUED,
    ClientCoach,
    ClientEducation,
    ClientMunicipality,
    ClientProfile,
    ClientStatus,
    DeadlineOutcome,
    FeedEvent,
    JobSearchPeriod,
    Offer,
    Referral,
    ServiceEpisode,
    Support,
    SupportCommitment,
)
from metrics_api.indicator.casework import Deadline, IssuedStatement, ReferralFacts
from metrics_api.indicator.commitments import Decision
from metrics_api.indicator.compute import Anchor, Episode, Person
from metrics_api.indicator.imported import BenefitRow, BudgetRow, LabourForceRow
from metrics_api.statistics.models import BudgetLine, KelaBenefit, LabourForce
from polku_kit.calendar import local_date


async def people(session: AsyncSession, organisation_id: uuid.UUID) -> dict[uuid.UUID, Person]:
    """The organisation's job seekers with their dated history. The profiles are read first: a client whose
    registration commits while the histories are read (the live feed) is left out of this answer, not half in.
    Read as plain rows (no ORM objects): at national scale the objects' bookkeeping, not the scan, is the cost."""
    profiles = await session.execute(
        select(ClientProfile.client_id, ClientProfile.birth_date, ClientProfile.citizenship).where(
            ClientProfile.organisation_id == organisation_id
        )
    )
    found = {
        client_id: Person(client_id=client_id, birth_date=born, citizenship=citizenship)
        for client_id, born, citizenship in profiles
    }
    ours = select(ClientProfile.client_id).where(ClientProfile.organisation_id == organisation_id)

    async def each(*columns: Any) -> Any:
        table = columns[0].class_
        return await session.execute(select(*columns).where(table.client_id.in_(ours)))

    for client_id, day, moment, event_id, status in await each(
        ClientStatus.client_id,
        ClientStatus.changed_on,
        ClientStatus.occurred_at,
        ClientStatus.event_id,
        ClientStatus.status,
    ):
        if (person := found.get(client_id)) is not None:
            person.status_changes.append((day, moment, event_id, status))
    for client_id, day, moment, event_id, place in await each(
        ClientMunicipality.client_id,
        ClientMunicipality.valid_from,
        ClientMunicipality.occurred_at,
        ClientMunicipality.event_id,
        ClientMunicipality.municipality,
    ):
        if (person := found.get(client_id)) is not None:
            person.municipality_changes.append((day, moment, event_id, place))
    for client_id, day, moment, event_id, coach in await each(
        ClientCoach.client_id,
        ClientCoach.assigned_on,
        ClientCoach.occurred_at,
        ClientCoach.event_id,
        ClientCoach.coach_subject,
    ):
        if (person := found.get(client_id)) is not None:
            person.coach_changes.append((day, moment, event_id, coach))
    for client_id, kind, started, ended, provider in await each(
        ServiceEpisode.client_id,
        ServiceEpisode.service_type,
        ServiceEpisode.started_on,
        ServiceEpisode.ended_on,
        ServiceEpisode.provider_organisation_id,
    ):
        if (person := found.get(client_id)) is not None:
            person.episodes.append(Episode(kind, started, ended, str(provider) if provider else None))
    for client_id, started, ended, reason in await each(
        JobSearchPeriod.client_id, JobSearchPeriod.started_on, JobSearchPeriod.ended_on, JobSearchPeriod.end_reason
    ):
        if (person := found.get(client_id)) is not None:
            person.periods.append((started, ended))
            if ended is not None:
                person.period_ends.append((ended, reason))
    for client_id, day, version, level in await each(
        ClientEducation.client_id, ClientEducation.assessed_on, ClientEducation.version, ClientEducation.level
    ):
        if (person := found.get(client_id)) is not None:
            person.education_changes.append((day, version, level))
    return found


async def follow_ups(session: AsyncSession, organisation_id: uuid.UUID, people: dict[uuid.UUID, Person]) -> None:
    """What the effectiveness follow-up needs besides the history: the supports, and its starting points (ended
    services and supports, completed referrals, job offers)."""
    ours = select(ClientProfile.client_id).where(ClientProfile.organisation_id == organisation_id)
    for person in people.values():
        for episode in person.episodes:
            if episode.ended_on is not None:
                person.anchors.append(Anchor("service", episode.service_type, episode.provider, None, episode.ended_on))
    for support in await session.scalars(select(Support).where(Support.client_id.in_(ours))):
        if (owner := people.get(support.client_id)) is not None:
            owner.supports.append((support.support_type, support.employer_sector, support.starts_on, support.ends_on))
            if support.ends_on is not None:
                owner.anchors.append(
                    Anchor("support", support.support_type, None, support.employer_sector, support.ends_on)
                )
    for offer in await session.scalars(select(Offer).where(Offer.client_id.in_(ours), Offer.kind == "job_offer")):
        if (owner := people.get(offer.client_id)) is not None:
            owner.anchors.append(Anchor("job_offer", "job_offer", None, offer.employer_sector, offer.made_on))
    completed = select(Referral).where(
        Referral.sender_organisation_id == organisation_id,
        Referral.closed_status == "completed",
        Referral.closed_at.is_not(None),
    )
    for referral in await session.scalars(completed):
        if (owner := people.get(referral.client_id)) is not None and referral.closed_at is not None:
            owner.anchors.append(
                Anchor(
                    "referral",
                    str(referral.service_id),
                    str(referral.partner_organisation_id),
                    None,
                    local_date(referral.closed_at),
                )
            )


async def issued_statements(session: AsyncSession, organisation_id: uuid.UUID) -> list[IssuedStatement]:
    """The organisation's issued labour-policy statements, from the ledger (their event names no client)."""
    rows = await session.scalars(
        select(FeedEvent.data).where(
            FeedEvent.type == STATEMENT_ISSUED,
            FeedEvent.data["organisation_id"].astext == str(organisation_id),
        )
    )
    return [
        IssuedStatement(
            municipality=data.get("municipality"),
            neglected_on=date.fromisoformat(data["neglected_on"]),
            issued_on=date.fromisoformat(data["issued_on"]),
        )
        for data in rows
        if data.get("neglected_on") and data.get("issued_on")
    ]


async def deadlines(session: AsyncSession, organisation_id: uuid.UUID) -> list[Deadline]:
    ours = select(ClientProfile.client_id).where(ClientProfile.organisation_id == organisation_id)
    rows: Sequence[DeadlineOutcome] = (
        await session.scalars(select(DeadlineOutcome).where(DeadlineOutcome.client_id.in_(ours)))
    ).all()
    return [Deadline(r.client_id, r.kind, r.number, r.due_on, r.rule_set, r.outcome) for r in rows]


async def referrals(
    session: AsyncSession,
    *,
    sender_organisation_id: uuid.UUID | None = None,
    partner_organisation_id: uuid.UUID | None = None,
) -> list[ReferralFacts]:
    """Referrals sent by an authority, or received by a partner (exactly one of the two is given)."""
    query = select(Referral)
    if sender_organisation_id is not None:
        query = query.where(Referral.sender_organisation_id == sender_organisation_id)
    if partner_organisation_id is not None:
        query = query.where(Referral.partner_organisation_id == partner_organisation_id)
    return [
        ReferralFacts(r.referral_id, r.partner_organisation_id, r.sent_at, r.first_response_at, r.accepted_at)
        for r in await session.scalars(query)
    ]


async def labour_force(session: AsyncSession, organisation_id: uuid.UUID, group: str) -> list[LabourForceRow]:
    rows = await session.scalars(
        select(LabourForce).where(LabourForce.organisation_id == organisation_id, LabourForce.group == group)
    )
    return [
        LabourForceRow(r.municipality, r.month, r.labour_force, r.population, r.vintage, r.employed, r.group)
        for r in rows
    ]


async def employment(session: AsyncSession, organisation_id: uuid.UUID) -> list[LabourForceRow]:
    """The imported rows of the employment rate's age groups."""
    rows = await session.scalars(
        select(LabourForce).where(
            LabourForce.organisation_id == organisation_id,
            LabourForce.group.in_(("age_15_64", "age_20_64")),
            LabourForce.employed.is_not(None),
        )
    )
    return [
        LabourForceRow(r.municipality, r.month, r.labour_force, r.population, r.vintage, r.employed, r.group)
        for r in rows
    ]


async def kela_benefits(
    session: AsyncSession, organisation_id: uuid.UUID, first: date, last: date, benefit_type: str | None = None
) -> list[BenefitRow]:
    query = select(KelaBenefit).where(
        KelaBenefit.organisation_id == organisation_id, KelaBenefit.month.between(first, last)
    )
    if benefit_type is not None:
        query = query.where(KelaBenefit.benefit_type == benefit_type)
    return [
        BenefitRow(r.municipality, r.month, r.benefit_type, r.recipients, float(r.euros), r.vintage)
        for r in await session.scalars(query)
    ]


async def budget_lines(session: AsyncSession, organisation_id: uuid.UUID, first: date, last: date) -> list[BudgetRow]:
    rows = await session.scalars(
        select(BudgetLine).where(BudgetLine.organisation_id == organisation_id, BudgetLine.month.between(first, last))
    )
    return [
        BudgetRow(
            r.month,
            r.line,
            r.category,
            r.budget_class,
            float(r.budgeted),
            None if r.actual is None else float(r.actual),
            None if r.committed is None else float(r.committed),
        )
        for r in rows
    ]


async def support_decisions(session: AsyncSession, organisation_id: uuid.UUID) -> list[Decision]:
    """The organisation's support decisions with the euros they commit by month."""
    rows = await session.execute(
        select(
            SupportCommitment.support_type,
            SupportCommitment.starts_on,
            SupportCommitment.ends_on,
            SupportCommitment.by_period,
            SupportCommitment.committed_by_month,
            SupportCommitment.ended_on,
        ).where(SupportCommitment.organisation_id == organisation_id)
    )
    return [
        Decision(
            r.support_type,
            r.starts_on,
            r.ends_on,
            r.by_period,
            tuple((str(item["month"]), Decimal(str(item["euros"]))) for item in r.committed_by_month),
            r.ended_on,
        )
        for r in rows
    ]


# The stock figures on count dates, aggregated in PostgreSQL (the same rules as ``compute.Person``: a day's last
# change holds from that day, equal statuses in a row are one segment, the municipality is the last one from a day
# at or before the count date; in an activating service: a covering episode of a listed type where the client has
# episodes, otherwise the status in_activating_service; long-term unemployed: a spell of at least 12 months, or a
# service entered straight from one).
BASE = """
WITH ours AS (
    SELECT client_id, birth_date, citizenship FROM client_profile WHERE organisation_id = :organisation
),
changes AS (
    SELECT DISTINCT ON (s.client_id, s.changed_on) s.client_id, s.changed_on, s.status
    FROM client_status s JOIN ours USING (client_id)
    ORDER BY s.client_id, s.changed_on, s.occurred_at DESC, s.event_id DESC
),
marked AS (
    SELECT client_id, changed_on, status, lag(status) OVER (PARTITION BY client_id ORDER BY changed_on) AS before
    FROM changes
),
segments AS (
    SELECT client_id, status, changed_on AS start, lead(changed_on) OVER w AS until,
           lag(status) OVER w AS previous_status, lag(changed_on) OVER w AS previous_start
    FROM marked WHERE before IS DISTINCT FROM status
    WINDOW w AS (PARTITION BY client_id ORDER BY changed_on)
),
places AS (
    SELECT client_id, municipality, valid_from AS start,
           lead(valid_from) OVER (PARTITION BY client_id ORDER BY valid_from) AS until
    FROM (
        SELECT DISTINCT ON (m.client_id, m.valid_from) m.client_id, m.valid_from, m.municipality
        FROM client_municipality m JOIN ours USING (client_id)
        ORDER BY m.client_id, m.valid_from, m.occurred_at DESC, m.event_id DESC
    ) AS latest
)
"""
# The stock figures' cross-sections: a row per person and count date with what the groups and the figures need.
FLAGGED = """,
days AS (SELECT unnest(CAST(:days AS date[])) AS day),
with_episodes AS (SELECT DISTINCT e.client_id FROM service_episode e JOIN ours USING (client_id)),
in_episode AS (
    SELECT DISTINCT d.day, e.client_id
    FROM days d JOIN service_episode e
      ON e.started_on <= d.day AND (e.ended_on IS NULL OR d.day <= e.ended_on)
     AND e.service_type = ANY(CAST(:activating AS text[]))
    JOIN ours USING (client_id)
),
flagged AS (
    SELECT d.day, s.client_id, pl.municipality, s.status, o.birth_date, o.citizenship,
           (s.status = 'unemployed' AND s.start + interval '12 months' <= d.day)
           OR (s.status = 'in_activating_service' AND s.previous_status = 'unemployed'
               AND s.previous_start + interval '12 months' <= s.start) AS long_term,
           CASE WHEN w.client_id IS NOT NULL THEN ie.client_id IS NOT NULL
                ELSE s.status = 'in_activating_service' END AS in_service
    FROM days d
    JOIN segments s ON s.start <= d.day AND (s.until IS NULL OR d.day < s.until)
    JOIN ours o ON o.client_id = s.client_id
    LEFT JOIN with_episodes w ON w.client_id = s.client_id
    LEFT JOIN in_episode ie ON ie.client_id = s.client_id AND ie.day = d.day
    LEFT JOIN places pl ON pl.client_id = s.client_id AND pl.start <= d.day AND (pl.until IS NULL OR d.day < pl.until)
)
"""
STOCKS = (
    BASE
    + FLAGGED
    + """
SELECT day, municipality,
       count(*) FILTER (WHERE status <> 'search_ended') AS job_seekers,
       count(*) FILTER (WHERE status = 'unemployed') AS unemployed,
       count(*) FILTER (WHERE status = 'unemployed' AND long_term) AS long_term_unemployed,
       count(*) FILTER (WHERE in_service) AS in_service,
       count(*) FILTER (WHERE in_service OR status = 'unemployed') AS active
FROM flagged
WHERE {group}
GROUP BY day, municipality
"""
)
GROUP_CONDITIONS = {
    "all": "TRUE",
    "under_25": "birth_date IS NOT NULL AND date_part('year', age(day, birth_date)) < 25",
    "under_30": "birth_date IS NOT NULL AND date_part('year', age(day, birth_date)) < 30",
    "foreign_citizens": "citizenship IS NOT NULL AND upper(citizenship) <> 'FI'",
    "long_term_unemployed": "long_term",
}


@dataclass(frozen=True)
class StockRow:
    day: date
    municipality: str | None
    job_seekers: int
    unemployed: int
    long_term_unemployed: int
    in_service: int
    active: int


async def stocks(
    session: AsyncSession, organisation_id: uuid.UUID, days: list[date], group: str, activating: list[str]
) -> list[StockRow]:
    """The stock tallies of the organisation on each count date, by municipality (one query)."""
    statement = text(STOCKS.format(group=GROUP_CONDITIONS[group]))
    result = await session.execute(statement, {"organisation": organisation_id, "days": days, "activating": activating})
    return [StockRow(*row) for row in result]


async def any_citizenship(session: AsyncSession, organisation_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(ClientProfile.client_id)
        .where(ClientProfile.organisation_id == organisation_id, ClientProfile.citizenship.is_not(None))
        .limit(1)
    )
    return found is not None


# The other figures of the job seekers' history, aggregated in PostgreSQL by the same rules as ``compute``,
# ``followup`` and ``casework`` (their Python stays the reference the tests check these against). Each query gives
# tallies: (day, municipality, breakdown, n0, n1, n2) with the numbers of ``compute.Tally``; ``day`` is the count
# date of a stock figure, the month's first day of a flow.
def _joined(*parts: str) -> str:
    """A query from its parts (the shared CTEs, then the figure's own)."""
    return "".join(parts)


DAYS = """,
days AS (SELECT unnest(CAST(:days AS date[])) AS day)
"""
PLACE_ON = (
    "LEFT JOIN places pl ON pl.client_id = {who}.client_id AND pl.start <= {day} "
    "AND (pl.until IS NULL OR {day} < pl.until)"
)

# Spells of unemployment whose length passes the threshold: on the day after the same day N months from the start.
FLOWS = _joined(
    BASE,
    """,
passed AS (
    SELECT s.client_id, CAST(s.start + make_interval(months => :threshold) AS date) + 1 AS day, s.until
    FROM segments s WHERE s.status = 'unemployed'
)
SELECT CAST(date_trunc('month', p.day) AS date) AS month, pl.municipality, NULL, count(*), 0, 0
FROM passed p JOIN ours o ON o.client_id = p.client_id
""",
    PLACE_ON.format(who="p", day="p.day"),
    """
WHERE p.day BETWEEN :first AND :last AND (p.until IS NULL OR p.day < p.until) AND {group}
GROUP BY 1, 2
""",
)

# Ended job searches with their days: the job-search periods where the client has any, otherwise runs of status
# segments closed by search_ended (a search starts at the first segment after the previous search_ended).
ENDED = _joined(
    BASE,
    """,
with_periods AS (SELECT DISTINCT j.client_id FROM job_search_period j JOIN ours USING (client_id)),
numbered AS (
    SELECT s.client_id, s.status, s.start,
           count(*) FILTER (WHERE s.status = 'search_ended') OVER (
               PARTITION BY s.client_id ORDER BY s.start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS k
    FROM segments s WHERE NOT EXISTS (SELECT 1 FROM with_periods w WHERE w.client_id = s.client_id)
),
searches AS (
    SELECT j.client_id, j.started_on AS start, j.ended_on AS day
    FROM job_search_period j JOIN ours USING (client_id) WHERE j.ended_on IS NOT NULL
    UNION ALL
    SELECT e.client_id, min(n.start), e.start
    FROM numbered e JOIN numbered n ON n.client_id = e.client_id AND n.k = e.k AND n.status <> 'search_ended'
    WHERE e.status = 'search_ended'
    GROUP BY e.client_id, e.start
)
SELECT CAST(date_trunc('month', x.day) AS date) AS month, pl.municipality, NULL, count(*), 0, sum(x.day - x.start)
FROM searches x JOIN ours o ON o.client_id = x.client_id
""",
    PLACE_ON.format(who="x", day="x.day"),
    """
WHERE x.day BETWEEN :first AND :last AND {group}
GROUP BY 1, 2
""",
)

# Job seekers on the count date whose latest assessment records a level: n0 those with no post-basic level.
EDUCATION = _joined(
    STOCKS[: STOCKS.index("SELECT day, municipality,")],
    """
SELECT f.day, f.municipality, NULL,
       count(*) FILTER (WHERE ed.level = ANY(CAST(:no_post_basic AS text[]))), count(*), 0
FROM flagged f
JOIN (
    SELECT client_id, level, assessed_on AS start,
           lead(assessed_on) OVER (PARTITION BY client_id ORDER BY assessed_on) AS until
    FROM (
        SELECT DISTINCT ON (e.client_id, e.assessed_on) e.client_id, e.assessed_on, e.level
        FROM client_education e JOIN ours USING (client_id)
        ORDER BY e.client_id, e.assessed_on, e.version DESC
    ) AS latest
) AS ed ON ed.client_id = f.client_id AND ed.start <= f.day AND (ed.until IS NULL OR f.day < ed.until)
WHERE f.status <> 'search_ended' AND ed.level IS NOT NULL AND {group}
GROUP BY 1, 2
""",
)

# Structural unemployment's four components on the count date, each person in the first that fits
# (``followup.component``). Services: the episodes of a type listed on their first day where the client has
# episodes, otherwise the spans of the status in_activating_service.
STRUCTURAL = _joined(
    BASE,
    DAYS,
    """,
listed AS (
    SELECT * FROM unnest(CAST(:types AS text[]), CAST(:listed_from AS date[]), CAST(:listed_to AS date[]))
        AS l(service_type, valid_from, valid_to)
),
with_episodes AS (SELECT DISTINCT e.client_id FROM service_episode e JOIN ours USING (client_id)),
spans AS (
    SELECT e.client_id, e.started_on AS start, e.ended_on AS last
    FROM service_episode e JOIN ours USING (client_id)
    WHERE EXISTS (
        SELECT 1 FROM listed l
        WHERE l.service_type = e.service_type AND l.valid_from <= e.started_on
          AND (l.valid_to IS NULL OR e.started_on <= l.valid_to)
    )
    UNION ALL
    SELECT s.client_id, s.start, s.until - 1 FROM segments s
    WHERE s.status = 'in_activating_service'
      AND NOT EXISTS (SELECT 1 FROM with_episodes w WHERE w.client_id = s.client_id)
),
in_service AS (
    SELECT d.day, sp.client_id, min(sp.start) AS started
    FROM days d JOIN spans sp ON sp.start <= d.day AND (sp.last IS NULL OR d.day <= sp.last)
    GROUP BY d.day, sp.client_id
),
unemployed_on AS (
    SELECT d.day, s.client_id, s.start
    FROM days d JOIN segments s ON s.status = 'unemployed' AND s.start <= d.day AND (s.until IS NULL OR d.day < s.until)
    WHERE NOT EXISTS (SELECT 1 FROM in_service i WHERE i.day = d.day AND i.client_id = s.client_id)
),
unemployed_days AS (
    SELECT u.day, u.client_id, u.start,
           sum(greatest(0, least(coalesce(x.until - 1, u.day), u.day)
                           - greatest(x.start, CAST(u.day - interval '16 months' AS date) + 1) + 1)) AS days
    FROM unemployed_on u JOIN segments x ON x.client_id = u.client_id AND x.status = 'unemployed'
    GROUP BY u.day, u.client_id, u.start
),
after_service AS (
    SELECT DISTINCT u.day, u.client_id
    FROM unemployed_on u JOIN spans sp ON sp.client_id = u.client_id
    WHERE sp.last IS NOT NULL AND CAST(u.day - interval '3 months' AS date) <= sp.last AND sp.last < u.day
),
components AS (
    SELECT u.day, u.client_id,
           CASE
               WHEN u.start + interval '12 months' <= u.day THEN 'long_term_unemployed'
               WHEN u.days >= u.day - CAST(u.day - interval '12 months' AS date) THEN 'comparable_long_term_unemployed'
               WHEN a.client_id IS NOT NULL THEN 'unemployed_after_service'
           END AS component
    FROM unemployed_days u LEFT JOIN after_service a ON a.day = u.day AND a.client_id = u.client_id
    UNION ALL
    SELECT DISTINCT i.day, i.client_id, 'service_to_service'
    FROM in_service i JOIN spans sp ON sp.client_id = i.client_id
    WHERE sp.last IS NOT NULL AND sp.last < i.started
      AND CAST(i.day - interval '12 months' AS date) <= sp.last AND i.started - sp.last <= 31
)
SELECT c.day, pl.municipality, c.component, count(*), 0, 0
FROM components c JOIN ours o ON o.client_id = c.client_id
""",
    PLACE_ON.format(who="c", day="c.day"),
    """
WHERE c.component IS NOT NULL AND {group}
GROUP BY 1, 2, 3
""",
)

# Who coaches whom from a day on: the last assignment of a day holds (NULL: no coach).
COACHES = """,
coaches AS (
    SELECT client_id, coach_subject, assigned_on AS start,
           lead(assigned_on) OVER (PARTITION BY client_id ORDER BY assigned_on) AS until
    FROM (
        SELECT DISTINCT ON (c.client_id, c.assigned_on) c.client_id, c.assigned_on, c.coach_subject
        FROM client_coach c JOIN ours USING (client_id)
        ORDER BY c.client_id, c.assigned_on, c.occurred_at DESC, c.event_id DESC
    ) AS latest
)
"""
COACH_ON = (
    "JOIN coaches co ON co.client_id = {who}.client_id AND co.start <= {day} AND (co.until IS NULL OR {day} < co.until)"
)

# Clients in the schedule (unemployed or in an activating service) on the count date, by their coach then.
CASELOAD = _joined(
    BASE,
    DAYS,
    COACHES,
    """,
scheduled AS (
    SELECT d.day, s.client_id FROM days d
    JOIN segments s ON s.start <= d.day AND (s.until IS NULL OR d.day < s.until)
    WHERE s.status IN ('unemployed', 'in_activating_service')
),
coached AS (
    SELECT d.day, co.client_id, co.coach_subject FROM days d
    JOIN coaches co ON co.start <= d.day AND (co.until IS NULL OR d.day < co.until)
    WHERE co.coach_subject IS NOT NULL
)
SELECT day, NULL, coach_subject, count(*), 0, 0
FROM scheduled JOIN coached USING (day, client_id)
GROUP BY 1, 3
""",
)


# Deadlines of an outcome due in the period, by the municipality on the due day and kind/rule set; for a coach
# only those of clients in their caseload on the due day.
DEADLINES = _joined(
    BASE,
    COACHES,
    """
SELECT CAST(date_trunc('month', d.due_on) AS date) AS month, pl.municipality,
       d.kind || '/' || coalesce(d.rule_set, 'unknown'), count(*), 0, 0
FROM deadline_outcome d JOIN ours o ON o.client_id = d.client_id
""",
    PLACE_ON.format(who="d", day="d.due_on"),
    """
{coach}
WHERE d.outcome = :outcome AND d.due_on BETWEEN :first AND :last
GROUP BY 1, 2, 3
""",
)


@dataclass(frozen=True)
class TallyRow:
    day: date
    municipality: str | None
    breakdown: str | None
    numbers: tuple[int, int, int]


async def _tallies(session: AsyncSession, statement: str, params: dict[str, Any]) -> list[TallyRow]:
    result = await session.execute(text(statement), params)
    return [TallyRow(day, place, key, (int(a), int(b), int(c))) for day, place, key, a, b, c in result.all()]


async def flows(
    session: AsyncSession, organisation_id: uuid.UUID, first: date, last: date, group: str, threshold: int
) -> list[TallyRow]:
    return await _tallies(
        session,
        FLOWS.format(group=GROUP_CONDITIONS[group]),
        {"organisation": organisation_id, "first": first, "last": last, "threshold": threshold},
    )


async def ended_searches(
    session: AsyncSession, organisation_id: uuid.UUID, first: date, last: date, group: str
) -> list[TallyRow]:
    """Ended job searches by month: [searches, 0, their days in all]."""
    return await _tallies(
        session,
        ENDED.format(group=GROUP_CONDITIONS[group]),
        {"organisation": organisation_id, "first": first, "last": last},
    )


async def education(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    days: list[date],
    group: str,
    activating: list[str],
    no_post_basic: list[str],
) -> list[TallyRow]:
    return await _tallies(
        session,
        EDUCATION.format(group=GROUP_CONDITIONS[group]),
        {"organisation": organisation_id, "days": days, "activating": activating, "no_post_basic": no_post_basic},
    )


async def structural(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    days: list[date],
    group: str,
    listed: list[tuple[str, date, date | None]],
) -> list[TallyRow]:
    """``listed``: the activating service types with the days they are listed from and to (None: still)."""
    return await _tallies(
        session,
        STRUCTURAL.format(group=GROUP_CONDITIONS[group]),
        {
            "organisation": organisation_id,
            "days": days,
            "types": [kind for kind, _, _ in listed],
            "listed_from": [start for _, start, _ in listed],
            "listed_to": [end for _, _, end in listed],
        },
    )


async def caseloads(session: AsyncSession, organisation_id: uuid.UUID, days: list[date]) -> list[TallyRow]:
    return await _tallies(session, CASELOAD, {"organisation": organisation_id, "days": days})


async def deadline_tallies(
    session: AsyncSession, organisation_id: uuid.UUID, first: date, last: date, outcome: str, coach: str | None
) -> list[TallyRow]:
    params: dict[str, Any] = {"organisation": organisation_id, "first": first, "last": last, "outcome": outcome}
    join = ""
    if coach is not None:
        join = COACH_ON.format(who="d", day="d.due_on") + " AND co.coach_subject = :coach"
        params["coach"] = coach
    return await _tallies(session, DEADLINES.format(coach=join), params)


# The stored cross-section (migration metrics_0005): a client's rows on every stored count date, made by the rules of
# ``STOCKS`` (an activating service: a covering episode of a type listed on that day), and their tallies by group.
CROSS_SECTION_ROWS = _joined(
    BASE.replace(
        "SELECT client_id, birth_date, citizenship FROM client_profile WHERE organisation_id = :organisation",
        "SELECT client_id, organisation_id, birth_date, citizenship FROM client_profile WHERE <which>",
    ),
    DAYS,
    """,
listed AS (
    SELECT * FROM unnest(CAST(:types AS text[]), CAST(:listed_from AS date[]), CAST(:listed_to AS date[]))
        AS l(service_type, valid_from, valid_to)
),
with_episodes AS (SELECT DISTINCT e.client_id FROM service_episode e JOIN ours USING (client_id)),
in_episode AS (
    SELECT DISTINCT d.day, e.client_id
    FROM days d JOIN service_episode e ON e.started_on <= d.day AND (e.ended_on IS NULL OR d.day <= e.ended_on)
    JOIN ours USING (client_id)
    WHERE EXISTS (
        SELECT 1 FROM listed l
        WHERE l.service_type = e.service_type AND l.valid_from <= d.day AND (l.valid_to IS NULL OR d.day <= l.valid_to)
    )
),
flagged AS (
    SELECT d.day, s.client_id, o.organisation_id, pl.municipality, s.status, o.birth_date, o.citizenship,
           (s.status = 'unemployed' AND s.start + interval '12 months' <= d.day)
           OR (s.status = 'in_activating_service' AND s.previous_status = 'unemployed'
               AND s.previous_start + interval '12 months' <= s.start) AS long_term,
           CASE WHEN w.client_id IS NOT NULL THEN ie.client_id IS NOT NULL
                ELSE s.status = 'in_activating_service' END AS in_service
    FROM days d
    JOIN segments s ON s.start <= d.day AND (s.until IS NULL OR d.day < s.until)
    JOIN ours o ON o.client_id = s.client_id
    LEFT JOIN with_episodes w ON w.client_id = s.client_id
    LEFT JOIN in_episode ie ON ie.client_id = s.client_id AND ie.day = d.day
    LEFT JOIN places pl ON pl.client_id = s.client_id AND pl.start <= d.day AND (pl.until IS NULL OR d.day < pl.until)
)
INSERT INTO stock_cross_section (client_id, count_date, organisation_id, municipality, status, groups, in_service)
SELECT client_id, day, organisation_id, coalesce(municipality, ''), status,
       array_remove(ARRAY[
           'all',
           CASE WHEN """,
    GROUP_CONDITIONS["under_25"],
    " THEN 'under_25' END,\n           CASE WHEN ",
    GROUP_CONDITIONS["under_30"],
    " THEN 'under_30' END,\n           CASE WHEN ",
    GROUP_CONDITIONS["foreign_citizens"],
    """ THEN 'foreign_citizens' END,
           CASE WHEN long_term THEN 'long_term_unemployed' END
       ], NULL),
       in_service
FROM flagged
WHERE status <> 'search_ended' OR in_service
""",
)

# Each stored row counted in the tallies of its groups (``sign`` -1 takes rows out, before they are made again).
# ``<which>``: every client, or those named (two statements, so that the named clients' rows are found by key).
CROSS_SECTION_TALLY = """
INSERT INTO stock_tally AS t
    (organisation_id, count_date, grp, municipality, job_seekers, unemployed, long_term_unemployed, in_service, active)
SELECT organisation_id, count_date, grp, municipality,
       :sign * count(*) FILTER (WHERE status <> 'search_ended'),
       :sign * count(*) FILTER (WHERE status = 'unemployed'),
       :sign * count(*) FILTER (WHERE status = 'unemployed' AND 'long_term_unemployed' = ANY(groups)),
       :sign * count(*) FILTER (WHERE in_service),
       :sign * count(*) FILTER (WHERE in_service OR status = 'unemployed')
FROM stock_cross_section, unnest(groups) AS grp
WHERE <which>
GROUP BY organisation_id, count_date, grp, municipality
ORDER BY organisation_id, count_date, grp, municipality
ON CONFLICT (organisation_id, count_date, grp, municipality) DO UPDATE SET
    job_seekers = t.job_seekers + excluded.job_seekers,
    unemployed = t.unemployed + excluded.unemployed,
    long_term_unemployed = t.long_term_unemployed + excluded.long_term_unemployed,
    in_service = t.in_service + excluded.in_service,
    active = t.active + excluded.active
"""


def _which(statement: str, clients: list[uuid.UUID] | None) -> str:
    return statement.replace("<which>", "TRUE" if clients is None else "client_id = ANY(CAST(:clients AS uuid[]))")


async def cross_section_days(session: AsyncSession) -> list[date] | None:
    """The count dates the stored cross-section holds; None while it is not built."""
    days = await session.scalar(text("SELECT days FROM stock_cross_section_days WHERE id = 1"))
    return None if days is None else list(days)


async def build_cross_section(
    session: AsyncSession, days: list[date], listed: list[tuple[str, date, date | None]]
) -> None:
    """Every client's rows and the tallies made again from the facts, on ``days``."""
    await session.execute(text("DELETE FROM stock_tally"))
    await session.execute(text("DELETE FROM stock_cross_section"))
    await session.execute(
        text(
            "INSERT INTO stock_cross_section_days (id, days) VALUES (1, :days) "
            "ON CONFLICT (id) DO UPDATE SET days = excluded.days"
        ),
        {"days": days},
    )
    await _cross_section_rows(session, None, days, listed)
    await session.execute(text(_which(CROSS_SECTION_TALLY, None)), {"sign": 1})


async def refresh_cross_section(
    session: AsyncSession, clients: list[uuid.UUID], days: list[date], listed: list[tuple[str, date, date | None]]
) -> None:
    """The clients' rows made again from their facts, and the tallies changed by the difference."""
    ids = sorted(set(clients))
    await session.execute(text(_which(CROSS_SECTION_TALLY, ids)), {"sign": -1, "clients": ids})
    await session.execute(text("DELETE FROM stock_cross_section WHERE client_id = ANY(:clients)"), {"clients": ids})
    await _cross_section_rows(session, ids, days, listed)
    await session.execute(text(_which(CROSS_SECTION_TALLY, ids)), {"sign": 1, "clients": ids})


async def _cross_section_rows(
    session: AsyncSession,
    clients: list[uuid.UUID] | None,
    days: list[date],
    listed: list[tuple[str, date, date | None]],
) -> None:
    await session.execute(
        text(_which(CROSS_SECTION_ROWS, clients)),
        {
            **({} if clients is None else {"clients": clients}),
            "days": days,
            "types": [kind for kind, _, _ in listed],
            "listed_from": [start for _, start, _ in listed],
            "listed_to": [end for _, _, end in listed],
        },
    )


async def stored_stocks(
    session: AsyncSession, organisation_id: uuid.UUID, days: list[date], group: str
) -> list[StockRow]:
    """The stock tallies on the count dates from the stored cross-section (a row per municipality)."""
    result = await session.execute(
        text(
            "SELECT count_date, municipality, job_seekers, unemployed, long_term_unemployed, in_service, active "
            "FROM stock_tally WHERE organisation_id = :organisation AND grp = :group "
            "AND count_date = ANY(CAST(:days AS date[]))"
        ),
        {"organisation": organisation_id, "group": group, "days": days},
    )
    return [StockRow(day, place or None, *numbers) for day, place, *numbers in result.all()]


# The effectiveness follow-up (``followup.effectiveness``): where each starting point's client stands h months later,
# the first destination that fits, by the month of the start, the municipality on that day and the cohort's key.
COVERING = (
    "EXISTS (SELECT 1 FROM service_episode e WHERE e.client_id = p.client_id AND e.started_on <= p.later "
    "AND (e.ended_on IS NULL OR p.later <= e.ended_on) AND {condition})"
)
FOLLOW_UP = _joined(
    BASE,
    """,
listed AS (
    SELECT * FROM unnest(CAST(:types AS text[]), CAST(:listed_from AS date[]), CAST(:listed_to AS date[]))
        AS l(service_type, valid_from, valid_to)
),
anchors AS (
    SELECT e.client_id, 'service' AS origin, e.service_type AS kind,
           CAST(e.provider_organisation_id AS text) AS provider, CAST(NULL AS text) AS sector, e.ended_on AS day
    FROM service_episode e JOIN ours USING (client_id) WHERE e.ended_on IS NOT NULL
    UNION ALL
    SELECT s.client_id, 'support', s.support_type, NULL, s.employer_sector, s.ends_on
    FROM support s JOIN ours USING (client_id) WHERE s.ends_on IS NOT NULL
    UNION ALL
    SELECT o.client_id, 'job_offer', 'job_offer', NULL, o.employer_sector, o.made_on
    FROM offer o JOIN ours USING (client_id) WHERE o.kind = 'job_offer'
    UNION ALL
    SELECT r.client_id, 'referral', CAST(r.service_id AS text), CAST(r.partner_organisation_id AS text), NULL,
           CAST(r.closed_at AT TIME ZONE 'Europe/Helsinki' AS date)
    FROM referral r JOIN ours USING (client_id)
    WHERE r.sender_organisation_id = :organisation AND r.closed_status = 'completed' AND r.closed_at IS NOT NULL
),
followed AS (
    SELECT a.*, h.h, CAST(a.day + make_interval(months => h.h) AS date) AS later
    FROM anchors a CROSS JOIN unnest(CAST(:horizons AS int[])) AS h(h)
    WHERE a.day BETWEEN :first AND :last AND CAST(a.day + make_interval(months => h.h) AS date) <= :as_of
),
placed AS (
    SELECT f.*, pl.municipality, s.status
    FROM followed f
    """,
    PLACE_ON.format(who="f", day="f.day"),
    """
    LEFT JOIN segments s ON s.client_id = f.client_id AND s.start <= f.later AND (s.until IS NULL OR f.later < s.until)
),
destined AS (
    SELECT p.*, CASE
        WHEN EXISTS (
                 SELECT 1 FROM support x WHERE x.client_id = p.client_id AND x.support_type = 'pay_subsidy'
                 AND x.starts_on <= p.later AND (x.ends_on IS NULL OR p.later <= x.ends_on)
             )
             OR """,
    COVERING.format(condition="e.service_type = ANY(CAST(:subsidised AS text[]))"),
    """ THEN 'subsidised_work'
        WHEN p.status = 'in_education' OR """,
    COVERING.format(condition="e.service_type = ANY(CAST(:education AS text[]))"),
    """ THEN 'education'
        WHEN p.status = 'employed' THEN 'open_labour_market'
        WHEN p.status IS NULL OR p.status = 'search_ended' THEN CASE (
                 SELECT j.end_reason FROM job_search_period j
                 WHERE j.client_id = p.client_id AND j.ended_on IS NOT NULL AND j.ended_on <= p.later
                 ORDER BY j.ended_on DESC LIMIT 1
             ) WHEN 'employed' THEN 'open_labour_market' WHEN 'in_education' THEN 'education' ELSE 'not_known' END
        WHEN p.status = 'in_activating_service' OR """,
    COVERING.format(
        condition="EXISTS (SELECT 1 FROM listed l WHERE l.service_type = e.service_type AND l.valid_from <= p.later "
        "AND (l.valid_to IS NULL OR p.later <= l.valid_to))"
    ),
    """ THEN 'in_other_service'
        WHEN p.status = 'unemployed' THEN 'unemployed'
        ELSE 'outside_labour_force'
    END AS destination
    FROM placed p
)
SELECT CAST(date_trunc('month', day) AS date), municipality, h, origin || ':' || {key}, destination, count(*)
FROM destined
GROUP BY 1, 2, 3, 4, 5
""",
)
FOLLOW_UP_KEYS = {
    "service_type": "kind",
    "provider": "coalesce(provider, 'unknown')",
    "employer_sector": "coalesce(sector, 'unknown')",
}


@dataclass(frozen=True)
class FollowUpRow:
    month: date
    municipality: str | None
    horizon: int
    key: str
    destination: str
    persons: int


async def follow_up(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    *,
    first: date,
    last: date,
    horizons: list[int],
    by: str,
    as_of: date,
    listed: list[tuple[str, date, date | None]],
    subsidised: list[str],
    education: list[str],
) -> list[FollowUpRow]:
    result = await session.execute(
        text(FOLLOW_UP.format(key=FOLLOW_UP_KEYS[by])),
        {
            "organisation": organisation_id,
            "first": first,
            "last": last,
            "horizons": horizons,
            "as_of": as_of,
            "types": [kind for kind, _, _ in listed],
            "listed_from": [start for _, start, _ in listed],
            "listed_to": [end for _, _, end in listed],
            "subsidised": subsidised,
            "education": education,
        },
    )
    return [FollowUpRow(*row) for row in result.all()]


# Deadlines met on time: a deadline (client, kind, number, due day) met and never reported overdue, of those met or
# missed; by the municipality on the due day. For a coach only their caseload's on the due day.
DEADLINES_MET = _joined(
    BASE,
    COACHES,
    """,
deadlines AS (
    SELECT d.client_id, d.kind, d.number, d.due_on, max(d.rule_set) AS rule_set,
           bool_or(d.outcome = 'met') AS met, bool_or(d.outcome = 'missed') AS missed
    FROM deadline_outcome d JOIN ours USING (client_id)
    WHERE d.outcome IN ('met', 'missed') AND d.due_on BETWEEN :first AND :last
    GROUP BY d.client_id, d.kind, d.number, d.due_on
)
SELECT CAST(date_trunc('month', d.due_on) AS date), pl.municipality, d.kind || '/' || coalesce(d.rule_set, 'unknown'),
       count(*) FILTER (WHERE d.met AND NOT d.missed), count(*), 0
FROM deadlines d
""",
    PLACE_ON.format(who="d", day="d.due_on"),
    """
{coach}
GROUP BY 1, 2, 3
""",
)

# Job offers and introductions made in the period by kind and outcome so far, by the municipality on the day made.
OFFERS = _joined(
    BASE,
    COACHES,
    """
SELECT CAST(date_trunc('month', x.made_on) AS date), pl.municipality, x.kind || '/' || coalesce(x.outcome, 'pending'),
       count(*), 0, 0
FROM offer x JOIN ours o ON o.client_id = x.client_id
""",
    PLACE_ON.format(who="x", day="x.made_on"),
    """
{coach}
WHERE x.made_on BETWEEN :first AND :last
GROUP BY 1, 2, 3
""",
)

# Pay-subsidy periods started in the period by the employer's TOL main class, by the municipality on the first day.
PAY_SUBSIDY_STARTS = _joined(
    BASE,
    """
SELECT CAST(date_trunc('month', x.starts_on) AS date), pl.municipality, coalesce(x.employer_sector, 'unknown'),
       count(*), 0, 0
FROM support x JOIN ours o ON o.client_id = x.client_id
""",
    PLACE_ON.format(who="x", day="x.starts_on"),
    """
WHERE x.support_type = 'pay_subsidy' AND x.starts_on BETWEEN :first AND :last
GROUP BY 1, 2, 3
""",
)


async def casework_tallies(
    session: AsyncSession, organisation_id: uuid.UUID, indicator: str, first: date, last: date, coach: str | None
) -> list[TallyRow]:
    """``deadlines_met_on_time``, ``offers_and_introductions`` (for a coach: their caseload's on the day) and
    ``pay_subsidy_periods_started`` by month, municipality and breakdown."""
    params: dict[str, Any] = {"organisation": organisation_id, "first": first, "last": last}
    if indicator == "pay_subsidy_periods_started":
        return await _tallies(session, PAY_SUBSIDY_STARTS, params)
    statement, who, day = (
        (DEADLINES_MET, "d", "d.due_on") if indicator == "deadlines_met_on_time" else (OFFERS, "x", "x.made_on")
    )
    join = ""
    if coach is not None:
        join = COACH_ON.format(who=who, day=day) + " AND co.coach_subject = :coach"
        params["coach"] = coach
    return await _tallies(session, statement.format(coach=join), params)


# Plans on the count date: of those in the schedule, those whose latest plan version made by then (the highest version
# of a day) has its next review on or after it. For a coach only their caseload on the count date.
PLANS = _joined(
    BASE,
    DAYS,
    COACHES,
    """,
scheduled AS (
    SELECT d.day, s.client_id FROM days d
    JOIN segments s ON s.start <= d.day AND (s.until IS NULL OR d.day < s.until)
    WHERE s.status IN ('unemployed', 'in_activating_service')
),
plans AS (
    SELECT client_id, next_review_on, created_on AS start,
           lead(created_on) OVER (PARTITION BY client_id ORDER BY created_on) AS until
    FROM (
        SELECT DISTINCT ON (p.client_id, p.created_on) p.client_id, p.created_on, p.next_review_on
        FROM plan_version p JOIN ours USING (client_id)
        ORDER BY p.client_id, p.created_on, p.version DESC
    ) AS latest
)
SELECT sc.day, pl.municipality, NULL, count(*) FILTER (WHERE pv.next_review_on >= sc.day), count(*), 0
FROM scheduled sc
LEFT JOIN plans pv ON pv.client_id = sc.client_id AND pv.start <= sc.day AND (pv.until IS NULL OR sc.day < pv.until)
""",
    PLACE_ON.format(who="sc", day="sc.day"),
    """
{coach}
GROUP BY 1, 2
""",
)


async def plans(
    session: AsyncSession, organisation_id: uuid.UUID, days: list[date], coach: str | None
) -> list[TallyRow]:
    """By count date and municipality: [with an up-to-date plan, in the schedule, 0]."""
    params: dict[str, Any] = {"organisation": organisation_id, "days": days}
    join = ""
    if coach is not None:
        join = COACH_ON.format(who="sc", day="sc.day") + " AND co.coach_subject = :coach"
        params["coach"] = coach
    return await _tallies(session, PLANS.format(coach=join), params)
