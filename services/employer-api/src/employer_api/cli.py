from employer_api import SERVICE_DIR
from employer_api.jobs import expire, inbox_handlers, poll_postings, publish_postings, reconcile_postings
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
    commands={
        "expire": ("expire vacancies whose application deadline has passed", expire),
        "poll-postings": ("read the area's job postings from the national platform (P67)", poll_postings),
        "publish-postings": ("send the vacancies made here to the national platform (P66)", publish_postings),
        "reconcile": ("compare the vacancies with the national platform's, repair, report", reconcile_postings),
    },
    inbox=inbox_handlers,
)
