from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditRecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    occurred_at: datetime
    actor_subject: str
    actor_roles: list[str]
    actor_organisation_id: uuid.UUID | None
    action: str = Field(description="read, create, update, delete, export or search")
    resource_type: str
    resource_id: str | None
    purpose: str
    request_id: str | None
    details: dict[str, Any]


class PersonalData(BaseModel):
    """Everything employer-api holds on one person for one authority (the officer's), as stored."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "format": "polku.employer-api.personal-data/1",
                    "exported_at": "2026-12-03T10:00:00Z",
                    "client_id": "5b1f0c1e-3f0a-4a53-9a53-3c8a4f3b7d10",
                    "organisation_id": "0b0c8f6e-6f1a-4c36-9d55-000000000001",
                    "records": {
                        "candidate_profile": [{"client_id": "…", "occupations": ["7212"], "municipality": "398"}],
                        "job_offer": [{"id": "…", "vacancy_id": "…", "status": "applied", "respond_by": "2026-12-10"}],
                        "introduction": [{"id": "…", "employer_id": "…", "anonymous": False, "status": "made"}],
                        "support": [{"id": "…", "kind": "pay_subsidy", "percent": 50, "total_committed": "4650.00"}],
                    },
                    "audit_trail": [],
                }
            ]
        }
    )

    format: str = Field(description="`polku.employer-api.personal-data/1`")
    exported_at: datetime
    client_id: uuid.UUID
    organisation_id: uuid.UUID = Field(description="The organisation asked for: the officer's authority")
    records: dict[str, list[dict[str, Any]]] = Field(
        description="By table, oldest first: the candidate profile and the days of the activating-service episodes "
        "it was made of (`candidate_episode`), kept from clients-api's events, the job offers "
        "made to the person, the introductions of them to employers, and the supports naming them"
    )
    audit_trail: list[AuditRecordRead] = Field(
        description="employer-api's own audit records about the person: by the authority's staff, or about the "
        "exported offers, introductions and supports"
    )
