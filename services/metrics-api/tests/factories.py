"""Typed factories of the sources' events, as clients-api and referrals-api emit them (their ``data`` shapes), and
delivery of them to metrics-api through its signed inbox."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

import httpx
from standardwebhooks import Webhook

from polku_kit.calendar import HELSINKI
from polku_kit.testing import LAHTI

SECRET = "whsec_" + "bWV0cmljcy1hcGktdGVzdHMtaW5ib3VuZC1zZWNyZXQ="
CLIENTS = "/polku/clients-api"
REFERRALS = "/polku/referrals-api"


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
