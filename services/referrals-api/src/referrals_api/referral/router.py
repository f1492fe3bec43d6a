"""``/v1/referrals`` and ``/v1/joint-referrals``: coaches refer clients to partners' services; partners
answer and report; both follow the history."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status
from starlette.convertors import StringConvertor, register_url_convertor

from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep, StatementDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.service_client import OnBehalfOf, caller_token
from polku_kit.types import IsoDateTime
from referrals_api.referral import documents, joint, messages, service
from referrals_api.referral.models import ReferralStatus
from referrals_api.referral.schemas import (
    DocumentRead,
    DueReferral,
    FeedbackCreate,
    JointReferralCreate,
    JointReferralRead,
    MessageCreate,
    MessageRead,
    MessageThread,
    ProgressReport,
    ReferralClientData,
    ReferralCreate,
    ReferralRead,
    ReferralUpdate,
    TransitionCreate,
    TransitionRead,
    UnreadMessages,
)


async def _clients_api(request: Request) -> OnBehalfOf:
    """clients-api, asked for the caller: every question carries their own token beside ours."""
    return OnBehalfOf(request.app.state.clients_api, caller_token(request))


ClientsApi = Annotated[OnBehalfOf, Depends(_clients_api)]
Sender = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager))]
Party = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin, Role.partner))]
Staff = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))]
# The client's data: the sending coach or manager and the receiving partner; not an administrator.
DataReader = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.partner))]
# A document's content may be special-category data (GDPR art. 9): the receiving partner, and of the sender's
# staff only coaches (of them, clients-api names the client's coach and team; a manager or an administrator is
# never in that circle, as in clients-api).
DocumentReader = Annotated[Principal, Depends(require_roles(Role.coach, Role.partner))]


class _ReferralIdSegment(StringConvertor):
    """A path segment that may name a referral: anything but a sibling's literal name. ``PATCH /v1/referrals/due``
    is then the due list's 405 (it has GET only), while a malformed id still gets the 422 of its validation."""

    regex = r"(?!due$|unread-messages$)[^/]+"


