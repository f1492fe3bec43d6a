"""Who does what in employer-api (*työnantajapalvelut*): employer services run it, coaches read the employers and
vacancies they offer to their clients and see the matches for their own clients, managers read, administrators
read; partners never. A dependency per group, used by every router."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polku_kit.auth import Principal, Role, require_roles

EmployerServices = Annotated[Principal, Depends(require_roles(Role.employer_services))]
Reader = Annotated[Principal, Depends(require_roles(Role.employer_services, Role.coach, Role.manager, Role.admin))]
EmployerReader = Annotated[Principal, Depends(require_roles(Role.employer_services, Role.manager, Role.admin))]
# Matching: employer services for every candidate of the organisation, coaches for their own clients (clients-api
# decides whom each reaches), managers to read.
Matcher = Annotated[Principal, Depends(require_roles(Role.employer_services, Role.coach, Role.manager))]
# The exchange with the national platform (its reconciliation reports): administrators of the authority.
Administrator = Annotated[Principal, Depends(require_roles(Role.admin))]
