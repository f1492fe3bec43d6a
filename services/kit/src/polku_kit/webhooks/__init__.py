"""Signed webhooks: subscriptions and their admin API, the dispatcher, signing and target checks.

Services mount :data:`subscription_router` (and, to offer thin payloads, :func:`event_router`) under ``/v1``
and run :func:`run_dispatcher` as ``<service> dispatch``; they write events with :func:`polku_kit.outbox.emit`
and receive them with :func:`polku_kit.inbox.receive`.
"""

from polku_kit.webhooks.dispatcher import RETRY_SCHEDULE, Dispatcher, retry_delay, run_dispatcher
from polku_kit.webhooks.events import event_router
from polku_kit.webhooks.router import subscription_router
from polku_kit.webhooks.signing import new_secret, sign

__all__ = [
    "RETRY_SCHEDULE",
    "Dispatcher",
    "event_router",
    "new_secret",
    "retry_delay",
    "run_dispatcher",
    "sign",
    "subscription_router",
]
