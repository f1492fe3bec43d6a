"""The command line every service shares: ``<service> serve | migrate | dispatch | prune | seed``."""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any

from polku_kit.settings import BaseServiceSettings


def service_cli(
    *,
    prog: str,
    app_path: str,
    service_dir: Path,
    settings_factory: Callable[[], BaseServiceSettings],
    default_port: int,
    seed: Callable[[BaseServiceSettings], Coroutine[Any, Any, None]] | None = None,
    commands: Mapping[str, tuple[str, Callable[[BaseServiceSettings], Coroutine[Any, Any, None]]]] | None = None,
    inbox: Callable[[BaseServiceSettings], Mapping[str, Any]] | None = None,
) -> Callable[[list[str] | None], None]:
    """``commands``: the service's own jobs, by name: ``{"expire": ("help text", async_function)}``.
    ``inbox``: the handlers of the events the service stores in its inbox, by type, for the settings given;
    ``dispatch`` then also handles those (:mod:`polku_kit.inbox_worker`)."""
    extra = dict(commands or {})

    def main(argv: list[str] | None = None) -> None:
        parser = argparse.ArgumentParser(prog=prog)
        subcommands = parser.add_subparsers(dest="command", required=True)
        serve = subcommands.add_parser("serve", help="serve the HTTP API")
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=default_port)
        serve.add_argument("--migrate", action="store_true", help="apply migrations first")
        subcommands.add_parser("migrate", help="apply every pending database migration")
        dispatch = subcommands.add_parser("dispatch", help="deliver outbox events to webhook subscriptions")
        dispatch.add_argument("--once", action="store_true", help="deliver what is due, then exit")
        prune = subcommands.add_parser(
            "prune",
            help="delete what retention allows: old idempotency keys, delivered "
            "events, deliveries and attempts, received events' ids",
        )
        prune.add_argument(
            "--every", type=float, metavar="SECONDS", help="run again every SECONDS until stopped (without a scheduler)"
        )
        subcommands.add_parser("seed", help="load the demo data (development only)")
        for name, (help_text, _) in extra.items():
            job = subcommands.add_parser(name, help=help_text)
            job.add_argument(
                "--every",
                type=float,
                metavar="SECONDS",
                help="run again every SECONDS until stopped (without a scheduler)",
            )
        args = parser.parse_args(argv)

        settings = settings_factory()
        if args.command in ("migrate", "serve") and (args.command == "migrate" or args.migrate):
            from polku_kit.migrations import upgrade

            upgrade(service_dir, settings.database_dsn)
        if args.command == "serve":
            from polku_kit import serving

            # Each answer in one write, the started app's heap frozen for the collector (polku_kit.serving).
            serving.serve(
                app_path,
                factory=True,
                host=args.host,
                port=args.port,
                root_path=settings.root_path,
                log_config=None,
                access_log=False,
                proxy_headers=True,
                forwarded_allow_ips=settings.forwarded_allow_ips,
            )
        elif args.command == "dispatch":
            from polku_kit.webhooks import run_dispatcher

            asyncio.run(run_dispatcher(settings, once=args.once, inbox=inbox(settings) if inbox else None))
        elif args.command == "prune":
            from polku_kit.retention import run_prune

            asyncio.run(run_prune(settings))
            while args.every:
                time.sleep(args.every)
                asyncio.run(run_prune(settings))
        elif args.command == "seed":
            if settings.env.value == "production":
                parser.error("demo data is never loaded in production")
            if seed is not None:
                asyncio.run(seed(settings))
        elif args.command in extra:
            run_job = extra[args.command][1]
            asyncio.run(run_job(settings))
            while args.every:
                time.sleep(args.every)
                asyncio.run(run_job(settings))

    return main
