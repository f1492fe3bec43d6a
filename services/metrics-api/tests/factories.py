"""Typed factories of the sources' events, as clients-api, referrals-api and employer-api emit them (their ``data``
shapes), and delivery of them to metrics-api through its signed inbox."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import httpx
from standardwebhooks import Webhook

from polku_kit.calendar import HELSINKI
from polku_kit.testing import LAHTI

SECRET = "whsec_" + "bWV0cmljcy1hcGktdGVzdHMtaW5ib3VuZC1zZWNyZXQ="
CLIENTS = "/polku/clients-api"
REFERRALS = "/polku/referrals-api"
EMPLOYER = "/polku/employer-api"


def at(day: date, hour: int = 12) -> datetime:
    """A moment of a Helsinki day (events carry UTC times)."""
    return datetime.combine(day, time(hour), tzinfo=HELSINKI).astimezone(UTC)


def event(source: str, type: str, data: dict[str, Any], moment: datetime, subject: str | None = None) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": source,
        "type": type,
        "subject": subject,
        "time": moment.isoformat(),
        "datacontenttype": "application/json",
        "data": data,
    }


def registered(
    client_id: uuid.UUID,
    *,
    started: date,
    municipality: str = "398",
    born: date = date(1980, 5, 5),
    coach: str | None = None,
    organisation: uuid.UUID = LAHTI,
    citizenship: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "client_id": str(client_id),
        "organisation_id": str(organisation),
        "home_municipality": municipality,
        "job_search_started_on": started.isoformat(),
        "birth_date": born.isoformat(),
        "coach_subject": coach,
    }
    if citizenship is not None:
        data["citizenship"] = citizenship
    return event(CLIENTS, "fi.polku.client.registered.v1", data, at(started), f"clients/{client_id}")


def status_changed(client_id: uuid.UUID, *, on: date, to: str, previous: str = "unemployed") -> dict[str, Any]:
    data = {"client_id": str(client_id), "from": previous, "to": to, "changed_on": on.isoformat()}
    return event(CLIENTS, "fi.polku.client.status_changed.v1", data, at(on), f"clients/{client_id}")


def moved(client_id: uuid.UUID, *, on: date, municipality: str) -> dict[str, Any]:
    data = {"client_id": str(client_id), "home_municipality": municipality, "changed_on": on.isoformat()}
    return event(CLIENTS, "fi.polku.client.home_municipality_changed.v1", data, at(on), f"clients/{client_id}")


def assigned(client_id: uuid.UUID, *, on: date, coach: str | None) -> dict[str, Any]:
    data = {
        "client_id": str(client_id),
        "action": "reassigned" if coach else "unassigned",
        "coach_subject": coach,
        "team_id": None,
        "previous_coach_subject": None,
        "previous_team_id": None,
    }
    return event(CLIENTS, "fi.polku.client.assigned.v1", data, at(on), f"clients/{client_id}")


def overdue(client_id: uuid.UUID, *, kind: str, number: int, due: date, rule_set: str) -> dict[str, Any]:
    data = {
        "client_id": str(client_id),
        "kind": kind,
        "number": number,
        "due_on": due.isoformat(),
        "rule_set": rule_set,
    }
    return event(CLIENTS, "fi.polku.client.deadline_overdue.v1", data, at(due, 23), f"clients/{client_id}")


def waived(client_id: uuid.UUID, *, kind: str, number: int, due: date, on: date) -> dict[str, Any]:
    data = {"client_id": str(client_id), "kind": kind, "number": number, "due_on": due.isoformat()}
    return event(CLIENTS, "fi.polku.client.deadline_waived.v1", data, at(on), f"clients/{client_id}")


def plan_created(client_id: uuid.UUID, *, on: date, version: int, review: date) -> dict[str, Any]:
    data = {
        "client_id": str(client_id),
        "version": version,
        "plan_type": "employment",
        "next_review_on": review.isoformat(),
    }
    return event(CLIENTS, "fi.polku.client.plan_version_created.v1", data, at(on), f"clients/{client_id}")


def referral(
    verb: str,
    *,
    referral_id: uuid.UUID,
    client_id: uuid.UUID,
    moment: datetime,
    partner: uuid.UUID,
    service_id: uuid.UUID,
    sender: uuid.UUID = LAHTI,
) -> dict[str, Any]:
    data = {
        "referral_id": str(referral_id),
        "client_id": str(client_id),
        "service_id": str(service_id),
        "status": verb,
        "sender_organisation_id": str(sender),
        "partner_organisation_id": str(partner),
    }
    return event(REFERRALS, f"fi.polku.referral.{verb}.v1", data, moment, f"referrals/{referral_id}")


def period(
    client_id: uuid.UUID,
    *,
    period_id: uuid.UUID,
    started: date,
    ended: date | None = None,
    reason: str | None = None,
    municipality: str = "398",
) -> dict[str, Any]:
    """``job_search_period.started`` (no end) or ``.ended``, with clients-api's data."""
    data = {
        "client_id": str(client_id),
        "period_id": str(period_id),
        "municipality": municipality,
        "age_band": "30_54",
        "started_on": started.isoformat(),
        "ended_on": ended.isoformat() if ended else None,
        "reason": reason,
        "initial_interview": True,
    }
    verb = "ended" if ended else "started"
    moment = at(ended or started)
    return event(CLIENTS, f"fi.polku.client.job_search_period.{verb}.v1", data, moment, f"clients/{client_id}")


