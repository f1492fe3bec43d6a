"""Rules for clients: who may register and read them, duplicates, status history, audit and events."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Protocol, cast

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import reach_parameters
from clients_api.access.service import PURPOSE, ClientNotFound, client_in_scope, reach, reached_by, read_client_rows
from clients_api.assessment import repository as assessment_repository
from clients_api.assessment.models import WorkAbility
from clients_api.caseload.models import AssignmentAction, ClientAssignment
from clients_api.client import repository
from clients_api.client.identity_code import birth_date, masked, normalise
from clients_api.client.models import Client, ClientStatus, ClientStatusChange
from clients_api.client.schemas import (
    ClientCreate,
    ClientName,
    ClientNames,
    ClientRead,
    ClientSummary,
    StatusChange,
    StatusChangeRead,
)
from clients_api.client.target_groups import TargetGroup, age_band, target_groups
from clients_api.client.unemployment import StatusEntry, unemployed_since
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.schedule.repository import stale_condition
from clients_api.schedule.stored import refresh_deadlines
from clients_api.timeline import models as _timeline  # noqa: F401
from polku_classifications.municipalities import MUNICIPALITIES
from polku_kit.audit import AuditAction, record, record_parameters
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.db import OneStatement
from polku_kit.errors import Conflict, FieldError, Unprocessable
from polku_kit.outbox import emit
from polku_kit.pagination import Page, SortKey, encode_cursor, start_after
from polku_kit.pii import PersonalDataVault

IDENTITY_CONTEXT = b"client.identity_code"


class ClientAlreadyRegistered(Conflict):
    slug = "client-already-registered"
    title = "The person is already a client"


class ClientFacts(Protocol):
    """What a client's summary and target groups are made of: an ORM client, or a row of a statement that reads
    these columns (``repository.SUMMARY_COLUMNS``)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def first_names(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def birth_date(self) -> date: ...
    @property
    def home_municipality(self) -> str: ...
    @property
    def status(self) -> ClientStatus: ...
    @property
    def coach_subject(self) -> str | None: ...
    @property
    def team_id(self) -> uuid.UUID | None: ...
    @property
    def job_search_started_on(self) -> date: ...
    @property
    def waiting_on(self) -> str | None: ...
    @property
    def waiting_since(self) -> date | None: ...


class AssessedFacts(Protocol):
    """What the target groups read of the current assessment: an ORM assessment, or a row with these columns."""

    @property
    def work_ability(self) -> str: ...
    @property
    def integration_starts_on(self) -> date | None: ...
    @property
    def integration_ends_on(self) -> date | None: ...


def current_unemployment_start(client: ClientFacts, history: list[StatusEntry], day: date) -> date | None:
    """The start of the client's current continuous unemployment; a client without any history row (none
    should exist: registration writes one) counts from the job-search start while unemployed."""
    if not history:
        return client.job_search_started_on if client.status == ClientStatus.unemployed else None
    return unemployed_since(history, day)


def _groups(
    client: ClientFacts, history: list[StatusEntry], assessment: AssessedFacts | None, day: date
) -> tuple[date | None, list[TargetGroup]]:
    """The start of the current continuous unemployment, and the target groups on ``day``."""
    period = None
    if assessment is not None and assessment.integration_starts_on and assessment.integration_ends_on:
        period = (assessment.integration_starts_on, assessment.integration_ends_on)
    since = current_unemployment_start(client, history, day)
    return since, target_groups(
        birth=client.birth_date,
        unemployed_since=since,
        today=day,
        integration_period=period,
        partial_work_ability=assessment is not None and assessment.work_ability == WorkAbility.partial,
    )


def _assessed(row: Any) -> AssessedFacts | None:
    """The assessment's columns of a row read with them (``repository.read``, ``repository.search``); None when the
    client has no assessment (``work_ability`` is required of every version)."""
    return None if row.work_ability is None else cast(AssessedFacts, row)


# The target groups events carry (employer-api's candidate profile scores a vacancy's supports by them): every
# group but partial work ability, which is read from the work-ability assessment, health data that stays within
# the art. 9 circle (decision 11).
SHARED_TARGET_GROUPS = frozenset(TargetGroup) - {TargetGroup.partial_work_ability}


async def shared_target_groups(session: AsyncSession, client: Client, day: date) -> list[str]:
    """The client's target groups on ``day`` as events carry them (:data:`SHARED_TARGET_GROUPS`)."""
    history = (await repository.status_entries(session, [client.id]))[client.id]
    assessment = await assessment_repository.current(session, client_id=client.id)
    return [group.value for group in _groups(client, history, assessment, day)[1] if group in SHARED_TARGET_GROUPS]


def _summary_fields(
    client: ClientFacts, identity_code: str, grouped: tuple[date | None, list[TargetGroup]]
) -> dict[str, object]:
    since, groups = grouped
    return {
        "id": client.id,
        "first_names": client.first_names,
        "last_name": client.last_name,
        "personal_identity_code_masked": masked(identity_code),
        "home_municipality": client.home_municipality,
        "status": client.status,
        "coach_subject": client.coach_subject,
        "target_groups": groups,
        "needs_named_coach": TargetGroup.under_25 in groups and client.coach_subject is None,
        "team_id": client.team_id,
        "unemployed_since": since,
        "waiting_on": client.waiting_on,
        "waiting_since": client.waiting_since,
    }


class ClientDetails(ClientFacts, Protocol):
    """What the full client is made of besides its summary: an ORM client, or a row of a statement that reads the
    client's columns (``repository.read``)."""

    @property
    def identity_code_encrypted(self) -> bytes: ...
    @property
    def email(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def languages(self) -> list[str]: ...
    @property
    def citizenship(self) -> str | None: ...
    @property
    def mother_tongue(self) -> str | None: ...
    @property
    def version(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


def _client_read(
    client: ClientDetails, identity_code: str, history: list[StatusEntry], assessment: AssessedFacts | None
) -> ClientRead:
    """The full client as the API shows it (the status history gives the continuity of unemployment, the current
    assessment the groups that depend on it)."""
    return ClientRead(
        **_summary_fields(client, identity_code, _groups(client, history, assessment, today())),  # type: ignore[arg-type]
        personal_identity_code=identity_code,
        birth_date=client.birth_date,
        email=client.email,
        phone=client.phone,
        home_municipality_name=MUNICIPALITIES.get(client.home_municipality),
        languages=client.languages,
        citizenship=client.citizenship,
        mother_tongue=client.mother_tongue,
        job_search_started_on=client.job_search_started_on,
        version=client.version,
        created_at=client.created_at,
        updated_at=client.updated_at,
    )


async def read_model(session: AsyncSession, client: Client, vault: PersonalDataVault) -> ClientRead:
    """The full client as the API shows it, read after a change (its status history and current assessment read
    again)."""
    history = (await repository.status_entries(session, [client.id]))[client.id]
    assessment = await assessment_repository.current(session, client_id=client.id)
    return _client_read(
        client, vault.decrypt(client.identity_code_encrypted, context=IDENTITY_CONTEXT), history, assessment
    )


async def _refuse_registered(session: AsyncSession, *, organisation_id: uuid.UUID, identity_hash: str) -> None:
    existing = await repository.find_by_identity_hash(
        session, organisation_id=organisation_id, identity_hash=identity_hash
    )
    if existing is not None:
        raise ClientAlreadyRegistered(
            "A client with this personal identity code is already registered", existing=f"/v1/clients/{existing.id}"
        )


async def register(
    *, session: AsyncSession, principal: Principal, vault: PersonalDataVault, data: ClientCreate
) -> ClientRead:
    organisation_id = principal.organisation()
    identity_hash = vault.lookup_hash(data.personal_identity_code)
    await _refuse_registered(session, organisation_id=organisation_id, identity_hash=identity_hash)
    if data.job_search_started_on > today():
        raise Unprocessable(
            "The job search cannot start in the future",
            errors=[
                FieldError(
                    field="body.job_search_started_on", message="is in the future", code="future_date"
                ).model_dump()
            ],
        )
    client = Client(
        organisation_id=organisation_id,
        identity_code_hash=identity_hash,
        identity_code_encrypted=vault.encrypt(data.personal_identity_code, context=IDENTITY_CONTEXT),
        birth_date=birth_date(data.personal_identity_code),
        first_names=data.first_names,
        last_name=data.last_name,
        email=str(data.email) if data.email else None,
        phone=data.phone,
        home_municipality=data.home_municipality,
        languages=data.languages,
        citizenship=data.citizenship,
        mother_tongue=data.mother_tongue,
        job_search_started_on=data.job_search_started_on,
        status=ClientStatus.unemployed.value,
        coach_subject=principal.subject if "coach" in principal.roles else None,
    )
    if not await repository.add(session, client):
        # Registered meanwhile by a concurrent request: the same answer as a registration after it.
        await _refuse_registered(session, organisation_id=organisation_id, identity_hash=identity_hash)
        raise ClientAlreadyRegistered("A client with this personal identity code is already registered")
    session.add(
        ClientStatusChange(
            client_id=client.id,
            status=client.status,
            changed_on=data.job_search_started_on,
            reason="registered as a job seeker",
            changed_by=principal.subject,
        )
    )
    session.add(
        JobSearchPeriod(
            client_id=client.id,
            started_on=data.job_search_started_on,
            initial_interview=True,
            started_by=principal.subject,
        )
    )
    await session.flush()
    await refresh_deadlines(session, [client.id], today())
    if client.coach_subject is not None:
        session.add(
            ClientAssignment(
                client_id=client.id,
                organisation_id=organisation_id,
                action=AssignmentAction.assigned.value,
                coach_subject=client.coach_subject,
                reason="registered by the coach",
                assigned_by=principal.subject,
            )
        )
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="client",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    await emit(
        session,
        type="fi.polku.client.registered.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[organisation_id],
        data={
            "client_id": str(client.id),
            "organisation_id": str(organisation_id),
            "home_municipality": client.home_municipality,
            "job_search_started_on": client.job_search_started_on.isoformat(),
            "age_band": age_band(client.birth_date, client.job_search_started_on),
            "citizenship": client.citizenship,
            "mother_tongue": client.mother_tongue,
            "status": ClientStatus(client.status).value,
            # For the statistics' age groups (metrics-api); the audience is the authority itself.
            "birth_date": client.birth_date.isoformat(),
            "coach_subject": client.coach_subject,
            "target_groups": await shared_target_groups(session, client, today()),
        },
    )
    await session.refresh(client)
    return await read_model(session, client, vault)


async def read(
    *, statement: OneStatement, principal: Principal, vault: PersonalDataVault, client_id: uuid.UUID
) -> ClientRead:
    """One client within the caller's reach (the same 404 as a missing one otherwise), read with its status history
    and current assessment, and the read's audit record, in one statement (decision 57): found and recorded together,
    or neither."""
    row = await repository.read(
        statement,
        organisation_id=principal.organisation(),
        client_id=client_id,
        reached_by=reached_by(principal),
        audit=record_parameters(actor=principal, action=AuditAction.read, resource_type="client", purpose=PURPOSE),
    )
    if row is None:
        raise ClientNotFound(f"No client {client_id}")
    client = cast(ClientDetails, row)
    code = vault.decrypt(client.identity_code_encrypted, context=IDENTITY_CONTEXT)
    return _client_read(client, code, repository.history_of(row), _assessed(row))


# A search by target groups reads at most SEARCH_SCAN_LIMIT candidates (whole batches of SEARCH_BATCH) and, having
# found fewer than a page, answers them with a cursor to go on from the last candidate read: one request's cost is
# bounded whatever the caseload. The groups are judged in SQL (``repository.search_statement``); overdue deadlines
# are a condition on the stored deadlines.
SEARCH_BATCH = 200
SEARCH_SCAN_LIMIT = 2000


async def refresh_before_overdue_search(
    session: AsyncSession,
    *,
    principal: Principal,
    name: str | None,
    status: ClientStatus | None,
    coach: str | None,
    municipality: str | None,
    client_ids: list[uuid.UUID] | None,
) -> None:
    """Before a search by ``overdue``, in a transaction of its own: the stored schedules of the clients it may find
    whose schedules were never computed or are past their horizon are computed, as the due list does. Most days
    none are (registration and the daily job keep them), so this is one read; after a bulk load or the migration
    that added the stored deadlines, the search does not miss the clients whose deadlines were never stored."""
    day = today()
    conditions = repository.search_conditions(
        organisation_id=principal.organisation(),
        visible=(await reach(session, principal)).condition(),
        name=name,
        identity_hash=None,
        status=status.value if status else None,
        coach_subject=coach,
        municipality=municipality,
        client_ids=client_ids,
    )
    await refresh_deadlines(session, await repository.matching_ids(session, [*conditions, stale_condition(day)]), day)


async def search(
    *,
    statement: OneStatement | AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    name: str | None,
    personal_identity_code: str | None,
    status: ClientStatus | None,
    coach: str | None,
    municipality: str | None,
    target_groups_wanted: list[TargetGroup] | None = None,
    overdue: bool | None = None,
    client_ids: list[uuid.UUID] | None = None,
    limit: int,
    cursor: str | None,
) -> Page[ClientSummary]:
    """Clients of the caller's reach, oldest registration first, and the search's audit record naming the clients
    shown, in one statement (on a request of one statement, ``OneStatement``, or in a transaction): the caller's
    teams, the target groups and the record are parts of it.

    ``overdue`` (has an overdue statutory deadline, or has none) is a condition on the stored deadlines, read as they
    are: the router has the schedules that were never computed or are past their horizon computed first
    (:func:`refresh_before_overdue_search`, its own transaction).
    ``target_groups_wanted`` (all must hold) are judged among the first :data:`SEARCH_SCAN_LIMIT` candidates; the
    page may then hold fewer than ``limit`` items with a ``next_cursor`` to continue from."""
    identity_hash = None
    if personal_identity_code:
        try:
            identity_hash = vault.lookup_hash(normalise(personal_identity_code))
        except ValueError:
            return Page(items=[])
    wanted = set(target_groups_wanted or ())
    day = today()
    coach_reach = reached_by(principal)
    after = start_after(cursor)  # an empty cursor is the first page, as everywhere
    shape = repository.SearchShape(
        reach=coach_reach is not None,
        name=bool(name),
        identity_hash=identity_hash is not None,
        status=status is not None,
        coach=coach is not None,
        municipality=municipality is not None,
        ids=client_ids is not None,
        overdue=overdue,
        groups=frozenset(wanted),
        scanned_after=after is not None,
    )
    scan = -(-SEARCH_SCAN_LIMIT // SEARCH_BATCH) * SEARCH_BATCH if wanted else limit
    audit = record_parameters(
        actor=principal,
        action=AuditAction.search,
        resource_type="client",
        purpose=PURPOSE,
        details={
            "filters": {
                "name": bool(name),
                "personal_identity_code": bool(personal_identity_code),
                "status": status,
                "coach": coach,
                "municipality": municipality,
                "target_groups": sorted(wanted),
                "overdue": overdue,
                "ids": len(client_ids) if client_ids is not None else None,
            },
        },
    )
    rows = await repository.search_page(
        statement,
        shape,
        limit=limit,
        scan=scan,
        after=after,
        day=day,
        parameters={
            **reach_parameters(organisation_id=principal.organisation(), reached_by=coach_reach),
            **repository.search_values(
                name=name,
                identity_hash=identity_hash,
                status=status.value if status else None,
                coach_subject=coach,
                municipality=municipality,
                client_ids=client_ids,
            ),
            "born_after_25": _years_before(day, 25),
            "born_after_30": _years_before(day, 30),
            **audit,
        },
    )
    shown = [row for row in rows if row.id is not None]
    found = []
    for row in shown:
        grouped = _groups(row, repository.history_of(row), _assessed(row), day)
        code = vault.decrypt(row.identity_code_encrypted, context=IDENTITY_CONTEXT)
        found.append(ClientSummary(**_summary_fields(row, code, grouped)))  # type: ignore[arg-type]
    candidates = rows[0].candidates
    next_key: SortKey | None = None
    if len(shown) == limit and shown[-1].position < candidates:
        next_key = repository.OLDEST_FIRST.key_of(shown[-1])
    elif len(shown) < limit and candidates > scan:
        next_key = (rows[0].scan_last_created_at, uuid.UUID(rows[0].scan_last_id))
    return Page(items=found, next_cursor=encode_cursor(*next_key) if next_key else None)


def _years_before(day: date, years: int) -> date:
    """The first birth date of someone under ``years`` on ``day`` is the day after this one."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


async def change_status(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    client_id: uuid.UUID,
    change: StatusChange,
) -> ClientRead:
    client = await client_in_scope(session, principal, client_id)
    previous = client.status
    client.status = change.status
    client.version += 1
    session.add(
        ClientStatusChange(
            client_id=client.id,
            status=change.status.value,
            changed_on=change.changed_on,
            reason=change.reason,
            changed_by=principal.subject,
        )
    )
    await session.flush()
    # Continuity of unemployment counts from the status history: the intensified months follow it.
    await refresh_deadlines(session, [client.id], today())
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="client",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"status": {"from": previous, "to": change.status.value}},
    )
    await emit(
        session,
        type="fi.polku.client.status_changed.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "organisation_id": str(client.organisation_id),
            "from": previous,
            "to": change.status.value,
            "changed_on": change.changed_on.isoformat(),
            "target_groups": await shared_target_groups(session, client, today()),
        },
    )
    await session.refresh(client)
    return await read_model(session, client, vault)


async def history(*, statement: OneStatement, principal: Principal, client_id: uuid.UUID) -> list[StatusChangeRead]:
    """The client's changes of status, oldest first, if the caller reaches the client (the same 404 as a missing one
    otherwise), and the read's audit record, in one statement (decision 82)."""
    rows = await read_client_rows(
        statement, principal, client_id, repository.STATUS_HISTORY, resource_type="client_status_history"
    )
    return [StatusChangeRead.model_validate(row) for row in rows]


# Who may see the names behind a list of clients (a referral board, matching candidates): staff by their reach;
# employer services the job seekers of their organisation they broker jobs for (decision 35).
NAME_READERS = (Role.coach, Role.manager, Role.admin, Role.employer_services)
BROKERED_STATUSES = (ClientStatus.unemployed.value, ClientStatus.in_activating_service.value)
NAMES_PURPOSE = "showing the names behind a list of clients (a referral board, candidates for a vacancy)"


async def names(*, session: AsyncSession, principal: Principal, client_ids: list[uuid.UUID]) -> ClientNames:
    """The names of those of ``client_ids`` the caller may see, in the order asked. A coach, a manager or an
    administrator: the clients within their reach (a coach their caseload and their team's). Employer services:
    the organisation's job seekers (unemployed or in an activating service), whatever list the ids came from.
    Every name shown is an audit record naming its person."""
    if principal.has_any(Role.coach, Role.manager, Role.admin):
        visible, statuses = (await reach(session, principal)).condition(), None
    else:
        visible, statuses = None, BROKERED_STATUSES
    asked = list(dict.fromkeys(client_ids))
    found = {
        client_id: (first, last)
        for client_id, first, last in await repository.names(
            session,
            organisation_id=principal.organisation(),
            client_ids=asked,
            visible=visible,
            statuses=statuses,
        )
    }
    shown = [client_id for client_id in asked if client_id in found]
    for client_id in shown:
        await record(
            session,
            actor=principal,
            action=AuditAction.read,
            resource_type="client_name",
            resource_id=client_id,
            data_subject_id=client_id,
            purpose=NAMES_PURPOSE,
        )
    return ClientNames(
        items=[
            ClientName(id=client_id, first_names=found[client_id][0], last_name=found[client_id][1])
            for client_id in shown
        ]
    )
