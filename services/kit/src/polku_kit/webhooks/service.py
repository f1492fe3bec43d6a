"""Rules of the webhook API: who may manage which subscription, what a target may be, and replay."""

from __future__ import annotations

import base64
import secrets
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.auth import Principal
from polku_kit.errors import FieldError, Forbidden, NotFound, Unprocessable
from polku_kit.pagination import Page, decode_cursor, encode_cursor
from polku_kit.settings import BaseServiceSettings, Environment
from polku_kit.webhooks import repository
from polku_kit.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from polku_kit.webhooks.schemas import (
    DeliveryDetail,
    DeliveryRead,
    ReplayResult,
    SubscriptionCreate,
    SubscriptionRead,
    SubscriptionUpdate,
    SubscriptionWithSecret,
)
from polku_kit.webhooks.targets import TargetRefused, check_target


class SubscriptionNotFound(NotFound):
    slug = "webhook-subscription-not-found"
    title = "Webhook subscription not found"


class DeliveryNotFound(NotFound):
    slug = "webhook-delivery-not-found"
    title = "Webhook delivery not found"


class TargetNotAllowed(Unprocessable):
    slug = "webhook-target-not-allowed"
    title = "Webhook target not allowed"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _organisation(principal: Principal) -> uuid.UUID:
    if principal.organisation_id is None:
        raise Forbidden("The token names no organisation")
    return principal.organisation_id


async def _check_url(url: str, settings: BaseServiceSettings) -> None:
    try:
        await check_target(
            url,
            allow_private=settings.webhooks_allow_private_targets,
            require_https=settings.env is Environment.production,
        )
    except TargetRefused as refused:
        raise TargetNotAllowed(
            f"The URL cannot be used: {refused}",
            errors=[FieldError(field="body.url", message=str(refused), code="target_not_allowed").model_dump()],
        ) from None


async def create_subscription(
    *, session: AsyncSession, principal: Principal, settings: BaseServiceSettings, data: SubscriptionCreate
) -> SubscriptionWithSecret:
    await _check_url(str(data.url), settings)
    subscription = WebhookSubscription(
        organisation_id=_organisation(principal),
        url=str(data.url),
        event_types=data.normalised_types(),
        description=data.description,
        secret=new_secret(),
        active=True,
        created_by=principal.subject,
    )
    session.add(subscription)
    await session.flush()
    await session.refresh(subscription)
    return SubscriptionWithSecret.model_validate(subscription)


async def list_subscriptions(
    *, session: AsyncSession, principal: Principal, limit: int, cursor: str | None
) -> Page[SubscriptionRead]:
    rows = await repository.list_subscriptions(
        session, organisation_id=_organisation(principal), limit=limit,
        after=decode_cursor(cursor) if cursor else None,
    )
    items, more = rows[:limit], len(rows) > limit
    return Page(
        items=[SubscriptionRead.model_validate(row) for row in items],
        next_cursor=encode_cursor(items[-1].created_at, items[-1].id) if more else None,
    )


async def get_subscription(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> WebhookSubscription:
    found = await repository.get_subscription(
        session, organisation_id=_organisation(principal), subscription_id=subscription_id
    )
    if found is None:
        raise SubscriptionNotFound(f"No webhook subscription {subscription_id}")
    return found


async def update_subscription(
    *, session: AsyncSession, principal: Principal, settings: BaseServiceSettings,
    subscription_id: uuid.UUID, data: SubscriptionUpdate,
) -> SubscriptionRead:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("url") is not None:
        await _check_url(str(changes["url"]), settings)
        subscription.url = str(changes["url"])
    if changes.get("event_types") is not None:
        subscription.event_types = sorted(set(changes["event_types"]))
    if "description" in changes:
        subscription.description = changes["description"]
    if changes.get("active") is not None:
        subscription.active = changes["active"]
    await session.flush()
    await session.refresh(subscription)
    return SubscriptionRead.model_validate(subscription)


async def delete_subscription(*, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID) -> None:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    await session.delete(subscription)
    await session.flush()


async def rotate_secret(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> SubscriptionWithSecret:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    subscription.secret = new_secret()
    await session.flush()
    await session.refresh(subscription)
    return SubscriptionWithSecret.model_validate(subscription)


async def list_deliveries(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID,
    status: DeliveryStatus | None, limit: int, cursor: str | None,
) -> Page[DeliveryRead]:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    rows = await repository.list_deliveries(
        session, subscription_id=subscription.id, status=status, limit=limit,
        after=decode_cursor(cursor) if cursor else None,
    )
    items, more = rows[:limit], len(rows) > limit
    return Page(
        items=[DeliveryRead.model_validate(row) for row in items],
        next_cursor=encode_cursor(items[-1].created_at, items[-1].id) if more else None,
    )


async def _delivery(session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> WebhookDelivery:
    found = await repository.get_delivery(session, organisation_id=_organisation(principal), delivery_id=delivery_id)
    if found is None:
        raise DeliveryNotFound(f"No webhook delivery {delivery_id}")
    return found


async def get_delivery(*, session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> DeliveryDetail:
    delivery = await _delivery(session, principal, delivery_id)
    attempts = await repository.list_attempts(session, delivery_id=delivery.id)
    return DeliveryDetail.model_validate({**DeliveryRead.model_validate(delivery).model_dump(), "attempts": attempts})


async def replay_delivery(*, session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> DeliveryRead:
    delivery = await _delivery(session, principal, delivery_id)
    await repository.requeue_delivery(session, delivery=delivery)
    return DeliveryRead.model_validate(delivery)


async def replay_since(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, since: object
) -> ReplayResult:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    queued = await repository.requeue_events_since(session, subscription=subscription, since=since)  # type: ignore[arg-type]
    return ReplayResult(queued=queued)
