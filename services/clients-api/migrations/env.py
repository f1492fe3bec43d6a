import clients_api.client.models  # noqa: F401  (registers the tables on Base.metadata)
from clients_api.models import Base
from polku_kit.db import KitBase
from polku_kit.migrations import run_env

run_env([KitBase.metadata, Base.metadata])
