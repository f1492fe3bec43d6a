"""The ``polku-identity`` command.

``polku-identity serve`` runs the issuer; ``polku-identity token NAME`` prints an access token for a demo
person (``coach``) or machine client (``partner-kela``), signed with the server's key file (made if missing),
for scripts and curl: ``curl -H "Authorization: Bearer $(uv run polku-identity token coach)" …``.
"""

import argparse
import sys
from typing import NoReturn

from pydantic import ValidationError

from polku_identity.demo import MACHINE_CLIENTS, PEOPLE
from polku_identity.settings import ProductionRefused, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="polku-identity",
        description="Polku's local OpenID Connect issuer for development and the demo (never for production).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the issuer")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8010)
    token = commands.add_parser("token", help="print an access token for a demo person or machine client")
    token.add_argument("name", metavar="USER_OR_CLIENT", help=f"one of: {', '.join([*PEOPLE, *MACHINE_CLIENTS])}")
    return parser


def _fail(message: str) -> NoReturn:
    print(f"polku-identity: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ProductionRefused as refused:
        _fail(str(refused))
    except ValidationError as error:
        _fail(f"invalid settings: {error}")

    if args.command == "serve":
        _serve(settings, args.host, args.port)
    else:
        _print_token(settings, args.name, parser)


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from polku_identity.logs import configure_logging
    from polku_identity.main import create_app

    configure_logging(json=settings.log_json, level=settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_config=None,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )


def _print_token(settings: Settings, name: str, parser: argparse.ArgumentParser) -> None:
    from polku_identity.keys import SigningKey
    from polku_identity.tokens import TokenIssuer

    issuer = TokenIssuer(settings, SigningKey.load_or_create(settings.key_file))
    if name in PEOPLE:
        print(issuer.for_person(PEOPLE[name]).value)
    elif name in MACHINE_CLIENTS:
        print(issuer.for_machine(MACHINE_CLIENTS[name]).value)
    else:
        parser.error(f"unknown demo person or client {name!r}; choose one of: {', '.join([*PEOPLE, *MACHINE_CLIENTS])}")


if __name__ == "__main__":
    main()
