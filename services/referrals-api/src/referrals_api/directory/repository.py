"""Queries of the service directory, scoped in SQL: staff see their authority's network, a partner its own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.pagination import Keyset, SortKey
from referrals_api.directory.models import Service
from referrals_api.organisation.models import Organisation

# The directory is paged by when a service was published, oldest first.
OLDEST_FIRST = Keyset(Service.created_at, Service.id)


@dataclass(frozen=True)
class Scope:
    authority_id: uuid.UUID | None = None
    own: uuid.UUID | None = None


@dataclass(frozen=True)
class Filters:
    text: str | None = None
    municipality: str | None = None
    target_group: str | None = None
    language: str | None = None
    age: int | None = None
    organisation_id: uuid.UUID | None = None
    organisation_type: str | None = None
    channel: str | None = None
    production_model: str | None = None
    status: str | None = None


def _scoped(scope: Scope) -> Select[Service, Organisation]:
    query = select(Service, Organisation).join(
        Organisation,
        and_(Organisation.authority_id == Service.authority_id, Organisation.id == Service.organisation_id),
    )
    if scope.authority_id is not None:
        query = query.where(Organisation.authority_id == scope.authority_id)
    if scope.own is not None:
        query = query.where(Service.organisation_id == scope.own)
    return query


async def get(session: AsyncSession, *, scope: Scope, service_id: uuid.UUID) -> tuple[Service, Organisation] | None:
    row = (await session.execute(_scoped(scope).where(Service.id == service_id))).first()
    return None if row is None else (row[0], row[1])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(scope: Scope, filters: Filters) -> Select[Service, Organisation]:
    query = _scoped(scope)
    if filters.text:
        pattern = f"%{_escape_like(filters.text)}%"
        query = query.where(
            or_(
                *(
                    column.ilike(pattern)
                    for column in (
                        Service.name_fi,
                        Service.name_sv,
                        Service.name_en,
                        Service.description_fi,
                        Service.description_sv,
                        Service.description_en,
                    )
                )
            )
        )
    if filters.municipality is not None:
        # A service that names no municipalities takes clients from the whole network.
        query = query.where(or_(Service.municipalities.contains([filters.municipality]), Service.municipalities == []))
    if filters.target_group is not None:
        query = query.where(or_(Service.target_groups.contains([filters.target_group]), Service.target_groups == []))
    if filters.language is not None:
        query = query.where(Service.languages.contains([filters.language]))
    if filters.age is not None:
        query = query.where(
            or_(Service.minimum_age.is_(None), Service.minimum_age <= filters.age),
            or_(Service.maximum_age.is_(None), Service.maximum_age >= filters.age),
        )
    for column, value in (
        (Service.organisation_id, filters.organisation_id),
        (Organisation.type, filters.organisation_type),
        (Service.channel, filters.channel),
        (Service.production_model, filters.production_model),
        (Service.status, filters.status),
    ):
        if value is not None:
            query = query.where(column == value)
    return query


async def page(
    session: AsyncSession, *, scope: Scope, filters: Filters, limit: int, after: SortKey | None
) -> list[tuple[Service, Organisation]]:
    query = OLDEST_FIRST.select(_filtered(scope, filters), limit=limit, after=after)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def everything(session: AsyncSession, *, scope: Scope) -> list[tuple[Service, Organisation]]:
    query = _scoped(scope).order_by(Organisation.name, Service.name_fi, Service.id)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]
