"""The dependencies every staff route of clients-api shares: the staff roles and the personal data vault."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from polku_kit.auth import Principal, Role, require_roles
from polku_kit.pii import PersonalDataVault

Staff = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))]


async def _vault(request: Request) -> PersonalDataVault:
    return request.app.state.vault  # type: ignore[no-any-return]


Vault = Annotated[PersonalDataVault, Depends(_vault)]
