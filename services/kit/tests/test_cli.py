"""The shared command line: a service's own jobs run with the service's settings; demo data never in production."""

from __future__ import annotations

from pathlib import Path

import pytest

from polku_kit.cli import service_cli
from polku_kit.settings import BaseServiceSettings, Environment
from polku_kit.testing import PRODUCTION_SETTINGS


def cli(env: Environment, ran: list[str]):  # type: ignore[no-untyped-def]
    async def job(settings: BaseServiceSettings) -> None:
        ran.append(f"job:{settings.env.value}")

    async def seed(settings: BaseServiceSettings) -> None:
        ran.append("seed")

    return service_cli(
        prog="sample-api",
        app_path="x:y",
        service_dir=Path("."),
        default_port=1,
        settings_factory=lambda: BaseServiceSettings(**{**PRODUCTION_SETTINGS, "env": env}),
        seed=seed,
        commands={"expire": ("expire what is overdue", job)},
    )


class TestServiceCli:
    def test_a_service_job_runs_with_the_settings(self) -> None:
        ran: list[str] = []
        cli(Environment.test, ran)(["expire"])
        assert ran == ["job:test"]

    def test_a_job_repeats_with_every(self, monkeypatch: pytest.MonkeyPatch) -> None:
        ran: list[str] = []
        sleeps: list[float] = []

        def sleep(seconds: float) -> None:
            sleeps.append(seconds)
            if len(sleeps) == 2:
                raise KeyboardInterrupt

        monkeypatch.setattr("polku_kit.cli.time.sleep", sleep)
        with pytest.raises(KeyboardInterrupt):
            cli(Environment.test, ran)(["expire", "--every", "30"])
        assert ran == ["job:test", "job:test"] and sleeps == [30.0, 30.0]

    def test_every_service_has_the_prune_job(self, monkeypatch: pytest.MonkeyPatch) -> None:
        pruned: list[str] = []

        async def run_prune(settings: BaseServiceSettings) -> None:
            pruned.append(f"prune:{settings.retention_days}")

        monkeypatch.setattr("polku_kit.retention.run_prune", run_prune)
        cli(Environment.test, [])(["prune"])
        assert pruned == ["prune:30"]

    def test_seed_is_refused_in_production(self) -> None:
        ran: list[str] = []
        with pytest.raises(SystemExit):
            cli(Environment.production, ran)(["seed"])
        assert ran == []

    def test_an_unknown_command_is_refused(self) -> None:
        with pytest.raises(SystemExit):
            cli(Environment.test, [])(["explode"])
