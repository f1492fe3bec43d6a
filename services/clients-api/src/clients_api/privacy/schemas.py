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


class PersonalDataExport(BaseModel):
    """Everything clients-api holds on one person (GDPR Art. 15), as stored."""

    format: str = Field(description="`polku.clients-api.personal-data/2` (2 added `sources`)")
    exported_at: datetime
    client_id: uuid.UUID
    client: dict[str, Any] = Field(description="The client record, with the personal identity code in clear")
    records: dict[str, list[dict[str, Any]]] = Field(
        description="Every table that holds data about the client, by table name, oldest first"
    )
    audit_trail: list[AuditRecordRead] = Field(description="Who read or changed the data, when and why")
    sources: dict[str, dict[str, Any]] = Field(
        description="What the other services hold on the person for the officer's organisation, by service "
        "(`referrals-api`: referrals, transitions, documents, its audit records), each as it answered "
        "(`GET /v1/data-subjects/{client_id}/personal-data`, docs/contract.md); every source answers "
        "or there is no export (503)"
    )
