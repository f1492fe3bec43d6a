from typing import ClassVar

from polku_kit.settings import BaseServiceSettings


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "metrics-api"
    database_name: ClassVar[str] = "metrics"
    root_path: str = "/api/metrics"
