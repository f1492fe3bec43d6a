"""Helpers for the cross-service tests."""

from __future__ import annotations

import subprocess

import httpx

from polku_dev.devstack import Stack


def user_token(stack: Stack, username: str) -> str:
    """A token for a demo user, from the issuer's own command (as a developer would get one)."""
    result = subprocess.run(
        ["polku-identity", "token", username], env=stack.env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def client_credentials_token(gateway: httpx.Client, client_id: str) -> str:
    response = gateway.post(
        "/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, f"{client_id}-secret"),
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])
