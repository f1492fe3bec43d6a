"""``/v1/data-subjects/{client_id}/personal-data``: for clients-api only (scope ``employer:personal-data-export``),
asked for a data protection officer (their own token in ``Polku-On-Behalf-Of``), for the GDPR access export."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from employer_api.privacy import service
from employer_api.privacy.schemas import PersonalData
from polku_kit.auth import Principal, require_scope
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.service_client import acting_for

PERSONAL_DATA_EXPORT = "employer:personal-data-export"

Channel = Annotated[Principal, Depends(require_scope(PERSONAL_DATA_EXPORT))]
router = APIRouter(prefix="/data-subjects", tags=["data protection"], responses=problem_responses(401, 403))


@router.get(
    "/{client_id}/personal-data",
    response_model=PersonalData,
    summary="What employer-api holds on a person for the officer's authority (candidate profile, job offers, "
    "introductions, supports naming them), for a data subject's access request (GDPR Art. 15); empty for another "
    "organisation",
)
async def get_personal_data(
    client_id: uuid.UUID, request: Request, session: SessionDep, channel: Channel
) -> PersonalData:
    person = await acting_for(request, channel)
    return await service.personal_data(session=session, channel=channel, person=person, client_id=client_id)
