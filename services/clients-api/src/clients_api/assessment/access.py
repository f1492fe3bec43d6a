"""Who may read a client's special-category data (health and social notes, GDPR art. 9).

DOMAIN.md ("Data protection") and the clients issue: health and social notes are readable only by the
client's coach and their team, and never by partners. "Their team" is a coach who shares a team with the
client's coach, or a member of the team the client is assigned to. A manager or an administrator is not the
client's coach and reads caseloads, deadlines and indicators, not health notes: they are refused too.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload import repository as teams
from clients_api.client.models import Client
from polku_kit.auth import Principal, Role


async def may_read_special_category(session: AsyncSession, principal: Principal, client: Client) -> bool:
    """True for the client's named coach and the coaches of their team (of the client's own organisation)."""
    if Role.coach not in principal.roles or principal.organisation_id != client.organisation_id:
        return False
    if client.coach_subject is not None and client.coach_subject == principal.subject:
        return True
    if (
        client.team_id is not None
        and await teams.member(session, team_id=client.team_id, coach_subject=principal.subject) is not None
    ):
        return True
    return client.coach_subject is not None and await teams.shares_team(
        session, organisation_id=client.organisation_id, subject_a=client.coach_subject, subject_b=principal.subject
    )
