import pytest

from metrics_api import SERVICE_DIR
from metrics_api.main import create_app
from metrics_api.settings import Settings
from polku_kit.testing import ServiceSpec


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)
