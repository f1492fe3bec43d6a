"""Queries of employers and their contacts. Every read is scoped in SQL to the caller's authority."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Row, ScalarSelect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import with_expression

from employer_api.employer.models import Employer, EmployerContact
from employer_api.staff.models import KnownStaff
from polku_kit.pagination import Keyset, SortKey

EMPLOYERS = Keyset(Employer.created_at, Employer.id)
CONTACTS = Keyset(EmployerContact.created_at, EmployerContact.id, newest_first=True)


def _account_manager_name() -> ScalarSelect[str | None]:
    """The account manager's name, as the staff the service has seen know it: in the employer's own statement."""
    return (
        select(KnownStaff.name)
        .where(
            KnownStaff.organisation_id == Employer.authority_id,
            KnownStaff.subject == Employer.account_manager_subject,
        )
        .scalar_subquery()
    )


async def get(
    session: AsyncSession, *, authority_id: uuid.UUID, employer_id: uuid.UUID, named: bool = False
) -> Employer | None:
    """The employer; ``named``: with its account manager's name (``Employer.account_manager_name``)."""
    query = select(Employer).where(Employer.authority_id == authority_id, Employer.id == employer_id)
    if named:
        query = query.options(with_expression(Employer.account_manager_name, _account_manager_name()))
    return await session.scalar(query)


async def by_business_id(session: AsyncSession, *, authority_id: uuid.UUID, business_id: str) -> Employer | None:
    return await session.scalar(
        select(Employer).where(Employer.authority_id == authority_id, Employer.business_id == business_id)
    )


async def add(session: AsyncSession, employer: Employer) -> bool:
    """Insert; False, and nothing inserted, when the authority has the business id already (a registration at
    the same moment: the constraint decides)."""
    try:
        async with session.begin_nested():
            session.add(employer)
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) != (
            "uq_employer_authority_id_business_id"
        ):
            raise
        return False
    return True


async def page(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID,
    municipality: str | None,
    industry_main_class: str | None,
    account_manager_subject: str | None,
    name: str | None,
    limit: int,
    after: SortKey | None,
) -> list[Employer]:
    query = (
        select(Employer)
        .where(Employer.authority_id == authority_id)
        .options(with_expression(Employer.account_manager_name, _account_manager_name()))
    )
    if municipality is not None:
        query = query.where(Employer.municipalities.contains([municipality]))
    if industry_main_class is not None:
        query = query.where(Employer.industry_main_class == industry_main_class)
    if account_manager_subject is not None:
        query = query.where(Employer.account_manager_subject == account_manager_subject)
    if name:
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Employer.name.ilike(f"%{escaped}%"))
    return list((await session.scalars(EMPLOYERS.select(query, limit=limit, after=after))).all())


async def names(session: AsyncSession, *, authority_id: uuid.UUID, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(
        select(Employer.id, Employer.name).where(Employer.authority_id == authority_id, Employer.id.in_(ids))
    )
    return {row.id: row.name for row in rows}


async def contact(
    session: AsyncSession, *, authority_id: uuid.UUID, employer_id: uuid.UUID, contact_id: uuid.UUID
) -> EmployerContact | None:
    return await session.scalar(
        select(EmployerContact).where(
            EmployerContact.authority_id == authority_id,
            EmployerContact.employer_id == employer_id,
            EmployerContact.id == contact_id,
        )
    )


async def contacts(
    session: AsyncSession, *, authority_id: uuid.UUID, employer_id: uuid.UUID, limit: int, after: SortKey | None
) -> list[EmployerContact]:
    query = select(EmployerContact).where(
        EmployerContact.authority_id == authority_id, EmployerContact.employer_id == employer_id
    )
    return list((await session.scalars(CONTACTS.select(query, limit=limit, after=after))).all())


async def next_steps_due(
    session: AsyncSession, *, authority_id: uuid.UUID, account_manager_subject: str, until: date | None, limit: int
) -> list[Row[EmployerContact, str]]:
    """The open next steps with the employers ``account_manager_subject`` looks after, earliest due first (the
    overdue ones come first by themselves)."""
    query = (
        select(EmployerContact, Employer.name)
        .join(Employer, Employer.id == EmployerContact.employer_id)
        .where(
            EmployerContact.authority_id == authority_id,
            EmployerContact.next_step_due.is_not(None),
            EmployerContact.next_step_done_at.is_(None),
            Employer.authority_id == authority_id,
            Employer.account_manager_subject == account_manager_subject,
        )
        .order_by(EmployerContact.next_step_due, EmployerContact.id)
        .limit(limit)
    )
    if until is not None:
        query = query.where(EmployerContact.next_step_due <= until)
    return list((await session.execute(query)).all())
