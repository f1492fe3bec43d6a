"""Who does what in employer-api (*työnantajapalvelut*): employer services run it, coaches read the employers and
vacancies they offer to their clients and see the matches for their own clients, managers read, administrators
read; partners never. A dependency per group, used by every router; each notes its caller among the staff the
service has seen (:mod:`employer_api.staff.sightings`: in memory, no SQL on the request's path)."""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request

from employer_api.staff.sightings import StaffSightings
from polku_kit.auth import Principal, Role, require_roles


async def _sightings(request: Request) -> StaffSightings:
    return request.app.state.staff_sightings  # type: ignore[no-any-return]


# The staff this process has seen (the app's, made in employer_api.main).
Sightings = Annotated[StaffSightings, Depends(_sightings)]


def staff_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """``require_roles(*roles)``, and the caller noted as a staff member of their organisation when they are one."""
    allowed = require_roles(*roles)

    async def dependency(principal: Annotated[Principal, Depends(allowed)], sightings: Sightings) -> Principal:
        sightings.see(principal)
        return principal

    return dependency


EmployerServices = Annotated[Principal, Depends(staff_roles(Role.employer_services))]
Reader = Annotated[Principal, Depends(staff_roles(Role.employer_services, Role.coach, Role.manager, Role.admin))]
EmployerReader = Annotated[Principal, Depends(staff_roles(Role.employer_services, Role.manager, Role.admin))]
# Matching: employer services for every candidate of the organisation, coaches for their own clients (clients-api
# decides whom each reaches), managers to read.
Matcher = Annotated[Principal, Depends(staff_roles(Role.employer_services, Role.coach, Role.manager))]
# The exchange with the national platform (its reconciliation reports): administrators of the authority.
Administrator = Annotated[Principal, Depends(staff_roles(Role.admin))]
