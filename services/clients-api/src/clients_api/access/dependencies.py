"""The dependencies every staff route of clients-api shares: the staff roles and the personal data vault."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from clients_api.access import repository
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.pii import PersonalDataVault

# How often a process notes the same coach again (their name may change, and a request whose transaction rolled
# back noted nothing): at most once an hour, so that the request path costs a dictionary look-up, not a write.
NOTE_EVERY_SECONDS = 3600.0
_noted: dict[tuple[uuid.UUID, str], tuple[str | None, float]] = {}


async def _staff(
    principal: Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))],
    session: SessionDep,
) -> Principal:
    """A coach, manager or administrator; a coach is noted as one of the organisation's coaches with the name of
    their token (``known_coach``), so that a manager finds them by name."""
    if Role.coach in principal.roles and principal.organisation_id is not None:
        key = (principal.organisation_id, principal.subject)
        noted = _noted.get(key)
        now = time.monotonic()
        if noted is None or noted[0] != principal.name or now - noted[1] > NOTE_EVERY_SECONDS:
            await repository.note_coach(
                session,
                organisation_id=principal.organisation_id,
                subject=principal.subject,
                name=principal.name,
                at=datetime.now(UTC),
            )
            _noted[key] = (principal.name, now)
    return principal


def forget_noted_coaches() -> None:
    """Notes every coach again on their next request (tests, whose database forgets between them)."""
    _noted.clear()


Staff = Annotated[Principal, Depends(_staff)]


async def _vault(request: Request) -> PersonalDataVault:
    return request.app.state.vault  # type: ignore[no-any-return]


Vault = Annotated[PersonalDataVault, Depends(_vault)]
