from employer_api import SERVICE_DIR
from employer_api.jobs import expire, inbox_handlers
from employer_api.seed import seed
from employer_api.settings import Settings
from polku_kit.cli import service_cli

main = service_cli(
    prog="employer-api",
    app_path="employer_api.main:create_app",
    service_dir=SERVICE_DIR,
    settings_factory=Settings.from_env,
    default_port=8003,
    seed=seed,
    commands={"expire": ("expire vacancies whose application deadline has passed", expire)},
    inbox=inbox_handlers,
)
