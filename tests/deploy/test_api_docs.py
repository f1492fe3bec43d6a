"""The developer guide at /api/docs/start.html: its verification example accepts what Polku signs and refuses the
rest, and the demo machine clients it lists are the issuer's."""

from __future__ import annotations

import html
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from polku_identity.demo import MACHINE_CLIENTS
from polku_kit.webhooks.signing import new_secret, sign

START = Path(__file__).resolve().parents[2] / "deploy" / "caddy" / "api-docs" / "start.html"

Verify = Callable[[str, dict[str, str], bytes], bool]


def code_blocks() -> list[str]:
    return [html.unescape(block) for block in re.findall(r"<pre><code>(.*?)</code></pre>", START.read_text(), re.S)]


@pytest.fixture(scope="module")
def verify() -> Verify:
    (source,) = [block for block in code_blocks() if block.startswith("import base64, hashlib, hmac, time")]
    namespace: dict[str, object] = {}
    exec(compile(source, str(START), "exec"), namespace)  # noqa: S102 - the guide's own example, run as written
    return namespace["verify"]  # type: ignore[return-value]


BODY = '{"specversion":"1.0","id":"e1","type":"fi.polku.referral.sent.v1","data":{}}'


class TestVerificationExample:
    def test_a_delivery_signed_by_polku_verifies(self, verify: Verify) -> None:
        secret = new_secret()
        headers = sign(secret, str(uuid.uuid4()), BODY)
        assert verify(secret, headers, BODY.encode()) is True

    def test_either_secret_verifies_during_a_rotation(self, verify: Verify) -> None:
        old, new = new_secret(), new_secret()
        headers = sign([old, new], str(uuid.uuid4()), BODY)
        assert verify(old, headers, BODY.encode()) and verify(new, headers, BODY.encode())

    def test_a_changed_body_a_wrong_secret_and_a_stale_timestamp_are_refused(self, verify: Verify) -> None:
        secret = new_secret()
        headers = sign(secret, "e1", BODY)
        assert verify(secret, headers, BODY.replace("e1", "e2").encode()) is False
        assert verify(new_secret(), headers, BODY.encode()) is False
        stale = sign(secret, "e1", BODY, at=datetime.now(UTC) - timedelta(minutes=6))
        assert verify(secret, stale, BODY.encode()) is False
        assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60


class TestMachineClients:
    def test_the_listed_partner_clients_are_the_issuer_s_with_their_demo_secrets(self) -> None:
        text = START.read_text()
        listed = set(re.findall(r"<tr><td><code>([a-z-]+)</code></td><td><code>([a-z-]+)</code></td>", text))
        assert listed, "no machine client table"
        for client_id, secret in listed:
            assert MACHINE_CLIENTS[client_id].check_secret(secret), client_id
        partners = {client_id for client_id, client in MACHINE_CLIENTS.items() if "partner" in client.roles}
        assert partners <= {client_id for client_id, _ in listed}
