"""``polku-identity serve`` runs the issuer; ``polku-identity token NAME`` prints an access token for a demo
person (``coach``) or machine client (``partner-kela``), for scripts and curl."""

import argparse
import sys

from polku_identity.settings import ProductionRefused, Settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="polku-identity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the issuer")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8010)
    token = commands.add_parser("token", help="print an access token for a demo person or machine client")
    token.add_argument("name", help="a demo username (coach, admin, kela, …) or client id (partner-kela, …)")
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ProductionRefused as refused:
        print(f"polku-identity: {refused}", file=sys.stderr)
        sys.exit(2)
    except ValueError as error:  # pydantic wraps the refusal raised inside the validator
        print(f"polku-identity: {error}", file=sys.stderr)
        sys.exit(2)

    if args.command == "serve":
        import uvicorn

        from polku_identity.main import create_app

        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                    proxy_headers=True, forwarded_allow_ips="127.0.0.1")
        return

    from polku_identity.demo import MACHINE_CLIENTS, PEOPLE
    from polku_identity.keys import SigningKey
    from polku_identity.server import Issuer

    issuer = Issuer(settings, SigningKey.load_or_create(settings.key_file))
    if args.name in PEOPLE:
        access, _ = issuer.access_token(person=PEOPLE[args.name], client_id="polku-cli")
    elif args.name in MACHINE_CLIENTS:
        access, _ = issuer.access_token(machine=MACHINE_CLIENTS[args.name], client_id=args.name)
    else:
        names = ", ".join([*PEOPLE, *MACHINE_CLIENTS])
        parser.error(f"unknown demo identity {args.name!r}; choose one of: {names}")
    print(access)


if __name__ == "__main__":
    main()
