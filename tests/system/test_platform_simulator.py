"""The simulator that the stack starts (as ``make run`` does), driven through its control interface: it sends the
platform's events into the services, and receives the events Polku sends to the platform."""

from __future__ import annotations

import time

import httpx

from polku_dev.devstack import Stack
from polku_kit.calendar import today
from tests.support import user_token

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def simulator(stack: Stack) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{stack.ports.platform}", timeout=60)


class TestPlatformSimulator:
    def test_it_sends_a_registration_once_and_refuses_nothing_it_should_not(self, stack: Stack) -> None:
        code = f"010100-456{CHECK[int('010100456') % 31]}"
        event = {
            "type": "fi.tyomarkkinatori.jobseeker.registered.v1",
            "subject": "job-seekers/simulator-test",
            "data": {
                "personal_identity_code": code,
                "first_names": "Simulaattori",
                "last_name": "Testihenkilö",
                "home_municipality": "398",
                "registered_on": "2026-11-30",
            },
        }
        with simulator(stack) as sim:
            sent = sim.post("/control/send", json={"events": [event], "faults": ["duplicate", "wrong_signature"]})
        assert sent.status_code == 200, sent.text
        tally = sent.json()["tally"]
        assert (tally["accepted"], tally["duplicates"], tally["refused"], tally["gave_up"]) == (1, 2, 1, 0)
        assert sent.json()["events"][0]["status"] == 202

    def test_it_receives_polkus_events_and_fails_on_command(self, stack: Stack, gateway: httpx.Client) -> None:
        admin = {"Authorization": f"Bearer {user_token(stack, 'admin')}"}
        coach = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
        with simulator(stack) as sim:
            sim.post("/control/reset").raise_for_status()
            made = gateway.post(
                "/api/clients/v1/webhook-subscriptions",
                json={
                    "url": f"http://127.0.0.1:{stack.ports.platform}/webhooks/polku",
                    "event_types": ["fi.polku.client.interview_held.v1"],
                    "description": "The platform simulator",
                },
                headers=admin,
            )
            assert made.status_code == 201, made.text
            sim.put("/control/webhook-secrets", json={"secrets": [made.json()["secret"]]}).raise_for_status()
            sim.post("/control/webhook-failures", json={"errors": 1}).raise_for_status()
            clients = gateway.get("/api/clients/v1/clients", params={"limit": 1}, headers=coach)
            client_id = clients.json()["items"][0]["id"]
            held = gateway.post(
                f"/api/clients/v1/clients/{client_id}/interviews",
                # Today: within any client's job search, never in the future (a fixed date falls before the start
                # of a demo client's job search, which the seed sets relative to the day it runs).
                json={"held_on": today().isoformat(), "channel": "phone"},
                headers=coach,
            )
            assert held.status_code == 201, held.text
            deadline = time.monotonic() + 90
            while not sim.get("/control/events").json():
                assert time.monotonic() < deadline, "the interview never reached the platform"
                time.sleep(0.5)
            [event] = sim.get("/control/events").json()
            deliveries = sim.get("/control/deliveries").json()
        assert event["type"] == "fi.polku.client.interview_held.v1"
        assert event["subject"] == f"clients/{client_id}"
        # The first attempt met the 500 it was told to show; the dispatcher tried again (after its 5 s wait).
        assert [d["status"] for d in deliveries] == [500, 200]
        gateway.delete(
            f"/api/clients/v1/webhook-subscriptions/{made.json()['id']}",
            headers=admin | {"If-Match": f'"{made.json()["version"]}"'},
        )
