"""The sample service: one table, one event, a webhook receiver, and the webhook API, built only from the kit."""

import uuid
from typing import Annotated, ClassVar

from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel
from sqlalchemy import Text as TextType
from sqlalchemy import Uuid, bindparam, column, select, table, text

from polku_kit.app import create_service_app
from polku_kit.audit import AuditAction, audited, record, record_parameters
from polku_kit.auth import CurrentPrincipal, Principal, Role, require_roles, require_scope
from polku_kit.db import SessionDep, StatementDep
from polku_kit.errors import NotFound, problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.inbox import receive, store, verified_event
from polku_kit.inbox_admin import parked_router
from polku_kit.outbox import emit
from polku_kit.service_client import acting_for
from polku_kit.settings import BaseServiceSettings
from polku_kit.types import Text
from polku_kit.webhooks import event_router, subscription_router

from . import SERVICE_DIR

INBOX_SECRET = "whsec_" + "c2FtcGxlLXNlcnZpY2UtaW5ib3gtc2VjcmV0LTMyYnl0ZXM="
NOTE_CREATED = "fi.polku.note.created.v1"


class SampleSettings(BaseServiceSettings):
    service_name: ClassVar[str] = "sample-api"
    database_name: ClassVar[str] = "sample"
    serves_webhook_events: ClassVar[bool] = True


class NoteCreate(BaseModel):
    text: Text


class Handled(BaseModel):
    handled: bool


router = APIRouter(prefix="/v1")
router.include_router(subscription_router)
router.include_router(event_router())  # the audit names the data's client_id
# What the inbox handler has seen, in order (a test looks).
HANDLED: list[str] = []


@router.post("/notes", status_code=201, responses=problem_responses(401))
async def create_note(data: NoteCreate, session: SessionDep, principal: CurrentPrincipal) -> dict[str, str]:
    note_id = uuid.uuid4()
    await session.execute(
        text("INSERT INTO sample_note (id, text) VALUES (:id, :text)"), {"id": note_id, "text": data.text}
    )
    await record(
        session, actor=principal, action=AuditAction.create, resource_type="note", resource_id=note_id, purpose="test"
    )
    await emit(session, type=NOTE_CREATED, subject=f"notes/{note_id}", data={"id": note_id, "text": data.text})
    if data.text == "fail after writing":
        raise RuntimeError("the request fails after its writes")
    return {"id": str(note_id)}


_NOTE = table("sample_note", column("id", Uuid()), column("text", TextType()))
# A note and the audit record of its read, one statement (built once).
_READ_NOTE = audited(
    select(_NOTE.c.id, _NOTE.c.text).where(_NOTE.c.id == bindparam("note_id", type_=Uuid())), subject="id"
)


@router.get("/notes/{note_id}", responses=problem_responses(401, 404))
async def read_note(note_id: uuid.UUID, statement: StatementDep, principal: CurrentPrincipal) -> dict[str, str]:
    """A read whose whole work is one statement: the note and its audit record, without BEGIN and COMMIT."""
    audit = record_parameters(actor=principal, action=AuditAction.read, resource_type="note", purpose="test")
    row = (await statement.execute(_READ_NOTE, {"note_id": note_id, **audit})).one_or_none()
    if row is None:
        raise NotFound(f"No note {note_id}")
    return {"id": str(row.id), "text": row.text}


@router.get("/two-statements", responses=problem_responses(401))
async def two_statements(statement: StatementDep, principal: CurrentPrincipal) -> dict[str, str]:
    """A route that wrongly sends two statements on a request of one."""
    await statement.execute(text("SELECT 1"), {})
    await statement.execute(text("SELECT 2"), {})
    return {}


@router.post("/idempotent-notes", status_code=201, responses=problem_responses(401, 422))
async def create_note_once(
    data: NoteCreate, session: SessionDep, principal: CurrentPrincipal, idempotency: IdempotencyDep
) -> dict[str, str]:
    """A note per request, but a retry with the same Idempotency-Key gives the first answer again."""
    note_id = uuid.uuid4()
    await session.execute(
        text("INSERT INTO sample_note (id, text) VALUES (:id, :text)"), {"id": note_id, "text": data.text}
    )
    if data.text == "fail after writing":
        raise RuntimeError("the request fails after its writes")
    return await idempotency.remember({"id": str(note_id)}, status_code=201)  # type: ignore[no-any-return]


@router.post(
    "/inbox",
    status_code=202,
    response_model=Handled,
    responses=problem_responses(400, 401),
    openapi_extra={"security": [{"webhookSignature": []}]},
)
async def inbox(request: Request, session: SessionDep) -> Handled:
    event = await receive(session, secrets=[INBOX_SECRET], headers=request.headers, body=await request.body())
    if event is None:
        return Handled(handled=False)
    if isinstance(event.data, dict) and event.data.get("fail"):
        raise RuntimeError("the handler fails: nothing of this request may stay")
    HANDLED.append(event.id)
    return Handled(handled=True)


class Stored(BaseModel):
    stored: bool


PlatformCaller = Annotated[Principal, Depends(require_roles(Role.platform))]


@router.post(
    "/stored-inbox",
    status_code=202,
    response_model=Stored,
    responses=problem_responses(400, 401, 403),
    openapi_extra={"security": [{"webhookSignature": []}]},
)
async def stored_inbox(request: Request, session: SessionDep, principal: PlatformCaller) -> Stored:
    """Kept for the inbox worker; answered at once."""
    event = verified_event(secrets=[INBOX_SECRET], headers=request.headers, body=await request.body())
    stored = await store(session, event, organisation_id=principal.organisation(), received_by=principal.subject)
    return Stored(stored=stored)


router.include_router(parked_router("/stored-inbox"))


InternalCaller = Annotated[Principal, Depends(require_scope("sample:internal"))]


@router.get("/internal", responses=problem_responses(401, 403))
async def internal(request: Request, channel: InternalCaller) -> dict[str, str]:
    """A route for other services only, asked for a person."""
    person = await acting_for(request, channel)
    return {"channel": channel.subject, "person": person.subject, "organisation": str(person.organisation_id)}


def create_app(settings: SampleSettings | None = None) -> FastAPI:
    return create_service_app(
        settings or SampleSettings(),
        title="Sample",
        description="Kit test service",
        version="0",
        service_dir=SERVICE_DIR,
        routers=[router],
    )
