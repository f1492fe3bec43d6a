"""Rules of the webhook API: who may manage which subscription, what a target may be, secrets, and replay.

An organisation's ``admin`` and its ``partner`` systems manage that organisation's subscriptions only (the
router lets no other role in); everything is looked up within the caller's organisation, so another
organisation's subscription is the same 404 as a missing one. Changes are written to the audit trail: where
events (and the personal data in them) go is worth knowing afterwards.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.pagination import Page, start_after
from polku_kit.settings import BaseServiceSettings, Environment
from polku_kit.webhooks import repository
from polku_kit.webhooks.models import DeliveryStatus, Payload, WebhookDelivery, WebhookSubscription
from polku_kit.webhooks.schemas import (
    AttemptRead,
    DeliveryDetail,
    DeliveryRead,
    ReplayResult,
    SecretRotation,
    SubscriptionCreate,
    SubscriptionRead,
    SubscriptionUpdate,
    SubscriptionWithSecret,
)
from polku_kit.webhooks.signing import new_secret
from polku_kit.webhooks.targets import TargetRefused, check_target

AUDIT_RESOURCE = "webhook_subscription"
AUDIT_PURPOSE = "webhook administration"


class SubscriptionNotFound(NotFound):
    slug = "webhook-subscription-not-found"
    title = "Webhook subscription not found"


class DeliveryNotFound(NotFound):
    slug = "webhook-delivery-not-found"
    title = "Webhook delivery not found"


class DeliveryPending(Conflict):
    """Also a paused delivery: it is sent when its subscription is switched on."""

    slug = "webhook-delivery-pending"
    title = "The delivery is still pending"


class ThinPayloadNotOffered(Unprocessable):
    slug = "webhook-thin-payload-not-offered"
    title = "Thin payloads are not offered here"


class TargetNotAllowed(Unprocessable):
    slug = "webhook-target-not-allowed"
    title = "Webhook target not allowed"


async def _check_url(url: str, settings: BaseServiceSettings) -> None:
    try:
        await check_target(
            url,
            allow_private=settings.webhooks_allow_private_targets,
            require_https=settings.env is Environment.production,
        )
    except TargetRefused as refused:
        raise TargetNotAllowed(
            f"The URL cannot receive webhooks: {refused}",
            errors=[FieldError(field="body.url", message=str(refused), code="target_not_allowed").model_dump()],
        ) from None


def _check_payload(payload: Payload | None, settings: BaseServiceSettings) -> None:
    if payload is Payload.thin and not settings.serves_webhook_events:
        raise ThinPayloadNotOffered(
            "This service offers no fetch of its events, so its deliveries cannot be thin",
            errors=[
                FieldError(
                    field="body.payload", message="thin payloads are not offered here", code="not_offered"
                ).model_dump()
            ],
        )


def _with_secret(subscription: WebhookSubscription) -> SubscriptionWithSecret:
    return SubscriptionWithSecret.model_validate(
        {**SubscriptionRead.model_validate(subscription).model_dump(), "secret": subscription.secret}
    )


async def _audit(
    session: AsyncSession, principal: Principal, action: AuditAction, subscription_id: uuid.UUID, **details: object
) -> None:
    await record(
        session,
        actor=principal,
        action=action,
        resource_type=AUDIT_RESOURCE,
        resource_id=subscription_id,
        purpose=AUDIT_PURPOSE,
        details=details or None,
    )


async def create_subscription(
    *, session: AsyncSession, principal: Principal, settings: BaseServiceSettings, data: SubscriptionCreate
) -> SubscriptionWithSecret:
    organisation_id = principal.organisation()
    await _check_url(str(data.url), settings)
    _check_payload(data.payload, settings)
    subscription = await repository.add_subscription(
        session,
        WebhookSubscription(
            organisation_id=organisation_id,
            url=str(data.url),
            event_types=data.normalised_types(),
            description=data.description,
            secret=new_secret(),
            active=True,
            created_by=principal.subject,
            payload=data.payload,
        ),
    )
    await _audit(
        session,
        principal,
        AuditAction.create,
        subscription.id,
        url=subscription.url,
        event_types=subscription.event_types,
        payload=subscription.payload.value,
    )
    return _with_secret(subscription)


async def list_subscriptions(
    *, session: AsyncSession, principal: Principal, limit: int, cursor: str | None
) -> Page[SubscriptionRead]:
    rows = await repository.list_subscriptions(
        session, organisation_id=principal.organisation(), limit=limit, after=start_after(cursor)
    )
    return repository.SUBSCRIPTION_PAGES.page(rows, limit=limit, item=SubscriptionRead.model_validate)


async def get_subscription(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> WebhookSubscription:
    found = await repository.get_subscription(
        session, organisation_id=principal.organisation(), subscription_id=subscription_id
    )
    if found is None:
        raise SubscriptionNotFound(f"No webhook subscription {subscription_id}")
    return found


async def update_subscription(
    *,
    session: AsyncSession,
    principal: Principal,
    settings: BaseServiceSettings,
    subscription_id: uuid.UUID,
    data: SubscriptionUpdate,
    if_match: str | None,
) -> SubscriptionRead:
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    await session.refresh(subscription, with_for_update=True)
    versioning.check(subscription, if_match, current=f"/v1/webhook-subscriptions/{subscription.id}")
    was_active = subscription.active
    changes = data.model_dump(exclude_unset=True, mode="json")
    if changes.get("url") is not None:
        await _check_url(changes["url"], settings)
        subscription.url = changes["url"]
    if changes.get("event_types") is not None:
        subscription.event_types = sorted(set(changes["event_types"]))
    if "description" in changes:
        subscription.description = changes["description"]
    if changes.get("active") is not None:
        subscription.active = changes["active"]
    if changes.get("payload") is not None:
        _check_payload(data.payload, settings)
        subscription.payload = Payload(changes["payload"])
    versioning.bump(subscription)
    await repository.save_subscription(session, subscription)
    # Switched off, its deliveries wait paused, out of the dispatchers' way; switched on, they are due at once.
    if was_active and not subscription.active:
        await repository.pause_deliveries(session, subscription_id=subscription.id)
    elif subscription.active and not was_active:
        await repository.resume_deliveries(session, subscription_id=subscription.id)
    await _audit(session, principal, AuditAction.update, subscription.id, changes=changes)
    return SubscriptionRead.model_validate(subscription)


async def delete_subscription(*, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID) -> None:
    """Deletes the subscription with its deliveries and their attempts."""
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    await repository.delete_subscription(session, subscription)
    await _audit(session, principal, AuditAction.delete, subscription_id, url=subscription.url)


async def rotate_secret(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, data: SecretRotation
) -> SubscriptionWithSecret:
    """A new secret signs from now on; the old one signs too for ``previous_secret_valid_seconds``."""
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    if data.previous_secret_valid_seconds > 0:
        subscription.previous_secret = subscription.secret
        subscription.previous_secret_expires_at = datetime.now(UTC) + timedelta(
            seconds=data.previous_secret_valid_seconds
        )
    else:
        subscription.previous_secret = None
        subscription.previous_secret_expires_at = None
    subscription.secret = new_secret()
    await repository.save_subscription(session, subscription)
    await _audit(
        session,
        principal,
        AuditAction.update,
        subscription.id,
        change="secret rotated",
        previous_secret_valid_seconds=data.previous_secret_valid_seconds,
    )
    return _with_secret(subscription)


async def list_deliveries(
    *,
    session: AsyncSession,
    principal: Principal,
    subscription_id: uuid.UUID,
    status: DeliveryStatus | None,
    limit: int,
    cursor: str | None,
) -> Page[DeliveryRead]:
    """A subscription's deliveries, oldest first; ``status=dead`` is its dead-letter list."""
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    rows = await repository.list_deliveries(
        session,
        subscription_id=subscription.id,
        status=status,
        limit=limit,
        after=start_after(cursor),
    )
    return repository.DELIVERY_PAGES.page(
        rows, limit=limit, item=lambda row: _delivery_read(*row), entity=lambda row: row[0]
    )


