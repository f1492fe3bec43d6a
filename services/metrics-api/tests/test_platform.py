"""The platform contract (health, metrics, problem documents, token checks) holds in metrics-api."""

from polku_kit.contract_tests import TestHealth, TestInputTypes, TestRequestPath, TestTokenChecks

__all__ = ["TestHealth", "TestInputTypes", "TestRequestPath", "TestTokenChecks"]
