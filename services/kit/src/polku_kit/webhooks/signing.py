"""Standard Webhooks signatures (https://www.standardwebhooks.com), made with the reference library.

``webhook-id`` is the event id, the same on every retry and replay, so receivers deduplicate by it;
``webhook-timestamp`` is the time of this attempt (receivers refuse anything older than five minutes);
``webhook-signature`` holds one ``v1,<base64 HMAC-SHA256>`` per secret, space separated: during a secret
rotation the old and the new secret both sign, and a receiver holding either can verify.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh signing secret, ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def sign(signing_secrets: str | Sequence[str], msg_id: str, body: str, at: datetime | None = None) -> dict[str, str]:
    """The headers of one delivery of ``body`` (the exact JSON text that is sent)."""
    if isinstance(signing_secrets, str):
        signing_secrets = [signing_secrets]
    if not signing_secrets:
        raise ValueError("at least one secret is needed to sign")
    at = (at or datetime.now(UTC)).astimezone(UTC)
    signatures = " ".join(Webhook(secret).sign(msg_id, at, body) for secret in signing_secrets)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/json",
    }
