import pytest

from employer_api import SERVICE_DIR
from employer_api.main import create_app
from employer_api.settings import Settings
from polku_kit.testing import ServiceSpec


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)
