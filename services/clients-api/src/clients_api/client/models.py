from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, Text, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base
from polku_kit.columns import EnumText
from polku_kit.db import Timestamps


class ClientStatus(StrEnum):
    """Where the client stands on the labour market (*työmarkkina-asema*): ``unemployed``, an unemployed job seeker
    (*työtön työnhakija*); ``in_activating_service``, in an activating service (*aktivointipalvelu*, such as
    pay-subsidised work or labour-market training); ``employed``, a job seeker who is employed (*työllinen*);
    ``in_education``, a job seeker in education (*opiskelija*); ``outside_labour_force``, a job seeker outside the
    labour force (*työvoiman ulkopuolella*); ``search_ended``, the job search has ended (*työnhaku päättynyt*). The
    first two are in the job search whose statutory schedule runs (``JOB_SEEKING_SQL``)."""

    unemployed = "unemployed"
    in_activating_service = "in_activating_service"
    employed = "employed"
    in_education = "in_education"
    outside_labour_force = "outside_labour_force"
    search_ended = "search_ended"


# Clients in the job search, whose statutory schedule runs: as SQL text, so that a query written with it
# matches the partial index below also when its plan is generic (a bound parameter would not prove the match).
JOB_SEEKING_SQL = f"status IN ('{ClientStatus.unemployed.value}', '{ClientStatus.in_activating_service.value}')"


class WaitingOn(StrEnum):
    """Whom the next step of the case waits for: ``client``, the client; ``us``, the employment authority."""

    client = "client"
    us = "us"


class Client(Timestamps, Base):
    """A job seeker (*työnhakija*) of one employment authority."""

    __tablename__ = "client"
    __table_args__ = (
        UniqueConstraint("organisation_id", "identity_code_hash"),
        Index("ix_client_organisation_id", "organisation_id", "created_at", "id"),
        Index("ix_client_coach_subject", "coach_subject"),
        # A caseload (one coach's clients, or the unassigned ones) is read through this index, so its cost
        # grows with the caseload, not with the number of clients in the database.
        Index("ix_client_organisation_coach", "organisation_id", "coach_subject", "status"),
        Index("ix_client_team_id", "team_id"),
        # The job seekers of one organisation in id order: the overdue announcer pages through them, and the caseload
        # balance reads all it counts from here (an index-only scan: decision 51).
        Index(
            "ix_client_job_seekers",
            "organisation_id",
            "id",
            postgresql_include=["coach_subject", "team_id", "birth_date", "plan_up_to_date_until"],
            postgresql_where=text(JOB_SEEKING_SQL),
        ),
        # Clients whose stored deadlines are out of date (NULL: never computed), found without a scan.
        Index("ix_client_deadlines_valid_until", "organisation_id", "deadlines_valid_until"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID]
    identity_code_hash: Mapped[str] = mapped_column(Text)
    identity_code_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    birth_date: Mapped[date] = mapped_column(Date)
    first_names: Mapped[str] = mapped_column(Text)
    last_name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    home_municipality: Mapped[str] = mapped_column(Text)
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    citizenship: Mapped[str | None] = mapped_column(Text)  # ISO 3166-1 alpha-2 (clients_api.client.codes)
    mother_tongue: Mapped[str | None] = mapped_column(Text)  # ISO 639-1
    job_search_started_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ClientStatus] = mapped_column(EnumText(ClientStatus))
    coach_subject: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    waiting_on: Mapped[str | None] = mapped_column(Text)
    waiting_since: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The last day for which the stored deadlines (``client_deadline``) are the client's schedule; NULL or past:
    # they are recomputed before they are read (clients_api.schedule.stored).
    deadlines_valid_until: Mapped[date | None] = mapped_column(Date)
    # The last day the plan is up to date (clients_api.plan.status.up_to_date_until; NULL: it is not), stored in
    # the transaction that changes what it follows from (the stored deadlines' refresh, a plan saved), so that the
    # caseload balance counts the plan debt from the client rows alone.
    plan_up_to_date_until: Mapped[date | None] = mapped_column(Date)


class ClientStatusChange(Base):
    """One entry of a client's status history."""

    __tablename__ = "client_status_change"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    status: Mapped[ClientStatus] = mapped_column(EnumText(ClientStatus))
    changed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
