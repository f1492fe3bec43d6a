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
    """Everything referrals-api holds on one person for one organisation (the referrals it sent), as stored."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "format": "polku.referrals-api.personal-data/1",
                    "exported_at": "2026-12-03T10:00:00Z",
                    "client_id": "5b1f0c1e-3f0a-4a53-9a53-3c8a4f3b7d10",
                    "organisation_id": "0b0c8f6e-6f1a-4c36-9d55-000000000001",
                    "records": {
                        "joint_referral": [],
                        "referral": [{"id": "…", "status": "requested", "reason": "…"}],
                        "referral_transition": [{"referral_id": "…", "from_status": "draft", "to_status": "requested"}],
                        "referral_document": [{"filename": "lausunto.pdf", "content_base64": "JVBERi0…"}],
                    },
                    "audit_trail": [],
                }
            ]
        }
    )

    format: str = Field(description="`polku.referrals-api.personal-data/1`")
    exported_at: datetime
    client_id: uuid.UUID
    organisation_id: uuid.UUID = Field(description="The organisation asked for: the officer's, the referrals' sender")
    records: dict[str, list[dict[str, Any]]] = Field(
        description="By table, oldest first: joint referrals, referrals (with the partner's feedback), their "
        "transitions, and their documents (with the content as `content_base64`)"
    )
    audit_trail: list[AuditRecordRead] = Field(
        description="referrals-api's own audit records about the person: by the organisation's staff, or about "
        "the exported referrals and documents (a partner's reads included)"
    )
