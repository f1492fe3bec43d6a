from fastapi import FastAPI

from employer_api import SERVICE_DIR
from employer_api.api import router
from employer_api.settings import Settings
from polku_kit.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings.from_env(),
        title="Polku employer-api",
        description="Employers, vacancies, matching of candidates, job offers (*työtarjous*) and "
        "introductions (*esittely*).",
        version="0.1.0",
        service_dir=SERVICE_DIR,
        routers=[router],
    )
