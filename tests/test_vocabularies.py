"""Vocabularies that cross a service boundary agree. A service's published OpenAPI document is the source of the
words it owns (clients-api owns the consent categories); another service that takes the same words keeps a copy
under the same schema name, and this test fails the moment the two documents disagree. Different concepts have
different names (clients-api's computed ``TargetGroup``, referrals-api's ``ServiceTargetGroup``), so a shared name
always means a shared vocabulary. The documents are the committed ones, which test_openapi_current.py keeps equal
to what the services serve."""

import json
from pathlib import Path

import pytest

from polku_dev.openapi import SERVICES

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "openapi"

# Each shared vocabulary, the service whose document is its source, and the services that use it too.
SHARED = {
    "DataCategory": ("clients", ("referrals",)),
    "DrivingLicence": ("clients", ("employer",)),
}


def enums(document: dict) -> dict[str, list[str]]:
    schemas = document.get("components", {}).get("schemas", {})
    return {name: schema["enum"] for name, schema in schemas.items() if "enum" in schema}


def documents() -> dict[str, dict[str, list[str]]]:
    return {service: enums(json.loads((COMMITTED / f"{service}.json").read_text())) for service in SERVICES}


def disagreements(published: dict[str, dict[str, list[str]]]) -> list[str]:
    """Every enum published under one name by two services with different values."""
    found = []
    names = sorted({name for vocabulary in published.values() for name in vocabulary})
    for name in names:
        holders = {service: vocabulary[name] for service, vocabulary in published.items() if name in vocabulary}
        if len({tuple(sorted(values)) for values in holders.values()}) > 1:
            found.append(f"{name}: " + "; ".join(f"{service} {values}" for service, values in sorted(holders.items())))
    return found


def test_an_enum_name_means_the_same_values_in_every_service() -> None:
    assert disagreements(documents()) == []


@pytest.mark.parametrize("name", sorted(SHARED))
def test_a_shared_vocabulary_is_published_by_its_source_and_its_users(name: str) -> None:
    source, users = SHARED[name]
    published = documents()
    assert name in published[source], f"{source} no longer publishes {name}"
    for user in users:
        assert published[user].get(name) == published[source][name], f"{user}'s {name} differs from {source}'s"


def test_a_difference_is_reported() -> None:
    # The check itself: one value more in one service's copy is a disagreement naming both services.
    published = {"clients": {"DataCategory": ["identity", "plan"]}, "referrals": {"DataCategory": ["identity"]}}
    assert disagreements(published) == ["DataCategory: clients ['identity', 'plan']; referrals ['identity']"]
