"""The contract suite (``python -m polku_dev.contract``) against the running stack, through the gateway, as the
national platform's team would run it against a deployment: it passes; and it fails, saying what, when the
deployment does not hold the secret the platform signs with."""

from __future__ import annotations

from polku_dev.contract import main
from polku_dev.devstack import Stack
from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET
from polku_kit.webhooks import new_secret
from tests.support import user_token


def run_suite(stack: Stack, *extra: str) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = main(
        [
            "--base-url",
            stack.public_url,
            "--client-id",
            "national-platform",
            "--client-secret",
            "national-platform-secret",
            *extra,
        ],
        out=lines.append,
    )
    return code, lines


class TestContractSuite:
    def test_the_stack_passes_the_contract(self, stack: Stack) -> None:
        # On this deployment the platform's own role does not manage subscriptions; an administrator's token does.
        # A coach makes the events that people make (an interview, a plan, a statement, a job offer).
        code, lines = run_suite(
            stack,
            "--webhook-secret",
            DEVELOPMENT_EVENTS_SECRET,
            "--subscriptions-token",
            user_token(stack, "admin"),
            "--coach-token",
            user_token(stack, "coach"),
        )
        print("\n".join(lines))
        assert code == 0, "\n".join(lines)
        for expected in (
            "[pass] clients: fi.tyomarkkinatori.jobseeker.registered.v1 delivered again is a duplicate",
            "[pass] clients: fi.tyomarkkinatori.statement.requested.v1 accepted",
            "[pass] employer: fi.tyomarkkinatori.vacancy.removed.v1 delivered again is a duplicate",
            "[pass] clients: a stale timestamp is refused",
            "[pass] employer: a wrong signature is refused",
            "[pass] clients: a refused delivery kept nothing (the same event signed properly is new)",
        ):
            assert expected in lines
        # Every type the platform follows, from both services, full and thin, with the thin fetch.
        followed = {
            "clients": [
                "fi.polku.client.registered.v1",
                "fi.polku.client.interview_held.v1",
                "fi.polku.client.plan_version_created.v1",
                "fi.polku.statement.issued.v1",
                "fi.polku.client.job_search_period.ended.v1",
            ],
            "employer": ["fi.polku.job_offer.sent.v1", "fi.polku.job_offer.outcome.v1"],
        }
        for service, types in followed.items():
            for event_type in types:
                for expected in (
                    f"[pass] {service}: {event_type}: delivered, signed with the subscription's secret",
                    f"[pass] {service}: {event_type}: the body is a CloudEvents 1.0 envelope",
                    f"[pass] {service}: {event_type}: its subject and data are the documented shape, without personal "
                    "details",
                    f"[pass] {service}: {event_type} (thin): no data, a dataref to the producing service",
                    f"[pass] {service}: {event_type} (thin): the event is fetched with the platform's token, the "
                    "same as the full delivery",
                    f"[pass] {service}: {event_type} (thin): the fetch is refused without a token",
                ):
                    assert expected in lines
        # The stack offers everything the suite checks, thin payloads and their fetch included: nothing skipped.
        assert lines[-1].endswith("0 failed, 0 skipped"), lines[-1]

    def test_a_secret_the_deployment_does_not_hold_fails_the_suite(self, stack: Stack) -> None:
        code, lines = run_suite(stack, "--webhook-secret", new_secret(), "--services", "employer")
        assert code == 1
        assert "[FAIL] employer: fi.tyomarkkinatori.vacancy.published.v1 accepted: HTTP 401" in "\n".join(lines)

    def test_no_token_is_a_suite_that_cannot_start(self, stack: Stack) -> None:
        code, lines = run_suite(stack, "--webhook-secret", DEVELOPMENT_EVENTS_SECRET, "--client-secret", "wrong")
        assert code == 2
        assert "cannot get the platform's token" in lines[-1]
