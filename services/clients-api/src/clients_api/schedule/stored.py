"""The statutory deadlines as stored rows: written by :func:`refresh_deadlines` in the transaction that changes
what they are computed from, and read by SQL.

A client's stored deadlines are :func:`clients_api.schedule.deadlines.schedule_with_horizon` on the day they were
computed, and stay the client's schedule up to ``client.deadlines_valid_until``; only the statuses move with the
day, and a status follows from the row (:func:`clients_api.schedule.deadlines.status_on`). So nothing is rewritten
when a day passes, except for the clients whose horizon has passed (a job-search discussion fell due unmet and the
next one is listed, or an intensified month began, or never computed): those are refreshed before any read that
uses them, and by the daily job (:func:`clients_api.schedule.service.refresh_organisation`).

What the deadlines are computed from, and where each is changed (each change refreshes in its transaction):
the job-search periods (registration, a period started or ended), the interviews held (recorded, cancelled), the
waivers (waived), the current assessment's service need (an assessment saved), the plans (a plan saved: the plan
deadline) and the status history (a status changed: continuity of unemployment, from which the intensified months
of the Nordic model count). Whether the deadlines of a client count (the job search is on) is asked of the
client row when they are read.

A refresh that finds an open deadline held on or before its day announces ``fi.polku.client.deadline_met.v1``
(``client_id``, ``kind``, ``number``, ``due_on``, ``met_on``, ``rule_set``), the counterpart of the overdue notice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.assessment import repository as assessment_repository
from clients_api.assessment.models import AssessmentVersion, more_support_needed
from clients_api.client.models import Client
from clients_api.continuity import StatusEntry, unemployment_spells
from clients_api.plan.status import PlanFacts, up_to_date_until
from clients_api.reactions import on_assessment_changed
from clients_api.schedule import repository
from clients_api.schedule.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    SupplementaryNeed,
    kind_order,
    schedule_with_horizon,
    status_on,
)
from clients_api.schedule.models import ClientDeadline
from clients_api.schedule.repository import open_condition
from clients_api.schedule.rules import RULE_SETS
from polku_kit.calendar import local_date
from polku_kit.outbox import emit

RULE_SETS_BY_KEY = {rule_set.key: rule_set for rule_set in RULE_SETS}

_client = cast(Table, Client.__table__)
_deadline = cast(Table, ClientDeadline.__table__)


def supplementary_need(assessment: AssessmentVersion | None) -> SupplementaryNeed | None:
    """What the current assessment asks of the schedule: a number it names, or the rule set's default when
    it records a need for more support."""
    if assessment is None:
        return None
    if assessment.supplementary_interviews is not None:
        return SupplementaryNeed(recorded_on=assessment.assessed_on, count=assessment.supplementary_interviews)
    if more_support_needed(assessment.service_needs):
        return SupplementaryNeed(recorded_on=assessment.assessed_on)
    return None


def is_stale(client: Client, day: date) -> bool:
    return client.deadlines_valid_until is None or client.deadlines_valid_until < day


async def refresh_deadlines(session: AsyncSession, client_ids: Iterable[uuid.UUID], day: date) -> None:
    """Compute the deadlines of these clients on ``day`` and store them with their horizon, replacing what was
    stored. The clients' rows are locked first (in id order), so two transactions refreshing one client take
    turns and the second computes from what the first committed."""
    ids = sorted(set(client_ids))
    if not ids:
        return
    rows = (
        await session.execute(
            select(Client.id, Client.organisation_id, Client.job_search_started_on)
            .where(Client.id.in_(ids))
            .order_by(Client.id)
            .with_for_update()
        )
    ).all()
    ids = [row.id for row in rows]
    if not ids:
        return
    interviews = await repository.interview_days(session, ids)
    waivers = await repository.waivers_for_clients(session, ids)
    assessments = await assessment_repository.current_for_clients(session, client_ids=ids)
    periods = await repository.periods_for_clients(session, ids)
    statuses = await repository.status_changes_for_clients(session, ids)
    plans = await repository.plan_days_for_clients(session, ids)
    # What was open before this refresh: a deadline it finds held on time is announced met (once: then it is
    # stored held, and only a cancelled and re-recorded interview opens it again).
    was_open = {
        (row.client_id, row.kind, row.number)
        for row in await session.execute(
            select(_deadline.c.client_id, _deadline.c.kind, _deadline.c.number).where(
                _deadline.c.client_id.in_(ids), _deadline.c.held_on.is_(None), _deadline.c.waived.is_(False)
            )
        )
    }
    stored: list[dict[str, object]] = []
    horizons: list[dict[str, object]] = []
    for client_id, organisation_id, started in rows:
        # The schedule is the latest job-search period's (a client registered before periods were kept has
        # one from its job-search start).
        latest = periods[client_id][-1] if periods[client_id] else None
        if latest is not None:
            started = latest.started_on
        spells = unemployment_spells(
            [StatusEntry(row.status, row.changed_on, row.recorded_at) for row in statuses[client_id]],
            [(period.started_on, period.ended_on) for period in periods[client_id]] or None,
        )
        deadlines, valid_until = schedule_with_horizon(
            job_search_started_on=started,
            interviews_held=interviews.get(client_id, []),
            today=day,
            # A waiver belongs to the period whose deadline it waived.
            waived={(DeadlineKind(w.kind), w.number) for w in waivers.get(client_id, []) if w.due_on >= started},
            supplementary_need=supplementary_need(assessments.get(client_id)),
            initial_interview=latest is None or latest.initial_interview,
            ended_on=None if latest is None else latest.ended_on,
            plan_made_on=next(
                (made for made in (local_date(plan.created_at) for plan in plans[client_id]) if made >= started), None
            ),
            unemployment=[spell for spell in spells if spell[1] is None or spell[1] >= started],
        )
        stored.extend(
            {
                "client_id": client_id,
                "kind": d.kind.value,
                "number": d.number,
                "organisation_id": organisation_id,
                "due_on": d.due_on,
                "held_on": d.held_on,
                "waived": d.status is DeadlineStatus.waived,
                "rule_set": d.rule_set.key,
            }
            for d in deadlines
        )
        latest_plan = plans[client_id][-1] if plans[client_id] else None
        held = [d.held_on for d in deadlines if d.held_on is not None and d.kind is not DeadlineKind.employment_plan]
        current_until = up_to_date_until(
            PlanFacts(
                plan_reviewed_on=None if latest_plan is None else local_date(latest_plan.created_at),
                applications_per_period=None if latest_plan is None else latest_plan.applications_per_period,
                period_months=None if latest_plan is None else latest_plan.period_months,
                obligation_reduction_reason=None if latest_plan is None else latest_plan.obligation_reduction_reason,
                latest_mandatory_interview_on=max(held, default=None),
            )
        )
        horizons.append({"client": client_id, "until": valid_until, "plan_until": current_until})
    await session.execute(delete(_deadline).where(_deadline.c.client_id.in_(ids)))
    for row in stored:
        held_on, due_on = cast(date | None, row["held_on"]), cast(date, row["due_on"])
        if held_on is None or held_on > due_on or (row["client_id"], row["kind"], row["number"]) not in was_open:
            continue
        await emit(
            session,
            type="fi.polku.client.deadline_met.v1",
            subject=f"clients/{row['client_id']}",
            source="/polku/clients-api",
            audience=[cast(uuid.UUID, row["organisation_id"])],
            data={
                "client_id": str(row["client_id"]),
                "kind": row["kind"],
                "number": row["number"],
                "due_on": due_on.isoformat(),
                "met_on": held_on.isoformat(),
                "rule_set": row["rule_set"],
            },
        )
    if stored:
        # One statement executed for many rows: compiled once, sent in batches (SQLAlchemy's insertmanyvalues).
        await session.execute(insert(_deadline), stored)
    # The horizon and the plan's up-to-date status (the latest plan against the latest mandatory interview held, as
    # the deadlines stored now record it) are bookkeeping, not a change of the client: ``updated_at`` stays.
    await session.execute(
        update(_client)
        .where(_client.c.id == bindparam("client"))
        .values(
            deadlines_valid_until=bindparam("until"),
            plan_up_to_date_until=bindparam("plan_until"),
            updated_at=_client.c.updated_at,
        ),
        horizons,
    )


# The need-based schedule follows the assessment (Decision 8): the assessment announces, the schedule refreshes.
on_assessment_changed(refresh_deadlines)


# The columns a stored deadline is read by (not the mapped entity: rows rewritten in this session are read as
# they are now, never from the session's identity map).
_COLUMNS = (
    ClientDeadline.client_id,
    ClientDeadline.kind,
    ClientDeadline.number,
    ClientDeadline.due_on,
    ClientDeadline.held_on,
    ClientDeadline.waived,
    ClientDeadline.rule_set,
)


def to_deadline(row: Row[*tuple[Any, ...]], day: date) -> Deadline:
    return Deadline(
        kind=DeadlineKind(row.kind),
        number=row.number,
        due_on=row.due_on,
        status=status_on(row.due_on, row.held_on, row.waived, day),
        held_on=row.held_on,
        rule_set=RULE_SETS_BY_KEY[row.rule_set],
    )


def schedule_of(rows: list[Row[Any]], day: date) -> list[Deadline]:
    """The schedule on ``day`` of a client's stored deadlines read elsewhere (rows of :func:`to_deadline`'s columns),
    as :func:`deadlines_of` orders it."""
    return _sorted([to_deadline(row, day) for row in rows])


def _sorted(deadlines: list[Deadline]) -> list[Deadline]:
    return sorted(deadlines, key=lambda d: (d.due_on, kind_order(d.kind), d.number))


async def deadlines_of(session: AsyncSession, client: Client, day: date) -> list[Deadline]:
    """One client's schedule on ``day``, as :func:`~clients_api.schedule.deadlines.schedule` orders it."""
    if is_stale(client, day):
        await refresh_deadlines(session, [client.id], day)
    rows = (await session.execute(select(*_COLUMNS).where(ClientDeadline.client_id == client.id))).all()
    return _sorted([to_deadline(row, day) for row in rows])


async def open_deadlines(session: AsyncSession, clients: list[Client], day: date) -> dict[uuid.UUID, list[Deadline]]:
    """The open deadlines (neither held nor waived: due or overdue on ``day``) of the given clients, whose rows
    the caller has read; the out-of-date ones are refreshed first."""
    await refresh_deadlines(session, [client.id for client in clients if is_stale(client, day)], day)
    found: dict[uuid.UUID, list[Deadline]] = {client.id: [] for client in clients}
    if not clients:
        return found
    query = select(*_COLUMNS).where(ClientDeadline.client_id.in_(list(found)), open_condition())
    for row in (await session.execute(query)).all():
        found[row.client_id].append(to_deadline(row, day))
    return {client_id: _sorted(deadlines) for client_id, deadlines in found.items()}
