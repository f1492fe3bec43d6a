"""The issuer's signing key: RSA 2048, made on first use and kept in a PEM file (mode 0600), so tokens
survive restarts and the ``token`` command signs with the same key as the server. The key id is the key's
RFC 7638 thumbprint."""

import os
import tempfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc.jwk import RSAKey

ALGORITHM = "RS256"


class SigningKey:
    def __init__(self, key: RSAKey):
        if not key.is_private:
            raise ValueError("the signing key file holds no private key")
        self.key = key
        self.kid: str = key.thumbprint()

    @classmethod
    def load_or_create(cls, path: Path) -> "SigningKey":
        if not path.exists():
            _create(path)
        return cls(RSAKey.import_key(path.read_bytes()))

    def public_jwk(self) -> dict[str, Any]:
        return {**self.key.as_dict(private=False), "kid": self.kid, "use": "sig", "alg": ALGORITHM}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk()]}


def _create(path: Path) -> None:
    """Write a new key atomically: a server and a ``token`` command starting together end up with one key."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
        os.link(temporary, path)  # fails if another process got there first; theirs is kept
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        _write_exclusive(path, pem)
    finally:
        os.unlink(temporary)


def _write_exclusive(path: Path, pem: bytes) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
