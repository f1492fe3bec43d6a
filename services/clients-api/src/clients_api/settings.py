from typing import ClassVar

from polku_kit.settings import BaseServiceSettings


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "clients-api"
    database_name: ClassVar[str] = "clients"
    root_path: str = "/api/clients"
