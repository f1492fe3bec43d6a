"""The import contracts that import-linter cannot see: the services' tests are not packages, so `lint-imports`
(the contracts in pyproject.toml) covers the code under src/ and this test covers the tests. A service's tests
import only that service, the kit and third-party packages; a test that needs two services lives in
tests/integration/, which may import both."""

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[1] / "services"
PACKAGES = {
    "clients-api": "clients_api",
    "referrals-api": "referrals_api",
    "employer-api": "employer_api",
    "metrics-api": "metrics_api",
}
# The issuer and the dev tooling: no service, tests included, imports them.
NEVER = {"polku_identity", "polku_dev"}


def foreign_imports(folder: Path, own: str) -> list[str]:
    """``file:line module`` for every import of another service's package, the issuer or the dev tooling."""
    forbidden = (set(PACKAGES.values()) - {own}) | NEVER
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                if module.split(".")[0] in forbidden:
                    found.append(f"{path.relative_to(folder)}:{node.lineno} {module}")
    return found


@pytest.mark.parametrize("service", sorted(PACKAGES))
def test_a_services_tests_import_no_other_service(service: str) -> None:
    assert foreign_imports(SERVICES / service / "tests", PACKAGES[service]) == []


def test_the_check_sees_an_import_of_another_service(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_x.py").write_text("import referrals_api.main\nfrom clients_api.main import create_app\n")
    found = foreign_imports(tests, "referrals_api")
    assert [line.split(" ")[1] for line in found] == ["clients_api.main"]
