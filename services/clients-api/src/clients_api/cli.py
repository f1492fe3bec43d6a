from clients_api import SERVICE_DIR
from clients_api.jobs import announce_overdue, inbox_handlers, reconcile_job_seekers, route_handovers
from clients_api.seed import seed
from clients_api.settings import Settings
from polku_kit.cli import service_cli

main = service_cli(
    prog="clients-api",
    app_path="clients_api.main:create_app",
    service_dir=SERVICE_DIR,
    settings_factory=Settings.from_env,
    default_port=8001,
    seed=seed,
    commands={
        "announce-overdue": ("announce the statutory deadlines that have become overdue, each once", announce_overdue),
        "route-handovers": ("hand clients of the initial service over to personal coaches when due", route_handovers),
        "reconcile": (
            "compare the clients with the national platform's job seekers, repair, report",
            reconcile_job_seekers,
        ),
    },
    inbox=inbox_handlers,
)
