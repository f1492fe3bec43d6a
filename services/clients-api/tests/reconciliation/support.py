"""The national platform simulator for clients-api's reconciliation tests (:mod:`polku_kit.testing_platform`)."""

from polku_kit.testing_platform import API_KEY, PlatformControl, running_simulator

__all__ = ["API_KEY", "PlatformControl", "running_simulator"]
