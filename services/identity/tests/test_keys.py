"""The signing key lives in a file, so tokens survive restarts."""

import stat
from pathlib import Path
from typing import Any

import httpx
from joserfc.jwk import RSAKey

from polku_identity.keys import SigningKey
from polku_identity.main import create_app
from polku_identity.settings import Settings


class TestSigningKey:
    def test_is_created_on_first_start_readable_by_the_owner_only(self, fresh_settings: Settings) -> None:
        key_file = fresh_settings.key_file
        assert not key_file.exists()
        create_app(fresh_settings)
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert key_file.read_text().startswith("-----BEGIN PRIVATE KEY-----")
        assert [path.name for path in key_file.parent.iterdir()] == ["signing-key.pem"]

    def test_is_rsa_2048(self, fresh_settings: Settings) -> None:
        key = SigningKey.load_or_create(fresh_settings.key_file)
        assert key.key.as_dict(private=False)["kty"] == "RSA"
        assert key.key.private_key.key_size == 2048

    async def test_a_token_from_before_a_restart_verifies_after_it(self, flow: Any, settings: Settings) -> None:
        before = (await flow.tokens())["access_token"]
        restarted = create_app(settings)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=restarted), base_url="http://test") as http:
            response = await http.get("/auth/userinfo", headers={"Authorization": f"Bearer {before}"})
        assert response.status_code == 200

    def test_a_key_made_meanwhile_by_another_process_wins(
        self, fresh_settings: Settings, signing_key_pem: bytes, monkeypatch: Any
    ) -> None:
        """The server and a ``token`` command starting together must not end up with two keys."""
        import polku_identity.keys as keys

        real_link = keys.os.link

        def link_after_the_other_process(source: str, target: Path) -> None:
            Path(target).write_bytes(signing_key_pem)  # the other process wins the race
            real_link(source, target)

        monkeypatch.setattr(keys.os, "link", link_after_the_other_process)
        key = SigningKey.load_or_create(fresh_settings.key_file)
        assert fresh_settings.key_file.read_bytes() == signing_key_pem
        assert key.kid == RSAKey.import_key(signing_key_pem).thumbprint()
        assert [path.name for path in fresh_settings.key_file.parent.iterdir()] == ["signing-key.pem"]
