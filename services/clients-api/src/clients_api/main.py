from fastapi import FastAPI

from clients_api import SERVICE_DIR
from clients_api.access import seen
from clients_api.api import router
from clients_api.settings import Settings
from polku_kit.app import create_service_app
from polku_kit.pii import PersonalDataVault
from polku_kit.service_client import ServiceClient


def personal_data_sources(settings: Settings) -> list[ServiceClient]:
    """The services asked for their part of the access export, each with clients-api's machine client."""
    return [
        ServiceClient(
            base_url=source.url,
            token_url=settings.oidc_token_url,
            client_id=settings.clients_client_id,
            client_secret=settings.clients_client_secret.get_secret_value(),
            name=source.name,
        )
        for source in settings.personal_data_sources
    ]


async def _start(app: FastAPI) -> None:
    app.state.coach_writer = seen.start_writing(app.state.database)


async def _stop(app: FastAPI) -> None:
    await seen.stop_writing(app.state.coach_writer, app.state.database)
    for source in app.state.personal_data_sources:
        await source.aclose()


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
        on_startup=_start,
        on_shutdown=_stop,
    )
    app.state.vault = PersonalDataVault(settings.pii_key.get_secret_value())
    app.state.personal_data_sources = personal_data_sources(settings)
    return app
