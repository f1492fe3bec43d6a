"""Who may open a client: the bottom of clients-api's domain packages, imported by each and importing none of
their services. The caller's reach over the organisation's clients (a coach sees their own caseload and their
team's), the same 404 for a client out of reach as for a missing one, and who may read a client's
special-category data.

Special-category data (health and social notes, GDPR art. 9), DOMAIN.md ("Data protection") and the clients
issue: readable only by the client's coach and their team, and never by partners. "Their team" is a coach who
shares a team with the client's coach, or a member of the team the client is assigned to. A manager or an
administrator is not the client's coach and reads caseloads, deadlines and indicators, not health notes: they are
refused too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access import repository
from clients_api.client.models import Client
from polku_kit.audit import AuditAction, record_parameters
from polku_kit.auth import Principal, Role
from polku_kit.db import OneStatement
from polku_kit.errors import Forbidden, NotFound

PURPOSE = "employment services case work"


class ClientNotFound(NotFound):
    slug = "client-not-found"
    title = "Client not found"


@dataclass(frozen=True)
class Reach:
    """Which of the organisation's clients a caller may open (ARCHITECTURE.md: "a coach sees their own caseload
    and their team's"). A coach reaches the clients of the coaches they share a team with (themselves included),
    the clients assigned to their teams, and the clients assigned to nobody (neither coach nor team: the
    intake pool every coach takes clients from).
    Managers, administrators and the data protection officer reach every client of the organisation."""

    organisation_id: uuid.UUID
    coaches: frozenset[str] | None  # None: every client of the organisation
    teams: frozenset[uuid.UUID] = frozenset()

    def admits(self, client: Client) -> bool:
        return (
            self.coaches is None
            or (client.coach_subject is None and client.team_id is None)
            or client.coach_subject in self.coaches
            or client.team_id in self.teams
        )

    def condition(self) -> ColumnElement[bool] | None:
        if self.coaches is None:
            return None
        return or_(
            and_(Client.coach_subject.is_(None), Client.team_id.is_(None)),
            Client.coach_subject.in_(self.coaches),
            Client.team_id.in_(self.teams),
        )


class OutsideYourTeam(Forbidden):
    slug = "outside-your-team"
    title = "Not your caseload or your team's"


async def check_caseload_reach(
    session: AsyncSession, principal: Principal, *, coach: str | None = None, team_id: uuid.UUID | None = None
) -> None:
    """A coach may look at their own caseload and their team's (a coach of a shared team, or a team of theirs)."""
    principal.organisation()  # a token without an organisation reaches nothing
    if team_id is None and coach in (None, principal.subject):
        return  # their own caseload: no need to read their teams
    scope = await reach(session, principal)
    if scope.coaches is None:
        return
    if (coach is not None and coach not in scope.coaches) or (team_id is not None and team_id not in scope.teams):
        raise OutsideYourTeam("A coach sees their own caseload and their team's")


def _reaches_every_client(principal: Principal) -> bool:
    return Role.coach not in principal.roles or bool(principal.roles & {Role.manager, Role.admin, Role.dpo})


def reached_by(principal: Principal) -> str | None:
    """The coach whose reach limits the clients a statement finds (``access.repository.reached_by_coach``); None
    for a caller who reaches every client of the organisation."""
    return None if _reaches_every_client(principal) else principal.subject


async def reach(session: AsyncSession, principal: Principal) -> Reach:
    organisation_id = principal.organisation()
    if _reaches_every_client(principal):
        return Reach(organisation_id, None)
    teams, coaches = await repository.reach(session, organisation_id=organisation_id, subject=principal.subject)
    return Reach(organisation_id, frozenset(coaches | {principal.subject}), frozenset(teams))


async def client_in_scope(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, *, lock: bool = False
) -> Client:
    """The client, if the caller reaches it (:class:`Reach`); otherwise the same 404 as a missing one. ``lock``: its
    row is locked until the transaction ends, so that concurrent writes of one client's data run one after another."""
    client = await repository.get(
        session,
        organisation_id=principal.organisation(),
        client_id=client_id,
        reached_by=reached_by(principal),
        lock=lock,
    )
    if client is None:
        raise ClientNotFound(f"No client {client_id}")
    return client


async def read_client_rows(
    statement: OneStatement,
    principal: Principal,
    client_id: uuid.UUID,
    statements: repository.ByReach,
    *,
    resource_type: str,
    values: dict[str, Any] | None = None,
    key: str | None = "id",
) -> list[Row[Any]]:
    """A read of the client's rows on the client's page (decision 82), if the caller reaches the client (the same 404
    as a missing one otherwise): the statement of ``statements`` built for the caller's reach
    (``repository.client_rows_statement``), sent with the caller's organisation, their reach, the read's audit record
    of ``resource_type`` and the rows' own ``values``. The client's rows, in order (none: an empty list, recorded):
    those whose column ``key`` is not NULL, or every row found with ``key`` None (``repository.client_rows``); a
    client not found is :class:`ClientNotFound`, and nothing recorded."""
    rows = await repository.client_rows(
        statement,
        statements,
        organisation_id=principal.organisation(),
        client_id=client_id,
        reached_by=reached_by(principal),
        audit=record_parameters(actor=principal, action=AuditAction.read, resource_type=resource_type, purpose=PURPOSE),
        values=values,
        key=key,
    )
    if rows is None:
        raise ClientNotFound(f"No client {client_id}")
    return rows


async def may_read_special_category(session: AsyncSession, principal: Principal, client: Client) -> bool:
    """True for the client's named coach and the coaches of their team (of the client's own organisation)."""
    if Role.coach not in principal.roles or principal.organisation_id != client.organisation_id:
        return False
    if client.coach_subject is not None and client.coach_subject == principal.subject:
        return True
    if (
        client.team_id is not None
        and await repository.member(session, team_id=client.team_id, coach_subject=principal.subject) is not None
    ):
        return True
    return client.coach_subject is not None and await repository.shares_team(
        session, organisation_id=client.organisation_id, subject_a=client.coach_subject, subject_b=principal.subject
    )
