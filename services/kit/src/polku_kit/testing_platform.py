"""The national platform simulator (``polku_dev.platform_sim``) for the services' tests: started as its own process
on a free loopback port (no test imports the dev tooling) and driven through its control routes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from polku_kit.testing import free_port

API_KEY = "test-kipa-key"


class PlatformControl:
    """The simulator's control routes (``polku_dev.platform_sim.app``), as the tests use them."""

    def __init__(self, url: str, api_key: str) -> None:
        self.url = url
        self.api_key = api_key
        self._http = httpx.Client(base_url=url, timeout=10.0)

    def reset(self) -> None:
        self._http.post("/control/reset").raise_for_status()

    def fail(self, **failures: Any) -> None:
        """Replace the failures shown (``down``, ``throttle``, ``errors``, ``down_after_calls``, …); none clears."""
        self._http.post("/control/failures", json=failures).raise_for_status()

    def add_posting(self, business_id: str, body: dict[str, Any]) -> str:
        response = self._http.post("/control/postings", json={"business_id": business_id, "body": body})
        response.raise_for_status()
        return str(response.json()["jobPostingId"])

    def put_posting(self, job_posting_id: str, business_id: str, body: dict[str, Any]) -> None:
        self._http.put(
            f"/control/postings/{job_posting_id}", json={"business_id": business_id, "body": body}
        ).raise_for_status()

    def delete_posting(self, job_posting_id: str) -> None:
        self._http.delete(f"/control/postings/{job_posting_id}").raise_for_status()

    def archive_posting(self, job_posting_id: str) -> None:
        self._http.post(f"/control/postings/{job_posting_id}/archive").raise_for_status()

    def postings(self) -> list[dict[str, Any]]:
        response = self._http.get("/control/postings")
        response.raise_for_status()
        return list(response.json())

    def received(self, method: str | None = None, status: int | None = None) -> list[dict[str, Any]]:
        response = self._http.get("/control/received")
        response.raise_for_status()
        return [
            r
            for r in response.json()
            if (method is None or r["method"] == method) and (status is None or r["status"] == status)
        ]

    def add_job_seeker(self, identity_code: str, **details: Any) -> str:
        response = self._http.post("/control/job-seekers", json={"identity_code": identity_code, **details})
        response.raise_for_status()
        return str(response.json()["customerId"])

    def end_job_search(self, customer_id: str) -> None:
        self._http.post(f"/control/job-seekers/{customer_id}/end").raise_for_status()

    def close(self) -> None:
        self._http.close()


@contextmanager
def running_simulator(api_key: str = API_KEY, timeout: float = 60.0) -> Iterator[PlatformControl]:
    """The simulator as its own process on a free loopback port, stopped afterwards."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLKU_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "polku_dev.platform_sim.app", "--port", str(port), "--api-key", api_key],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    control = PlatformControl(f"http://127.0.0.1:{port}", api_key)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                control.received()
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the platform simulator did not start") from None
                time.sleep(0.1)
        yield control
    finally:
        control.close()
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
