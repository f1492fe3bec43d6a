"""``POST /control/send``: the running simulator sends the national platform's events to Polku, signed, as the
platform would, and with the faults asked for (:mod:`polku_dev.platform_sim.sender`).

The simulator needs Polku's addresses and the platform's credentials for it (:class:`Polku`, from the command
line; ``make run`` gives the dev stack's): events of job seekers and statement requests go to clients-api, those
of vacancies to employer-api, with a bearer token of the platform's machine client (client credentials grant) and
a Standard Webhooks signature with the platform's webhook secret.

    POST /control/send  {"events": [{"type": "fi.tyomarkkinatori.vacancy.removed.v1", "subject": "vacancies/TMT-1",
                                     "data": {"national_id": "TMT-1"}}],
                         "faults": ["duplicate", "wrong_signature", "out_of_order"], "duplicates": 3,
                         "max_attempts": 3}

answers what came of it: the sender's tally and, per event, its id and the last answer's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from polku_dev.platform_sim.sender import Fault, Sender, platform_event

router = APIRouter()

# Which Polku service receives an event, by the start of its type.
RECEIVERS = {
    "fi.tyomarkkinatori.jobseeker.": "clients",
    "fi.tyomarkkinatori.statement.": "clients",
    "fi.tyomarkkinatori.vacancy.": "employer",
}


@dataclass(frozen=True)
class Polku:
    """Where the simulator sends, and as whom: each receiving service's address (a service's own, or the gateway's
    ``…/api/<service>``), the token endpoint and the platform's machine client, and the webhook secret."""

    clients_url: str
    employer_url: str
    token_url: str
    client_id: str
    client_secret: str
    webhook_secret: str

    def url(self, event_type: str) -> str | None:
        for prefix, service in RECEIVERS.items():
            if event_type.startswith(prefix):
                return self.clients_url if service == "clients" else self.employer_url
        return None


class EventToSend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(pattern=r"^fi\.tyomarkkinatori\.[a-z_.]+\.v[1-9][0-9]*$")
    data: dict[str, Any]
    subject: str = Field(min_length=1, description="`job-seekers/<the platform's id>`, `vacancies/<national id>`")
    id: str | None = Field(default=None, description="The event id (a new one when not given)")


class SendRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[EventToSend] = Field(min_length=1, max_length=1000)
    faults: list[Fault] = Field(default_factory=list)
    duplicates: int = Field(default=3, ge=2, le=10)
    max_attempts: int = Field(default=3, ge=1, le=10)


async def platform_token(polku: Polku, client: httpx.AsyncClient) -> str:
    response = await client.post(
        polku.token_url, data={"grant_type": "client_credentials"}, auth=(polku.client_id, polku.client_secret)
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


@router.post("/control/send")
async def send(request: SendRequest, http: Request) -> dict[str, Any]:
    polku: Polku | None = http.app.state.polku
    if polku is None:
        raise HTTPException(409, "the simulator was started without Polku's addresses (--clients-url, …)")
    if unknown := sorted({event.type for event in request.events if polku.url(event.type) is None}):
        raise HTTPException(422, f"no Polku service receives {', '.join(unknown)}")
    events = [
        platform_event(event.type, event.data, subject=event.subject, event_id=event.id) for event in request.events
    ]
    async with httpx.AsyncClient(timeout=10.0) as client:
        try:
            token = await platform_token(polku, client)
        except (httpx.HTTPError, KeyError, ValueError) as failure:
            raise HTTPException(502, f"no token from {polku.token_url}: {failure}") from None
        tallies = []
        for url in sorted({polku.url(event["type"]) or "" for event in events}):
            sender = Sender(url, polku.webhook_secret, token=token, client=client, max_attempts=request.max_attempts)
            mine = [event for event in events if polku.url(event["type"]) == url]
            tallies.append(await sender.deliver_all(mine, faults=request.faults, duplicates=request.duplicates))
    counts = ("events", "attempts", "accepted", "duplicates", "refused", "retried", "gave_up")
    last = {event_id: status for tally in tallies for event_id, status in tally.last.items()}
    return {
        "tally": {name: sum(getattr(tally, name) for tally in tallies) for name in counts},
        "events": [
            {"id": event["id"], "type": event["type"], "status": last.get(str(event["id"]))} for event in events
        ],
    }
