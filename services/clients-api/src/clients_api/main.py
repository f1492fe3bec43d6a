from fastapi import FastAPI

from clients_api import SERVICE_DIR
from clients_api.api import router
from clients_api.settings import Settings
from polku_kit.app import create_service_app
from polku_kit.pii import PersonalDataVault


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = create_service_app(
        settings,
        title="Polku clients-api",
        description="Job seekers (*työnhakijat*), assessments, employment plans, the statutory interview "
        "schedule, caseloads and consents.",
        version="0.1.0",
        service_dir=SERVICE_DIR,
        routers=[router],
    )
    app.state.vault = PersonalDataVault(settings.pii_key.get_secret_value())
    return app
