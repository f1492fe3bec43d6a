"""The dependencies every staff route of clients-api shares: the staff roles and the personal data vault."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from clients_api.access import seen
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.pii import PersonalDataVault

# A coach, manager or administrator; a coach is noted as one of the organisation's coaches with the name of their
# token (``known_coach``), so that a manager finds them by name. The note is written off the request path
# (:mod:`clients_api.access.seen`): a staff route takes no session and sends no statement for it. One dependency
# (the kit's ``then``), not one of its own above the kit's: FastAPI solves each level on every request.
_staff = require_roles(Role.coach, Role.manager, Role.admin, then=seen.note)


def forget_noted_coaches() -> None:
    """Notes every coach again on their next request (tests, whose database forgets between them)."""
    seen.forget()


Staff = Annotated[Principal, Depends(_staff)]


async def _vault(request: Request) -> PersonalDataVault:
    return request.app.state.vault  # type: ignore[no-any-return]


Vault = Annotated[PersonalDataVault, Depends(_vault)]
