"""The command line: the production refusal and the ``token`` command."""

import subprocess
import sys
from pathlib import Path

import pytest
from jose import jwt as jose_jwt

from polku_identity.cli import main
from polku_identity.keys import SigningKey
from polku_identity.main import create_app
from polku_identity.settings import ProductionRefused, Settings

ISSUER = "http://localhost:8080/auth"


def verify(token: str, var_dir: Path) -> dict:
    keys = SigningKey.load_or_create(var_dir / "identity" / "signing-key.pem").jwks()
    return jose_jwt.decode(token, keys, algorithms=["RS256"], audience="polku-api", issuer=ISSUER)


class TestProductionRefusal:
    def test_settings_refuse_production(self, tmp_path: Path) -> None:
        with pytest.raises(ProductionRefused, match="POLKU_ENV=production"):
            Settings(env="production", var_dir=tmp_path)

    def test_the_app_factory_refuses_production_from_the_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("POLKU_ENV", "Production")
        monkeypatch.setenv("POLKU_VAR_DIR", str(tmp_path))
        with pytest.raises(ProductionRefused):
            create_app()
        assert not (tmp_path / "identity").exists()  # refused before making a key

    def test_the_command_exits_non_zero_with_the_reason(self, tmp_path: Path) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "polku_identity", "serve"],
            env={"POLKU_ENV": "production", "POLKU_VAR_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 2
        assert "refuses to run with POLKU_ENV=production" in result.stderr
        assert result.stdout == ""


class TestTokenCommand:
    def test_prints_a_person_token_the_services_accept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("POLKU_VAR_DIR", str(tmp_path))
        main(["token", "coach"])
        claims = verify(capsys.readouterr().out.strip(), tmp_path)
        assert claims["preferred_username"] == "coach" and claims["roles"] == ["coach"]
        assert claims["name"] == "Aino Virtanen"

    def test_prints_a_machine_token(
        self, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("POLKU_VAR_DIR", str(settings.var_dir))
        main(["token", "partner-kela"])
        claims = verify(capsys.readouterr().out.strip(), settings.var_dir)
        assert claims["client_id"] == "partner-kela" and claims["roles"] == ["partner"]

    def test_signs_with_the_key_the_server_uses(
        self, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        app = create_app(settings)
        monkeypatch.setenv("POLKU_VAR_DIR", str(settings.var_dir))
        main(["token", "manager"])
        token = capsys.readouterr().out.strip()
        assert app.state.authorization_server.tokens.verify(token)["name"] == "Pekka Nieminen"

    def test_an_unknown_name_is_an_error(
        self, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("POLKU_VAR_DIR", str(settings.var_dir))
        with pytest.raises(SystemExit) as exit_info:
            main(["token", "nobody"])
        assert exit_info.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "coach" in captured.err

    def test_the_command_prints_a_token_in_a_process_of_its_own(self, settings: Settings) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "polku_identity", "token", "admin"],
            env={"POLKU_VAR_DIR": str(settings.var_dir)},
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert verify(result.stdout.strip(), settings.var_dir)["roles"] == ["admin"]