def _delivery_read(delivery: WebhookDelivery, event_type: str) -> DeliveryRead:
    fields = {name: getattr(delivery, name) for name in DeliveryRead.model_fields if name != "event_type"}
    return DeliveryRead.model_validate({**fields, "event_type": event_type})


async def get_delivery(*, session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> DeliveryDetail:
    found = await repository.get_delivery(session, organisation_id=principal.organisation(), delivery_id=delivery_id)
    if found is None:
        raise DeliveryNotFound(f"No webhook delivery {delivery_id}")
    delivery, event_type = found
    attempts = await repository.list_attempts(session, delivery_id=delivery.id)
    return DeliveryDetail(
        **_delivery_read(delivery, event_type).model_dump(),
        attempts=[AttemptRead.model_validate(attempt) for attempt in attempts],
    )


async def replay_delivery(*, session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> DeliveryRead:
    """A dead (or delivered) delivery is sent again, its attempts counted from zero (paused, while the subscription
    is inactive, until it is switched on)."""
    found = await repository.get_delivery(session, organisation_id=principal.organisation(), delivery_id=delivery_id)
    if found is None:
        raise DeliveryNotFound(f"No webhook delivery {delivery_id}")
    delivery, event_type = found
    if not await repository.requeue_delivery(
        session, delivery_id=delivery.id, subscription_id=delivery.subscription_id
    ):
        if delivery.status is DeliveryStatus.paused:
            raise DeliveryPending("The delivery is paused; it will be attempted when the subscription is switched on")
        raise DeliveryPending("The delivery is pending already; it will be attempted when due")
    await _audit(session, principal, AuditAction.update, delivery.subscription_id, replayed_delivery=str(delivery_id))
    await session.refresh(delivery)
    return _delivery_read(delivery, event_type)


async def replay_since(
    *, session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, since: datetime
) -> ReplayResult:
    """Every event since ``since`` that the subscription wants, sent again (events from before the
    subscription existed too: this is how a new subscriber catches up)."""
    subscription = await get_subscription(session=session, principal=principal, subscription_id=subscription_id)
    queued = await repository.requeue_events_since(session, subscription_id=subscription.id, since=since)
    await _audit(
        session, principal, AuditAction.update, subscription.id, replayed_since=since.isoformat(), queued=queued
    )
    return ReplayResult(queued=queued)
