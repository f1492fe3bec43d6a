from typing import ClassVar

from polku_kit.settings import BaseServiceSettings


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "referrals-api"
    database_name: ClassVar[str] = "referrals"
    root_path: str = "/api/referrals"