def episode(
    happened: str,
    client_id: uuid.UUID,
    *,
    episode_id: uuid.UUID,
    type: str,
    starts: date,
    ends: date | None = None,
    on: date | None = None,
    organisation: uuid.UUID = LAHTI,
) -> dict[str, Any]:
    """``episode_started``, ``_ended`` or ``_corrected``: every one carries all the episode's facts."""
    data = {
        "client_id": str(client_id),
        "episode_id": str(episode_id),
        "organisation_id": str(organisation),
        "type": type,
        "starts_on": starts.isoformat(),
        "ends_on": ends.isoformat() if ends else None,
        "origin": "coach",
        "home_municipality": "398",
        "age_band": "30-34",
    }
    return event(CLIENTS, f"fi.polku.client.episode_{happened}.v1", data, at(on or starts), f"clients/{client_id}")


def citizenship_changed(
    client_id: uuid.UUID, *, on: date, to: str | None, previous: str | None = None, organisation: uuid.UUID = LAHTI
) -> dict[str, Any]:
    data = {
        "client_id": str(client_id),
        "organisation_id": str(organisation),
        "from": previous,
        "to": to,
        "changed_on": on.isoformat(),
        "home_municipality": "398",
        "age_band": "30-34",
    }
    return event(CLIENTS, "fi.polku.client.citizenship_changed.v1", data, at(on), f"clients/{client_id}")


def assessed(client_id: uuid.UUID, *, on: date, version: int, level: str | None) -> dict[str, Any]:
    """clients-api's ``assessment_updated`` with the highest education level it records."""
    data = {
        "client_id": str(client_id),
        "organisation_id": str(LAHTI),
        "version": version,
        "assessed_on": on.isoformat(),
        "occupations": [],
        "competences": [],
        "languages": [],
        "driving_licences": [],
        "education_level": level,
    }
    return event(CLIENTS, "fi.polku.client.assessment_updated.v1", data, at(on), f"clients/{client_id}")


def statement_issued(
    *, neglected: date, issued: date, municipality: str = "398", organisation: uuid.UUID = LAHTI
) -> dict[str, Any]:
    """No name, identity code or client id, as clients-api announces it."""
    statement_id = uuid.uuid4()
    data = {
        "statement_id": str(statement_id),
        "organisation_id": str(organisation),
        "municipality": municipality,
        "neglect_kind": "missed_interview",
        "neglected_on": neglected.isoformat(),
        "heard_on": neglected.isoformat(),
        "issued_on": issued.isoformat(),
        "processing_days": (issued - neglected).days,
        "recipient": "kela",
        "consequence": "non_compensable_period",
        "non_compensable_days": 30,
        "rule_set": "2026-01-01",
    }
    return event(CLIENTS, "fi.polku.statement.issued.v1", data, at(issued), f"statements/{statement_id}")


