"""The facts the figures are computed from, read for one organisation (and, for partners, their own services)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.models import (
    STATEMENT_ISSUED,
    ClientCoach,
    ClientMunicipality,
    ClientProfile,
    ClientStatus,
    DeadlineOutcome,
    FeedEvent,
    JobSearchPeriod,
    Referral,
    ServiceEpisode,
)
from metrics_api.indicator.casework import Deadline, IssuedStatement, ReferralFacts
from metrics_api.indicator.compute import Episode, Person
from metrics_api.indicator.imported import BenefitRow, BudgetRow, LabourForceRow
from metrics_api.statistics.models import BudgetLine, KelaBenefit, LabourForce


async def people(session: AsyncSession, organisation_id: uuid.UUID) -> dict[uuid.UUID, Person]:
    """The organisation's job seekers with their dated history. The profiles are read first: a client whose
    registration commits while the histories are read (the live feed) is left out of this answer, not half in."""
    found = {
        row.client_id: Person(client_id=row.client_id, birth_date=row.birth_date, citizenship=row.citizenship)
        for row in await session.scalars(select(ClientProfile).where(ClientProfile.organisation_id == organisation_id))
    }
    ours = select(ClientProfile.client_id).where(ClientProfile.organisation_id == organisation_id)
    for status in await session.scalars(select(ClientStatus).where(ClientStatus.client_id.in_(ours))):
        if (person := found.get(status.client_id)) is not None:
            person.status_changes.append((status.changed_on, status.occurred_at, status.event_id, status.status))
    for place in await session.scalars(select(ClientMunicipality).where(ClientMunicipality.client_id.in_(ours))):
        if (person := found.get(place.client_id)) is not None:
            person.municipality_changes.append(
                (place.valid_from, place.occurred_at, place.event_id, place.municipality)
            )
    for coach in await session.scalars(select(ClientCoach).where(ClientCoach.client_id.in_(ours))):
        if (person := found.get(coach.client_id)) is not None:
            person.coach_changes.append((coach.assigned_on, coach.occurred_at, coach.event_id, coach.coach_subject))
    for episode in await session.scalars(select(ServiceEpisode).where(ServiceEpisode.client_id.in_(ours))):
        if (person := found.get(episode.client_id)) is not None:
            person.episodes.append(Episode(episode.service_type, episode.started_on, episode.ended_on))
    for period in await session.scalars(select(JobSearchPeriod).where(JobSearchPeriod.client_id.in_(ours))):
        if (person := found.get(period.client_id)) is not None:
            person.periods.append((period.started_on, period.ended_on))
    return found


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
    return [LabourForceRow(r.municipality, r.month, r.labour_force, r.population, r.vintage) for r in rows]


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
