from typing import ClassVar

from polku_kit.settings import BaseServiceSettings


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "employer-api"
    database_name: ClassVar[str] = "employer"
    root_path: str = "/api/employer"
