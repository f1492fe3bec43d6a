import asyncio
import contextlib

from fastapi import FastAPI

from employer_api import SERVICE_DIR
from employer_api.api import router
from employer_api.settings import Settings
from employer_api.staff.sightings import StaffSightings, keep_writing, write
from polku_kit.app import create_service_app
from polku_kit.service_client import ServiceClient


def clients_api_client(settings: Settings) -> ServiceClient:
    return ServiceClient(
        base_url=settings.clients_api_url,
        token_url=settings.oidc_token_url,
        client_id=settings.employer_client_id,
        client_secret=settings.employer_client_secret.get_secret_value(),
        name="clients-api",
    )


async def _start_noting_staff(app: FastAPI) -> None:
    """The staff seen by the routes (employer_api.staff.sightings) are written in the background."""
    app.state.staff_writer = asyncio.create_task(
        keep_writing(app.state.staff_sightings, lambda: app.state.database.sessionmaker)
    )


async def _shut_down(app: FastAPI) -> None:
    writer: asyncio.Task[None] | None = getattr(app.state, "staff_writer", None)
    if writer is not None:
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer
    await write(app.state.staff_sightings, app.state.database.sessionmaker)
    await app.state.clients_api.aclose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = create_service_app(
        settings,
        title="Polku employer-api",
        description="Employers, vacancies, matching of candidates, job offers (*työtarjous*) and "
        "introductions (*esittely*).",
        version="0.1.0",
        service_dir=SERVICE_DIR,
        routers=[router],
        on_startup=_start_noting_staff,
        on_shutdown=_shut_down,
    )
    app.state.clients_api = clients_api_client(settings)
    app.state.staff_sightings = StaffSightings()
    return app
