"""Who may read a client's special-category data (health and social notes, GDPR art. 9).

DOMAIN.md ("Data protection") and the clients issue: health and social notes are readable only by the
client's coach and their team, and never by partners. A manager or an administrator is not the client's
coach and reads caseloads, deadlines and indicators, not health notes: they are refused too. The team rule
(a coach of the same team as the client's coach) is added where teams are held (``shares_team``).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from polku_kit.auth import Principal, Role


async def may_read_special_category(session: AsyncSession, principal: Principal, client: Client) -> bool:
    """True when the caller is the client's named coach (of the client's own organisation)."""
    del session  # needed once team membership is looked up
    if Role.coach not in principal.roles or principal.organisation_id != client.organisation_id:
        return False
    return client.coach_subject is not None and client.coach_subject == principal.subject
