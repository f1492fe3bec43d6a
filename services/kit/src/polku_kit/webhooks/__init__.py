"""Signed webhooks: subscriptions, the dispatcher and the admin API (see :mod:`.dispatcher`)."""

from polku_kit.webhooks.dispatcher import Dispatcher, run_dispatcher, sign
from polku_kit.webhooks.router import subscription_router

__all__ = ["Dispatcher", "run_dispatcher", "sign", "subscription_router"]
