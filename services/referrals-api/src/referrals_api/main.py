from fastapi import FastAPI

from polku_kit.app import create_service_app
from referrals_api import SERVICE_DIR
from referrals_api.api import router
from referrals_api.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings.from_env(),
        title="Polku referrals-api",
        description="Partner organisations, the service directory (*palvelutarjotin*) and "
        "closed-loop referrals with a partner API.",
        version="0.1.0",
        service_dir=SERVICE_DIR,
        routers=[router],
    )
