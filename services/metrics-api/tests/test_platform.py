"""The platform contract (health, metrics, problem documents, token checks) holds in metrics-api."""

from polku_kit.contract_tests import TestHealth, TestInputTypes, TestTokenChecks

__all__ = ["TestHealth", "TestInputTypes", "TestTokenChecks"]
