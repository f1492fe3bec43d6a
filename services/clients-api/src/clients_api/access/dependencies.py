"""The dependencies every staff route of clients-api shares: the staff roles and the personal data vault."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from clients_api.access import seen
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.pii import PersonalDataVault


async def _staff(
    principal: Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))],
) -> Principal:
    """A coach, manager or administrator; a coach is noted as one of the organisation's coaches with the name of
    their token (``known_coach``), so that a manager finds them by name. The note is written off the request path
    (:mod:`clients_api.access.seen`): a staff route takes no session and sends no statement for it."""
    seen.note(principal)
    return principal


def forget_noted_coaches() -> None:
    """Notes every coach again on their next request (tests, whose database forgets between them)."""
    seen.forget()


Staff = Annotated[Principal, Depends(_staff)]


async def _vault(request: Request) -> PersonalDataVault:
    return request.app.state.vault  # type: ignore[no-any-return]


Vault = Annotated[PersonalDataVault, Depends(_vault)]