register_url_convertor("referral_id", _ReferralIdSegment())
router = APIRouter(prefix="/referrals", tags=["referrals"], responses=problem_responses(401, 403))
joint_router = APIRouter(prefix="/joint-referrals", tags=["referrals"], responses=problem_responses(401, 403))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Draft a referral of a client to a service in the network (a client within the caller's reach "
    "in clients-api; 404 otherwise)",
)
async def create_referral(
    data: ReferralCreate, session: SessionDep, principal: Sender, clients_api: ClientsApi, idempotency: IdempotencyDep
) -> ReferralRead:
    created = await service.create(session=session, principal=principal, data=data, clients_api=clients_api)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "",
    response_model=Page[ReferralRead],
    responses=problem_responses(400, 422),
    summary="The organisation's referrals, newest first (a partner: those sent to it)",
)
async def list_referrals(
    statement: StatementDep,
    principal: Party,
    status_filter: Annotated[
        ReferralStatus | None, Query(alias="status", description="Only referrals in this status")
    ] = None,
    client_id: uuid.UUID | None = None,
    service_id: uuid.UUID | None = None,
    changed_since: Annotated[
        IsoDateTime | None,
        Query(description="Only referrals changed at or after this moment (what arrived since a last visit)"),
    ] = None,
    mine: Annotated[bool, Query(description="Only the referrals the caller sent")] = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    found = await service.search(
        statement=statement,
        principal=principal,
        status=status_filter,
        client_id=client_id,
        service_id=service_id,
        changed_since=changed_since,
        mine=mine,
        limit=limit,
        cursor=cursor,
    )
    # The page as its statement wrote it (the JSON of a Page[ReferralRead], decision 74), sent as it is.
    return Response(found, media_type="application/json")


@router.get(
    "/due",
    response_model=list[DueReferral],
    responses=problem_responses(422),
    summary="The sender's unanswered referrals by due day, overdue first",
)
async def list_due_referrals(
    statement: StatementDep,
    principal: Staff,
    mine: Annotated[bool, Query(description="Only the referrals the caller sent")] = False,
) -> Response:
    due = await service.due_list(statement=statement, principal=principal, mine=mine)
    # The list as its statement wrote it (the JSON of a list[DueReferral], decision 74), sent as it is.
    return Response(due, media_type="application/json")


@router.get(
    "/unread-messages",
    response_model=list[UnreadMessages],
    summary="Referrals with messages the caller has not read (those they sent; a partner's, every one sent to it)",
)
async def list_unread_messages(session: SessionDep, principal: DataReader) -> list[UnreadMessages]:
    return await messages.unread(session=session, principal=principal)


@router.get(
    "/{referral_id}",
    response_model=ReferralRead,
    responses=problem_responses(404, 422),
    summary="One referral; its ETag is what a change of the draft must send back in If-Match",
)
async def get_referral(
    referral_id: uuid.UUID, session: SessionDep, principal: Party, response: Response
) -> ReferralRead:
    found = await service.read(session=session, principal=principal, referral_id=referral_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.patch(
    "/{referral_id:referral_id}",
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Change a draft before it is sent: service, categories or reason (If-Match: the ETag of the "
    "version edited)",
)
async def update_draft(
    referral_id: uuid.UUID,
    data: ReferralUpdate,
    session: SessionDep,
    principal: Sender,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> ReferralRead:
    changed = await service.update_draft(
        session=session, principal=principal, referral_id=referral_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.get(
    "/{referral_id}/client-data",
    response_model=ReferralClientData,
    responses=problem_responses(404, 409, 422, 503),
    summary="The client data the referral carries, once sent: only its categories, and only while the "
    "client's consent covers them (409 when withdrawn since)",
)
async def get_referral_client_data(
    referral_id: uuid.UUID, session: SessionDep, principal: DataReader, clients_api: ClientsApi
) -> ReferralClientData:
    return await service.client_data(
        session=session, principal=principal, referral_id=referral_id, clients_api=clients_api
    )


@router.post(
    "/{referral_id}/send",
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Send a draft: the client's consent to share its categories with the partner is checked first",
)
async def send_referral(
    referral_id: uuid.UUID,
    session: SessionDep,
    principal: Sender,
    clients_api: ClientsApi,
    idempotency: IdempotencyDep,
) -> ReferralRead:
    sent = await service.send(session=session, principal=principal, referral_id=referral_id, clients_api=clients_api)
    return await idempotency.remember(sent)


@router.post(
    "/{referral_id}/transitions",
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 422),
    summary="Move the referral on (receive, accept, reject, start, hold, complete, cancel); "
    "a move the lifecycle does not allow is a 409 listing the allowed ones",
)
async def transition_referral(
    referral_id: uuid.UUID,
    data: TransitionCreate,
    statement: StatementDep,
    session: SessionDep,
    principal: Party,
    idempotency: IdempotencyDep,
) -> ReferralRead:
    # A request with an Idempotency-Key writes its key in the request's transaction, and the move with it.
    moved = await service.transition(
        statement=statement if idempotency.key is None else None,
        session=session,
        principal=principal,
        referral_id=referral_id,
        data=data,
    )
    return await idempotency.remember(moved)


@router.put(
    "/{referral_id}/feedback",
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 422),
    summary="Record the client's feedback (1–5, optional text) on a completed referral",
)
async def give_referral_feedback(
    referral_id: uuid.UUID, data: FeedbackCreate, session: SessionDep, principal: Staff
) -> ReferralRead:
    return await service.give_feedback(session=session, principal=principal, referral_id=referral_id, data=data)


@router.post(
    "/{referral_id}/progress-reports",
    response_model=ReferralRead,
    responses=problem_responses(404, 409, 422),
    summary="The partner reports progress on an accepted referral (a note in the history)",
)
async def report_referral_progress(
    referral_id: uuid.UUID, data: ProgressReport, session: SessionDep, principal: Party, idempotency: IdempotencyDep
) -> ReferralRead:
    reported = await service.report_progress(session=session, principal=principal, referral_id=referral_id, data=data)
    return await idempotency.remember(reported)


async def _document_content(request: Request) -> bytes:
    """The uploaded file, read as it arrives and refused as soon as it passes the limit: a chunked upload declares
    no length, and an oversized one must never be held whole. Declared after the caller's principal (a stranger's
    body is not read) and before the Idempotency-Key check, which then fingerprints these same bytes."""
    too_large = documents.DocumentTooLarge(f"At most {documents.MAX_BYTES} bytes", max_bytes=documents.MAX_BYTES)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > documents.MAX_BYTES:
        raise too_large
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > documents.MAX_BYTES:
            raise too_large
    # Kept where Request.body() keeps what it read, so that a later reader gets the bytes, not a consumed stream.
    request._body = bytes(received)
    return request._body


DocumentContent = Annotated[bytes, Depends(_document_content)]


@router.post(
    "/{referral_id}/documents",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
    responses=problem_responses(404, 413, 415, 422),
    summary="Attach a short document (PDF, PNG, JPEG or UTF-8 text, at most 1 MiB); the body is the file",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in documents.SIGNATURES
            },
        }
    },
)
async def attach_referral_document(
    referral_id: uuid.UUID,
    session: SessionDep,
    principal: Party,
    content: DocumentContent,
    idempotency: IdempotencyDep,
    filename: Annotated[
        str,
        Query(
            min_length=1,
            max_length=documents.FILENAME_MAX,
            pattern=documents.FILENAME.pattern,
            examples=["lausunto.pdf"],
            description="The document's name as both parties see it: letters, digits, spaces and . _ - ( ), "
            f"at most {documents.FILENAME_MAX} characters",
        ),
    ],
    content_type: Annotated[
        str,
        Header(
            alias="Content-Type",
            max_length=200,
            description=f"The document's type, one of {', '.join(documents.SIGNATURES)} (text in UTF-8); the "
            "content must be what the type says, and any other type is a 415",
        ),
    ] = "application/octet-stream",
) -> DocumentRead:
    attached = await documents.attach(
        session=session,
        principal=principal,
        referral_id=referral_id,
        filename=filename,
        media_type=content_type.split(";")[0].strip().lower(),
        content=content,
    )
    return await idempotency.remember(attached, status_code=status.HTTP_201_CREATED)


