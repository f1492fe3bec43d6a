"""``/v1/webhook-subscriptions`` and ``/v1/webhook-deliveries``: an organisation's administrators and its
partner systems choose where its events go, see what failed (the dead-letter list) and send events again.
Each service mounts :data:`subscription_router` under its ``/v1`` router."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status

from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.settings import BaseServiceSettings
from polku_kit.webhooks import service
from polku_kit.webhooks.models import DeliveryStatus
from polku_kit.webhooks.schemas import (
    DeliveryDetail,
    DeliveryRead,
    ReplayRequest,
    ReplayResult,
    SecretRotation,
    SubscriptionCreate,
    SubscriptionRead,
    SubscriptionUpdate,
    SubscriptionWithSecret,
)


async def _settings(request: Request) -> BaseServiceSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[BaseServiceSettings, Depends(_settings)]
WebhookManager = Annotated[Principal, Depends(require_roles(Role.admin, Role.partner))]
StatusFilter = Annotated[
    DeliveryStatus | None,
    Query(
        alias="status",
        description="`dead` lists the dead letters; `paused`, the deliveries waiting for the subscription to be "
        "switched on",
    ),
]

subscription_router = APIRouter(tags=["webhooks"], responses=problem_responses(401, 403, 404, 422))


@subscription_router.post(
    "/webhook-subscriptions",
    status_code=status.HTTP_201_CREATED,
    response_model=SubscriptionWithSecret,
    summary="Subscribe a URL to event types; the signing secret is returned only now",
)
async def create_webhook_subscription(
    data: SubscriptionCreate, session: SessionDep, principal: WebhookManager, settings: SettingsDep
) -> SubscriptionWithSecret:
    return await service.create_subscription(session=session, principal=principal, settings=settings, data=data)


@subscription_router.get(
    "/webhook-subscriptions",
    response_model=Page[SubscriptionRead],
    summary="The organisation's subscriptions",
    responses=problem_responses(400),
)
async def list_webhook_subscriptions(
    session: SessionDep, principal: WebhookManager, limit: Limit = 50, cursor: Cursor = None
) -> Page[SubscriptionRead]:
    return await service.list_subscriptions(session=session, principal=principal, limit=limit, cursor=cursor)


@subscription_router.get(
    "/webhook-subscriptions/{subscription_id}",
    response_model=SubscriptionRead,
    summary="One subscription; its ETag is what a change must send back in If-Match",
)
async def get_webhook_subscription(
    subscription_id: uuid.UUID, session: SessionDep, principal: WebhookManager, response: Response
) -> SubscriptionRead:
    found = await service.get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    response.headers["ETag"] = versioning.etag(found)
    return SubscriptionRead.model_validate(found)


@subscription_router.patch(
    "/webhook-subscriptions/{subscription_id}",
    response_model=SubscriptionRead,
    summary="Change the URL, the event types, the description, or pause (`active: false`: its pending deliveries "
    "are paused until it is switched on); If-Match: the ETag of the version edited",
    responses=problem_responses(412, 428),
)
async def update_webhook_subscription(
    subscription_id: uuid.UUID,
    data: SubscriptionUpdate,
    session: SessionDep,
    principal: WebhookManager,
    settings: SettingsDep,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> SubscriptionRead:
    changed = await service.update_subscription(
        session=session,
        principal=principal,
        settings=settings,
        subscription_id=subscription_id,
        data=data,
        if_match=if_match,
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@subscription_router.delete(
    "/webhook-subscriptions/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Remove a subscription with its deliveries",
)
async def delete_webhook_subscription(
    subscription_id: uuid.UUID, session: SessionDep, principal: WebhookManager
) -> Response:
    await service.delete_subscription(session=session, principal=principal, subscription_id=subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@subscription_router.post(
    "/webhook-subscriptions/{subscription_id}/rotate-secret",
    response_model=SubscriptionWithSecret,
    summary="Issue a new signing secret (returned only now); the old one keeps signing for a while",
)
async def rotate_webhook_secret(
    subscription_id: uuid.UUID,
    session: SessionDep,
    principal: WebhookManager,
    data: Annotated[SecretRotation | None, Body()] = None,
) -> SubscriptionWithSecret:
    return await service.rotate_secret(
        session=session, principal=principal, subscription_id=subscription_id, data=data or SecretRotation()
    )


@subscription_router.get(
    "/webhook-subscriptions/{subscription_id}/deliveries",
    response_model=Page[DeliveryRead],
    summary="A subscription's deliveries, oldest first; `?status=dead` is the dead-letter list, `?status=paused` what "
    "waits for the subscription to be switched on",
    responses=problem_responses(400),
)
async def list_webhook_deliveries(
    subscription_id: uuid.UUID,
    session: SessionDep,
    principal: WebhookManager,
    status_filter: StatusFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DeliveryRead]:
    return await service.list_deliveries(
        session=session,
        principal=principal,
        subscription_id=subscription_id,
        status=status_filter,
        limit=limit,
        cursor=cursor,
    )


@subscription_router.post(
    "/webhook-subscriptions/{subscription_id}/replay",
    response_model=ReplayResult,
    summary="Send again every matching event since a time (also events from before the subscription)",
)
async def replay_webhook_events(
    subscription_id: uuid.UUID, data: ReplayRequest, session: SessionDep, principal: WebhookManager
) -> ReplayResult:
    return await service.replay_since(
        session=session, principal=principal, subscription_id=subscription_id, since=data.since
    )


@subscription_router.get(
    "/webhook-deliveries/{delivery_id}", response_model=DeliveryDetail, summary="A delivery with its attempts"
)
async def get_webhook_delivery(
    delivery_id: uuid.UUID, session: SessionDep, principal: WebhookManager
) -> DeliveryDetail:
    return await service.get_delivery(session=session, principal=principal, delivery_id=delivery_id)


@subscription_router.post(
    "/webhook-deliveries/{delivery_id}/replay",
    response_model=DeliveryRead,
    summary="Send a dead or delivered delivery again, its attempts counted from zero (paused while the "
    "subscription is inactive); 409 if it is pending or paused",
    responses=problem_responses(409),
)
async def replay_webhook_delivery(
    delivery_id: uuid.UUID, session: SessionDep, principal: WebhookManager
) -> DeliveryRead:
    return await service.replay_delivery(session=session, principal=principal, delivery_id=delivery_id)
