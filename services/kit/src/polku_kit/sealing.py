"""Secrets and stored answers at rest: AES-256-GCM under keys derived (HKDF-SHA256) from ``POLKU_PII_KEY``.

A column that must be read back in the clear (a webhook signing secret signs every delivery; an idempotent
response is replayed) is typed :class:`SealedText` or :class:`SealedJSON`: the value is sealed when written and
opened when read, so a database dump or backup holds neither. Each use derives its own key (``purpose``), bound
to the ciphertext as associated data, so a value sealed for one column cannot be opened as another's.

Sealed text reads ``sealed:v1:<base64 of nonce and ciphertext>``. A value without that prefix was written before
the column was sealed and is read as it is (the migration that seals a column seals its existing rows).

The key comes from the settings of the process (``POLKU_PII_KEY``, read once), the same in the API, its
dispatcher and its migration.
"""

from __future__ import annotations

import base64
import functools
import json
import os
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "sealed:v1:"


class Sealer:
    def __init__(self, secret: str, purpose: bytes):
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"polku-sealed-v1", info=purpose).derive(secret.encode())
        self._cipher = AESGCM(key)
        self._purpose = purpose

    def seal(self, value: str) -> str:
        nonce = os.urandom(12)
        sealed = self._cipher.encrypt(nonce, value.encode(), self._purpose)
        return PREFIX + base64.b64encode(nonce + sealed).decode()

    def open(self, value: str) -> str:
        if not is_sealed(value):
            return value  # written before the column was sealed
        raw = base64.b64decode(value[len(PREFIX) :])
        return self._cipher.decrypt(raw[:12], raw[12:], self._purpose).decode()


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


@functools.cache
def _process_key() -> str:
    from polku_kit.settings import BaseServiceSettings

    return BaseServiceSettings().pii_key.get_secret_value()


@functools.cache
def sealer(purpose: bytes) -> Sealer:
    """The process's sealer for ``purpose`` (key from ``POLKU_PII_KEY``)."""
    return Sealer(_process_key(), purpose)


class SealedText(TypeDecorator[str]):
    """Text sealed at rest, in the clear in Python."""

    impl = Text
    cache_ok = True

    def __init__(self, purpose: bytes):
        super().__init__()
        self.purpose = purpose

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else sealer(self.purpose).seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else sealer(self.purpose).open(value)


class SealedJSON(TypeDecorator[Any]):
    """A JSON value stored as one sealed JSON string; values written before sealing are read as they are."""

    impl = JSONB
    cache_ok = True

    def __init__(self, purpose: bytes):
        super().__init__()
        self.purpose = purpose

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else sealer(self.purpose).seal(json.dumps(value, separators=(",", ":")))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if is_sealed(value):
            return json.loads(sealer(self.purpose).open(value))
        return value
