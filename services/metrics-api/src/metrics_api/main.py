from fastapi import FastAPI

from metrics_api import SERVICE_DIR
from metrics_api.api import router
from metrics_api.settings import Settings
from polku_kit.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings.from_env(),
        title="Polku metrics-api",
        description="Indicators for managers and the council, computed from the other services' "
        "events and imported statistics.",
        version="0.1.0",
        service_dir=SERVICE_DIR,
        routers=[router],
    )
