"""Edits through the gateway as a browser makes them: the gateway compresses large answers and marks their ETag
with the coding (``"v3"`` becomes ``"v3-gzip"``); sent back in If-Match, that tag still names the version edited.
No answer of a service may be kept by a cache on the way."""

from __future__ import annotations

import httpx
import pytest

from tests.support import client_credentials_token

WORK_ABILITY_ASSESSMENT = "5e7a1c00-0000-4000-8000-000000000001"  # the county's service in the demo data


@pytest.mark.parametrize("coding", ["gzip", "zstd"])
def test_an_edit_with_the_etag_of_a_compressed_answer_is_saved(gateway: httpx.Client, coding: str) -> None:
    partner = {"Authorization": f"Bearer {client_credentials_token(gateway, 'partner-hyvinvointialue')}"}
    path = f"/api/referrals/v1/services/{WORK_ABILITY_ASSESSMENT}"
    version = gateway.get(path, headers=partner).json()["version"]
    # The body is not read (this client decodes no zstd): what matters is the header the gateway hands out.
    read = gateway.get(path, headers={**partner, "Accept-Encoding": coding})
    assert read.status_code == 200
    assert read.headers["content-encoding"] == coding  # the gateway did compress it
    assert read.headers["etag"] == f'"v{version}-{coding}"'

    changed = gateway.patch(
        path,
        json={"cost_description": f"Maksuton ({coding})"},
        headers={**partner, "Accept-Encoding": "gzip", "If-Match": read.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == version + 1

    stale = gateway.patch(
        path,
        json={"cost_description": "Vanhasta versiosta"},
        headers={**partner, "Accept-Encoding": "gzip", "If-Match": read.headers["etag"]},
    )
    assert stale.status_code == 412, stale.text


def test_no_answer_is_kept_by_a_cache(gateway: httpx.Client) -> None:
    partner = {"Authorization": f"Bearer {client_credentials_token(gateway, 'partner-hyvinvointialue')}"}
    for path, headers in (
        (f"/api/referrals/v1/services/{WORK_ABILITY_ASSESSMENT}", partner),
        ("/api/clients/v1/clients", {}),
        ("/api/clients/openapi.json", {}),
        ("/api/metrics/healthz", {}),
    ):
        response = gateway.get(path, headers={**headers, "Accept-Encoding": "gzip"})
        assert response.headers.get("cache-control") == "no-store", path
