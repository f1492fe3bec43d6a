"""The facts the figures are computed from, read for one organisation (and, for partners, their own services)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
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
)
from metrics_api.indicator.casework import Deadline, IssuedStatement, ReferralFacts
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
        for client_id, born, citizenship in profiles.tuples()
    }
    ours = select(ClientProfile.client_id).where(ClientProfile.organisation_id == organisation_id)

    async def each(*columns: Any) -> Any:
        table = columns[0].class_
        return (await session.execute(select(*columns).where(table.client_id.in_(ours)))).tuples()

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


# The stock figures on count dates, aggregated in PostgreSQL (the same rules as ``compute.Person``: a day's last
# change holds from that day, equal statuses in a row are one segment, the municipality is the last one from a day
# at or before the count date; in an activating service: a covering episode of a listed type where the client has
# episodes, otherwise the status in_activating_service; long-term unemployed: a spell of at least 12 months, or a
# service entered straight from one).
STOCKS = """
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
),
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
    SELECT d.day, pl.municipality, s.status, o.birth_date, o.citizenship,
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
    return [StockRow(*row) for row in result.tuples()]


async def any_citizenship(session: AsyncSession, organisation_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(ClientProfile.client_id)
        .where(ClientProfile.organisation_id == organisation_id, ClientProfile.citizenship.is_not(None))
        .limit(1)
    )
    return found is not None