@router.get(
    "/{referral_id}/documents",
    response_model=list[DocumentRead],
    responses=problem_responses(404, 422),
    summary="The documents attached to the referral",
)
async def list_referral_documents(referral_id: uuid.UUID, session: SessionDep, principal: Party) -> list[DocumentRead]:
    return await documents.list_for(session=session, principal=principal, referral_id=referral_id)


@router.get(
    "/{referral_id}/documents/{document_id}",
    response_class=Response,
    responses={
        200: {"description": "The document", "content": {media_type: {} for media_type in documents.SIGNATURES}},
        **problem_responses(404, 422, 503),
    },
    summary="Download a document (the receiving partner; of the sender's staff, the client's coach and team)",
)
async def get_referral_document(
    referral_id: uuid.UUID,
    document_id: uuid.UUID,
    session: SessionDep,
    principal: DocumentReader,
    clients_api: ClientsApi,
) -> Response:
    found = await documents.content(
        session=session, principal=principal, referral_id=referral_id, document_id=document_id, clients_api=clients_api
    )
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            "Content-Disposition": documents.content_disposition(found.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/{referral_id}/history",
    response_model=list[TransitionRead],
    responses=problem_responses(404, 422),
    summary="Every transition of the referral: who, when, from and to, why",
)
async def get_referral_history(referral_id: uuid.UUID, session: SessionDep, principal: Party) -> list[TransitionRead]:
    return await service.history(session=session, principal=principal, referral_id=referral_id)


@router.get(
    "/{referral_id}/messages",
    response_model=MessageThread,
    responses=problem_responses(404, 422),
    summary="The messages between the sender and the partner, oldest first; reading marks them read",
)
async def list_referral_messages(referral_id: uuid.UUID, session: SessionDep, principal: DataReader) -> MessageThread:
    return await messages.thread(session=session, principal=principal, referral_id=referral_id)


@router.post(
    "/{referral_id}/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageRead,
    responses=problem_responses(404, 422),
    summary="Write to the other party of the referral (Idempotency-Key makes a retry safe)",
)
async def post_referral_message(
    referral_id: uuid.UUID,
    data: MessageCreate,
    session: SessionDep,
    principal: DataReader,
    idempotency: IdempotencyDep,
) -> MessageRead:
    posted = await messages.post(session=session, principal=principal, referral_id=referral_id, data=data)
    return await idempotency.remember(posted, status_code=status.HTTP_201_CREATED)


@joint_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=JointReferralRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Draft a joint referral (yhteislähete) to several services with the weekly team's decision",
)
async def create_joint_referral(
    data: JointReferralCreate,
    session: SessionDep,
    principal: Sender,
    clients_api: ClientsApi,
    idempotency: IdempotencyDep,
) -> JointReferralRead:
    created = await joint.create(session=session, principal=principal, data=data, clients_api=clients_api)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@joint_router.get(
    "/{joint_id}",
    response_model=JointReferralRead,
    responses=problem_responses(404, 422),
    summary="One joint referral with its referrals",
)
async def get_joint_referral(joint_id: uuid.UUID, session: SessionDep, principal: Staff) -> JointReferralRead:
    return await joint.read(session=session, principal=principal, joint_id=joint_id)


@joint_router.post(
    "/{joint_id}/send",
    response_model=JointReferralRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Send every draft of the joint referral, or none when a consent is missing",
)
async def send_joint_referral(
    joint_id: uuid.UUID, session: SessionDep, principal: Sender, clients_api: ClientsApi, idempotency: IdempotencyDep
) -> JointReferralRead:
    sent = await joint.send(session=session, principal=principal, joint_id=joint_id, clients_api=clients_api)
    return await idempotency.remember(sent)
