"""The simulator's command line and the control of its P66/P67 failures."""

from __future__ import annotations

import httpx
import pytest

from polku_dev.platform_sim.app import create_app, main
from polku_dev.platform_sim.state import PlatformState


class TestCommandLine:
    def test_the_addresses_to_send_to_come_all_or_none(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exited:
            main(["--port", "8090", "--clients-url", "http://127.0.0.1:8001"])
        assert exited.value.code == 2
        assert "give all of --clients-url" in capsys.readouterr().err


class TestFailures:
    async def test_failures_are_replaced_cleared_and_unknown_ones_refused(self) -> None:
        state = PlatformState(api_key="key")
        transport = httpx.ASGITransport(app=create_app(state=state))
        async with httpx.AsyncClient(transport=transport, base_url="http://sim.test") as http:
            assert (await http.post("/control/failures", json={"down": True})).json()["down"] is True
            refused = await http.post("/control/failures", json={"errors": 1, "meteor": True})
            assert refused.status_code == 422 and "meteor" in refused.text
            assert state.failures.down is True  # a refused call changes nothing
            down = await http.get("/query/vacancies", headers={"KIPA-Subscription-Key": "key"})
            assert down.status_code == 503
            assert (await http.post("/control/failures")).json()["down"] is False
            up = await http.get("/query/vacancies", headers={"KIPA-Subscription-Key": "key"})
            assert up.status_code == 200 and up.json() == {"jobPostings": []}
