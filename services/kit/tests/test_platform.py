"""The platform contract holds for a service built only from the kit."""

from polku_kit.contract_tests import TestHealth, TestInputTypes, TestRequestPath, TestTokenChecks

__all__ = ["TestHealth", "TestInputTypes", "TestRequestPath", "TestTokenChecks"]
