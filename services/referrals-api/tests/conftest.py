"""The fixtures of referrals-api's tests, shared with the cross-service tests (tests/integration)."""

from referrals_api.testing import MIKKELI_WORKSHOP, Headers, as_, network, service_spec

__all__ = ["MIKKELI_WORKSHOP", "Headers", "as_", "network", "service_spec"]
