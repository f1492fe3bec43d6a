from typing import ClassVar

from pydantic import SecretStr

from polku_kit.settings import BaseServiceSettings


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "clients-api"
    database_name: ClassVar[str] = "clients"
    root_path: str = "/api/clients"
    # Standard Webhooks secrets (``whsec_…``) of the services whose events feed the timeline
    # (``POLKU_INBOUND_WEBHOOK_SECRETS='["whsec_…"]'``); several during a sender's secret rotation.
    inbound_webhook_secrets: list[SecretStr] = []
