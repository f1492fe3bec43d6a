"""Personal identifiers at rest: encrypted for reading back, and found through a keyed hash.

Two keys are derived (HKDF-SHA256) from ``POLKU_PII_KEY``: one for AES-256-GCM encryption and one for an
HMAC-SHA256 lookup hash. The hash lets a service find "this person" without storing the identifier in a
form that a stolen database dump could reverse by trying every birth date. Ciphertexts carry a version
byte so the key can be rotated later.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = b"\x01"


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"polku-pii-v1", info=purpose).derive(secret)


class PersonalDataVault:
    def __init__(self, secret: str):
        raw = secret.encode()
        self._cipher = AESGCM(_derive(raw, b"encryption"))
        self._hash_key = _derive(raw, b"lookup-hash")

    def encrypt(self, value: str, *, context: bytes = b"") -> bytes:
        """Nonce and ciphertext; ``context`` (for example the column name) is bound as associated data."""
        nonce = os.urandom(12)
        return _VERSION + nonce + self._cipher.encrypt(nonce, value.encode(), context)

    def decrypt(self, blob: bytes, *, context: bytes = b"") -> str:
        if blob[:1] != _VERSION:
            raise ValueError("unknown ciphertext version")
        return self._cipher.decrypt(blob[1:13], blob[13:], context).decode()

    def lookup_hash(self, value: str) -> str:
        return hmac.new(self._hash_key, value.encode(), hashlib.sha256).hexdigest()
