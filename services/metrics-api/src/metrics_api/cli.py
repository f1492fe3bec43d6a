from metrics_api import SERVICE_DIR
from metrics_api.jobs import rebuild
from metrics_api.settings import Settings
from polku_kit.cli import service_cli

main = service_cli(
    prog="metrics-api",
    app_path="metrics_api.main:create_app",
    service_dir=SERVICE_DIR,
    settings_factory=Settings.from_env,
    default_port=8004,
    commands={"rebuild": ("rebuild the read model from the ledger of received events, with progress", rebuild)},
)
