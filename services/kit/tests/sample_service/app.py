import uuid
from typing import ClassVar

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel
from sqlalchemy import text

from polku_kit.app import create_service_app
from polku_kit.audit import AuditAction, record
from polku_kit.auth import CurrentPrincipal
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import receive
from polku_kit.outbox import emit
from polku_kit.settings import BaseServiceSettings
from polku_kit.webhooks import subscription_router

from . import SERVICE_DIR

INBOX_SECRET = "whsec_" + "c2FtcGxlLXNlcnZpY2UtaW5ib3gtc2VjcmV0LTMyYnl0ZXM="


class SampleSettings(BaseServiceSettings):
    service_name: ClassVar[str] = "sample-api"
    database_name: ClassVar[str] = "sample"


class NoteCreate(BaseModel):
    text: str


router = APIRouter(prefix="/v1")
router.include_router(subscription_router)


@router.post("/notes", status_code=201, responses=problem_responses(401))
async def create_note(data: NoteCreate, session: SessionDep, principal: CurrentPrincipal) -> dict[str, str]:
    note_id = uuid.uuid4()
    await session.execute(text("INSERT INTO sample_note (id, text) VALUES (:id, :text)"),
                          {"id": note_id, "text": data.text})
    await record(session, actor=principal, action=AuditAction.create, resource_type="note", resource_id=note_id,
                 purpose="test")
    await emit(session, source="/polku/sample-api", type="fi.polku.note.created.v1", subject=f"notes/{note_id}",
               data={"id": str(note_id), "text": data.text})
    if data.text == "fail after writing":
        raise RuntimeError("the request fails after its writes")
    return {"id": str(note_id)}


@router.post(
    "/inbox",
    status_code=202,
    responses=problem_responses(400, 401),
    openapi_extra={"security": [{"webhookSignature": []}]},
)
async def inbox(request: Request, session: SessionDep) -> dict[str, bool]:
    event = await receive(session, secrets=[INBOX_SECRET], headers=request.headers, body=await request.body())
    return {"handled": event is not None}


def create_app(settings: SampleSettings | None = None) -> FastAPI:
    return create_service_app(
        settings or SampleSettings(), title="Sample", description="Kit test service", version="0",
        service_dir=SERVICE_DIR, routers=[router],
    )
