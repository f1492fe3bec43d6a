import pytest

from polku_kit.testing import ServiceSpec
from referrals_api import SERVICE_DIR
from referrals_api.main import create_app
from referrals_api.settings import Settings


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)
