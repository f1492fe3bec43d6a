from polku_kit.cli import service_cli
from referrals_api import SERVICE_DIR
from referrals_api.jobs import expire
from referrals_api.seed import seed
from referrals_api.settings import Settings

main = service_cli(
    prog="referrals-api",
    app_path="referrals_api.main:create_app",
    service_dir=SERVICE_DIR,
    settings_factory=Settings.from_env,
    default_port=8002,
    seed=seed,
    commands={"expire": ("expire referrals the partner did not answer in time", expire)},
)
