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
            provider = str(episode.provider_organisation_id) if episode.provider_organisation_id else None
            person.episodes.append(Episode(episode.service_type, episode.started_on, episode.ended_on, provider))
    for period in await session.scalars(select(JobSearchPeriod).where(JobSearchPeriod.client_id.in_(ours))):
        if (person := found.get(period.client_id)) is not None:
            person.periods.append((period.started_on, period.ended_on))
            if period.ended_on is not None:
                person.period_ends.append((period.ended_on, period.end_reason))
    for education in await session.scalars(select(ClientEducation).where(ClientEducation.client_id.in_(ours))):
        if (person := found.get(education.client_id)) is not None:
            person.education_changes.append((education.assessed_on, education.version, education.level))
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
