"""Changing a client's citizenship, mother tongue and home municipality: audited, versioned with the client, and
announced with what metrics counts by (municipality, age band, the day), never a name or an identity code."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.client.schemas import ClientRead
from clients_api.client.service import read_model
from clients_api.client.target_groups import age_band
from clients_api.registration.schemas import RegistrationDataUpdate
from polku_classifications.municipalities import MUNICIPALITIES
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import FieldError, Unprocessable
from polku_kit.outbox import emit
from polku_kit.pii import PersonalDataVault

# The event each field's change is announced with.
EVENTS = {
    "citizenship": "fi.polku.client.citizenship_changed.v1",
    "mother_tongue": "fi.polku.client.mother_tongue_changed.v1",
    "home_municipality": "fi.polku.client.home_municipality_changed.v1",
}


class ClientChanged(versioning.RecordChanged):
    slug = "client-changed"
    title = "The client was changed by someone else"


async def update(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    client_id: uuid.UUID,
    data: RegistrationDataUpdate,
    if_match: str | None,
) -> ClientRead:
    client = await client_in_scope(session, principal, client_id)
    await session.refresh(client, with_for_update=True)  # two edits at once: the second sees the first's version
    versioning.check(client, if_match, current=f"/v1/clients/{client.id}", changed=ClientChanged)
    changes = {
        name: value for name, value in data.model_dump(exclude_unset=True).items() if getattr(client, name) != value
    }
    if "home_municipality" in changes and changes["home_municipality"] not in MUNICIPALITIES:
        # A client always has a home municipality, one of Statistics Finland's current list.
        raise Unprocessable(
            "Not a municipality",
            errors=[
                FieldError(
                    field="body.home_municipality",
                    message="not a municipality code of Statistics Finland's current list",
                    code="unknown_municipality",
                ).model_dump()
            ],
        )
    if not changes:
        return await read_model(session, client, vault)
    before = {name: getattr(client, name) for name in changes}
    for name, value in changes.items():
        setattr(client, name, value)
    client.version += 1
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="client",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={name: {"from": before[name], "to": value} for name, value in changes.items()},
    )
    day = today()
    for name, value in changes.items():
        await emit(
            session,
            type=EVENTS[name],
            subject=f"clients/{client.id}",
            source="/polku/clients-api",
            audience=[client.organisation_id],
            data={
                "client_id": str(client.id),
                "organisation_id": str(client.organisation_id),
                "from": before[name],
                "to": value,
                "changed_on": day.isoformat(),
                "home_municipality": client.home_municipality,
                "age_band": age_band(client.birth_date, day),
            },
        )
    await session.refresh(client)
    return await read_model(session, client, vault)
