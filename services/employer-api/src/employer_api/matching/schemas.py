from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class ScorePart(BaseModel):
    # Frozen: one part (its points and reason) is built once and shared by the answers that show it.
    model_config = ConfigDict(frozen=True)

    part: str = Field(
        examples=["occupation"],
        description="occupation, competences_and_licences, location, languages, availability or support_fit",
    )
    points: int
    maximum: int
    reason: str = Field(examples=["same_unit_group"], description="A stable code saying why (the SPA translates it)")
    available_from: date | None = Field(
        default=None,
        description="availability only: the first day from the job's start (or today) that the client is not in an "
        "activating service; null when not known",
    )


class CandidateMatch(BaseModel):
    """A candidate for a vacancy: the client's id only (their name is asked from clients-api when shown)."""

    client_id: uuid.UUID
    score: int = Field(ge=0, le=100)
    parts: list[ScorePart]


class VacancyMatch(BaseModel):
    vacancy_id: uuid.UUID
    employer_id: uuid.UUID
    title_fi: str
    occupation_code: str
    municipality: str | None
    application_deadline: str
    score: int = Field(ge=0, le=100)
    parts: list[ScorePart]
