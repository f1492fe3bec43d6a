from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base
from polku_kit.db import Timestamps


def _now() -> datetime:
    # Taken in Python, not from the database: rows written in one transaction keep their order.
    return datetime.now(UTC)


class Team(Timestamps, Base):
    """A team of coaches (*tiimi*) of one employment authority; teams balance caseloads between members."""

    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    name: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)


class TeamMember(Base):
    """A coach in a team: the subject of the coach's token, and the name to show."""

    __tablename__ = "team_member"
    __table_args__ = (Index("ix_team_member_coach_subject", "coach_subject"),)

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    coach_subject: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AssignmentAction(StrEnum):
    """What one entry of a client's assignment history did (the client's named coach, *omavalmentaja*, and team):
    ``assigned``, a coach or a team named for a client who had neither; ``reassigned``, another coach or team in
    place of the previous ones (a hand-over to a personal coach is one); ``unassigned``, the client left with neither
    a coach nor a team."""

    assigned = "assigned"
    reassigned = "reassigned"
    unassigned = "unassigned"


class ClientAssignment(Base):
    """One entry of the history of who is the client's named coach (*omavalmentaja*) and team.
    ``client.coach_subject`` and ``client.team_id`` hold the current one."""

    __tablename__ = "client_assignment"
    __table_args__ = (Index("ix_client_assignment_client_id", "client_id", "assigned_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID]
    action: Mapped[str] = mapped_column(Text)
    coach_subject: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    previous_coach_subject: Mapped[str | None] = mapped_column(Text)
    previous_team_id: Mapped[uuid.UUID | None]
    reason: Mapped[str] = mapped_column(Text)
    assigned_by: Mapped[str] = mapped_column(Text)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SavedFilter(Timestamps, Base):
    """A coach's own named set of caseload filter parameters; nobody else sees it."""

    __tablename__ = "saved_filter"
    __table_args__ = (UniqueConstraint("organisation_id", "owner_subject", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID]
    owner_subject: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONB)


class KnownCoach(Base):
    """A coach of the organisation as clients-api has seen them: the subject and the name of their token when they
    last used the service, so that a manager picks a coach by name (a team's member, a client's coach)."""

    __tablename__ = "known_coach"

    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
