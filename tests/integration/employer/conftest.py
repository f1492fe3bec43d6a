"""employer-api with the real clients-api in-process (the fixtures of tests/integration/conftest.py): its app and
database are employer-api's here."""

import pytest

from employer_api import SERVICE_DIR
from employer_api.main import create_app
from employer_api.settings import Settings
from polku_kit.testing import ServiceSpec


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)