def placement(
    type: str, key: str, item_id: uuid.UUID, client_id: uuid.UUID, *, on: date, outcome: str | None = None
) -> dict[str, Any]:
    """employer-api's ``job_offer.*`` and ``introduction.*`` (``key``: ``job_offer_id`` or ``introduction_id``)."""
    data: dict[str, Any] = {
        key: str(item_id),
        "client_id": str(client_id),
        "vacancy_id": str(uuid.UUID(int=7)),
        "employer_id": str(uuid.UUID(int=8)),
        "organisation_id": str(LAHTI),
        "occupation_code": "51201",
        "occupation_minor_group": "512",
        "municipality": "398",
        "industry_main_class": "I",
        "employment_type": "permanent",
    }
    if outcome is not None:
        data |= {"outcome": outcome, "recorded_by": "coach-1", "recorded_on": on.isoformat()}
    return event(EMPLOYER, type, data, at(on), f"{key.removesuffix('_id').replace('_', '-')}s/{item_id}")


def subsidy(
    verb: str, subsidy_id: uuid.UUID, client_id: uuid.UUID, *, starts: date, ends: date, euros: str, on: date
) -> dict[str, Any]:
    """employer-api's ``subsidy.decided`` / ``.ended`` (an end carries ``ended_on`` beside the decision's facts)."""
    data: dict[str, Any] = {
        "subsidy_id": str(subsidy_id),
        "kind": "pay_subsidy",
        "organisation_id": str(LAHTI),
        "employer_id": str(uuid.UUID(int=8)),
        "client_id": str(client_id),
        "vacancy_id": None,
        "industry_main_class": "Q",
        "municipalities": ["398"],
        "decided_on": starts.isoformat(),
        "status": "decided",
        "percent": 50,
        "starts_on": starts.isoformat(),
        "ends_on": ends.isoformat(),
        "total_committed": euros,
    }
    if verb == "ended":
        data |= {"ended_on": on.isoformat(), "reason": "cancelled"}
    return event(EMPLOYER, f"fi.polku.subsidy.{verb}.v1", data, at(on), f"supports/{subsidy_id}")


def support_decision(
    verb: str,
    support_id: uuid.UUID,
    *,
    kind: str,
    months: list[tuple[str, str]],
    on: date,
    client_id: uuid.UUID | None = None,
    starts: date | None = None,
    ends: date | None = None,
    percent: int | None = None,
    monthly_wage_cost: str | None = None,
    organisation: uuid.UUID = LAHTI,
) -> dict[str, Any]:
    """employer-api's ``subsidy.decided`` / ``.ended`` of any kind of support, with the euros the decision commits
    by month (``committed_by_month``); an end (a cancellation) carries ``ended_on``, the day it was cancelled."""
    data: dict[str, Any] = {
        "subsidy_id": str(support_id),
        "kind": kind,
        "organisation_id": str(organisation),
        "employer_id": str(uuid.UUID(int=8)),
        "client_id": str(client_id) if client_id else None,
        "vacancy_id": None,
        "industry_main_class": "Q",
        "municipalities": ["398"],
        "decided_on": (starts or on).isoformat(),
        "decided_by": "employer-services-1",
        "status": "cancelled" if verb == "ended" else "decided",
        "ground": "unemployed" if kind == "pay_subsidy" else None,
        "percent": percent,
        "starts_on": starts.isoformat() if starts else None,
        "ends_on": ends.isoformat() if ends else None,
        "monthly_wage_cost": monthly_wage_cost,
        "committed_by_month": [{"month": month, "euros": euros} for month, euros in months],
        "total_committed": str(sum(Decimal(euros) for _, euros in months)),
    }
    if verb == "ended":
        data |= {"ended_on": on.isoformat(), "reason": "cancelled"}
    return event(EMPLOYER, f"fi.polku.subsidy.{verb}.v1", data, at(on), f"supports/{support_id}")


async def deliver(client: httpx.AsyncClient, envelope: dict[str, Any], secret: str = SECRET) -> httpx.Response:
    body = json.dumps(envelope)
    moment = datetime.now(UTC)
    headers = {
        "webhook-id": envelope["id"],
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(envelope["id"], moment, body),
        "content-type": "application/json",
    }
    return await client.post("/v1/events", content=body, headers=headers)


async def deliver_all(client: httpx.AsyncClient, envelopes: list[dict[str, Any]]) -> None:
    for envelope in envelopes:
        response = await deliver(client, envelope)
        assert response.status_code == 202, response.text
