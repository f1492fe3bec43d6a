"""Rules for the staff employer-api has seen: the organisation's staff by name, to pick an employer's account
manager from, and the check that an account manager is one of them. Staff are noted by
:mod:`employer_api.staff.sightings`; those not yet written are read from there."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.staff import repository
from employer_api.staff.schemas import StaffRead, StaffRole
from employer_api.staff.sightings import StaffSightings
from polku_kit.auth import Principal
from polku_kit.errors import FieldError, Unprocessable

# The Finnish alphabetical order (SFS 4600): å, ä and ö come after z, in this order (the three characters after
# "z" in ASCII stand for them); ü is sorted as y, æ as ä and ø as ö.
_FINNISH = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


_ROLES = frozenset(role.value for role in StaffRole)


class UnknownAccountManager(Unprocessable):
    slug = "unknown-account-manager"
    title = "The account manager is not a known staff member of the organisation"


def name_order(name: str) -> str:
    """The key that sorts names as a Finnish reader expects (case ignored; å, ä, ö after z)."""
    return name.casefold().translate(_FINNISH)


async def list_staff(
    *, session: AsyncSession, principal: Principal, sightings: StaffSightings, role: StaffRole | None
) -> list[StaffRead]:
    """The organisation's staff who have used the service (with ``role``, when named), sorted by name: those
    written, and those this process has seen since (newer)."""
    organisation_id = principal.organisation()
    found = {
        known.subject: StaffRead(
            subject=known.subject,
            name=known.name,
            roles=[StaffRole(value) for value in known.roles if value in _ROLES],
            last_seen_at=known.last_seen_at,
        )
        for known in await repository.staff(session, organisation_id=organisation_id, role=role)
    }
    for sighting in sightings.pending(organisation_id):
        if role is None or role in sighting.roles:
            found[sighting.subject] = StaffRead(
                subject=sighting.subject,
                name=sighting.name,
                roles=sorted(StaffRole(value) for value in sighting.roles),
                last_seen_at=sighting.at,
            )
        else:  # seen with other roles since
            found.pop(sighting.subject, None)
    return sorted(found.values(), key=lambda staff: (name_order(staff.name or staff.subject), staff.subject))


async def account_manager_name(
    *,
    session: AsyncSession,
    principal: Principal,
    sightings: StaffSightings,
    organisation_id: uuid.UUID,
    subject: str,
) -> str | None:
    """The name of the account manager chosen: the caller, or a staff member of the organisation the service has
    seen (any staff role); anyone else is refused with a field error on ``account_manager_subject``."""
    if subject == principal.subject:
        return principal.name
    for sighting in sightings.pending(organisation_id):
        if sighting.subject == subject:
            return sighting.name
    known = await repository.one(session, organisation_id=organisation_id, subject=subject)
    if known is None:
        raise UnknownAccountManager(
            f"{subject!r} has not used employer services' register in this organisation",
            errors=[
                FieldError(
                    field="body.account_manager_subject",
                    message="is not a staff member of the organisation known to the service",
                    code="unknown_staff",
                ).model_dump()
            ],
        )
    return known.name
