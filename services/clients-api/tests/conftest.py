import pytest

from clients_api import SERVICE_DIR
from clients_api.main import create_app
from clients_api.settings import Settings
from polku_kit.testing import ServiceSpec


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)
