import pytest

from polku_kit.testing import ServiceSpec
from services.kit.tests.sample_service import SERVICE_DIR
from services.kit.tests.sample_service.app import SampleSettings, create_app


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=SampleSettings, service_dir=SERVICE_DIR)
