"""The issuer's signing key: RSA 2048, made on first start and kept in a file (mode 0600), so tokens
survive restarts and the ``token`` command signs with the same key as the server."""

import os
from pathlib import Path
from typing import Any

from joserfc.jwk import RSAKey


class SigningKey:
    algorithm = "RS256"

    def __init__(self, key: RSAKey):
        self.key = key
        self.kid = key.thumbprint()

    @classmethod
    def load_or_create(cls, path: Path) -> "SigningKey":
        if path.exists():
            return cls(RSAKey.import_key(path.read_bytes()))
        key = RSAKey.generate_key(2048, private=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key.as_pem(private=True))
        return cls(key)

    def public_jwk(self) -> dict[str, Any]:
        return {**self.key.as_dict(private=False), "kid": self.kid, "use": "sig", "alg": self.algorithm}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk()]}
