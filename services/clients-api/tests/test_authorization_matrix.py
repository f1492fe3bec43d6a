"""The authorization matrix of clients-api (:class:`polku_kit.contract_tests.AuthorizationMatrix`): every route, called
by every role, from the organisation that owns the resource and from another one; another organisation's client,
consent, interview, team, saved filter or webhook subscription is never seen, nor changed. A new route joins it by
itself; if it needs a request body to reach its checks, add one to ``BODIES``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.handover.models import ClientHandover, HandoverState
from clients_api.main import create_app
from clients_api.platform.models import PlatformStatementRequest
from clients_api.reconciliation.models import ReconciliationReport
from polku_kit.calendar import HELSINKI, today
from polku_kit.contract_tests import WEBHOOK_BODIES, AuthorizationMatrix, parked_event_ids, webhook_ids
from polku_kit.testing import LAHTI, WELLBEING_COUNTY, TestIssuer

from . import factories
from .assessment.test_router import assessment
from .plan.test_router import plan

COACH = f"coach-{LAHTI}"  # the matrix's coach of the owning organisation: the client is in their caseload

STAFF = ("coach", "manager", "admin")  # each has a saved filter and a team member of its own, to read or delete
CLIENT = "/v1/clients/{client_id}"


def _consent() -> dict[str, object]:
    return {
        "recipient_organisation_id": str(WELLBEING_COUNTY),
        "categories": ["contact_details"],
        "purpose": "Referral to a work ability assessment",
        "valid_from": today().isoformat(),
        "valid_until": (today() + timedelta(days=180)).isoformat(),
    }


def _statement() -> dict[str, object]:
    return {"neglect_kind": "missed_interview", "neglected_on": today().isoformat(), "description": "Ei saapunut"}


def _meeting() -> dict[str, object]:
    """The first job-search discussion of the matrix's client (its initial interview held today), tomorrow."""
    starts = datetime.combine(today() + timedelta(days=1), time(10), HELSINKI)
    return {
        "deadline_kind": "periodic_interview",
        "deadline_number": 1,
        "starts_at": starts.isoformat(),
        "channel": "phone",
    }


BODIES: dict[tuple[str, str], dict[str, Any]] = {
    **WEBHOOK_BODIES,
    ("post", f"{CLIENT}/assignments"): {"json": {"coach_subject": COACH, "reason": "Matriisi"}},
    ("post", f"{CLIENT}/consents"): {"json": _consent()},
    ("post", f"{CLIENT}/episodes"): {"json": {"type": "coaching", "starts_on": today().isoformat()}},
    ("patch", f"{CLIENT}/episodes/{{episode_id}}"): {"json": {"provider_name": "Matriisi"}},
    ("patch", f"{CLIENT}/registration-data"): {"json": {"citizenship": "FI"}},
    ("put", f"{CLIENT}/subsidy-days"): {"json": {"days": 10, "counted_on": today().isoformat()}},
    ("post", f"{CLIENT}/interviews"): {"json": {"held_on": today().isoformat(), "channel": "phone"}},
    ("post", f"{CLIENT}/interviews/{{interview_id}}/cancel"): {"json": {"party": "client", "reason": "Sairas"}},
    ("post", f"{CLIENT}/job-search/applications"): {
        "json": {"applied_on": today().isoformat(), "employer": "Kuljetus Oy", "position": "Kuljettaja"}
    },
    ("post", f"{CLIENT}/job-search/neglects"): {"json": {"period_starts_on": today().isoformat()}},
    ("post", f"{CLIENT}/job-search-periods"): {"json": {"started_on": today().isoformat()}},
    ("post", f"{CLIENT}/job-search-periods/{{period_id}}/end"): {
        "json": {"ended_on": today().isoformat(), "reason": "employed"},
        "headers": {"If-Match": "*"},
    },
    ("post", f"{CLIENT}/status"): {"json": {"status": "employed", "changed_on": today().isoformat(), "reason": "Työ"}},
    ("post", f"{CLIENT}/duties/clearances"): {
        "json": {"kind": "job_search_profile", "key": "2026-01-01", "reason": "Julkaistu"}
    },
    ("post", f"{CLIENT}/schedule/waivers"): {"json": {"kind": "initial_interview", "number": 1, "reason": "Työssä"}},
    ("put", f"{CLIENT}/assessment"): {"json": assessment()},
    ("put", f"{CLIENT}/plan"): {"json": plan()},
    ("put", f"{CLIENT}/waiting-on"): {"json": {"waiting_on": "client"}},
    ("post", "/v1/subsidy-day-uploads"): {"json": {"rows_expected": 10}},
    ("post", f"{CLIENT}/statements"): {"json": _statement()},
    ("patch", f"{CLIENT}/statements/{{statement_id}}"): {"json": {"description": "Matriisin muutos"}},
    ("post", f"{CLIENT}/statements/{{statement_id}}/hearing"): {
        "json": {"client_account": "Matriisi", "heard_on": today().isoformat()}
    },
    ("post", f"{CLIENT}/statements/{{statement_id}}/issue"): {
        "json": {"recipient": "kela", "issued_on": today().isoformat()}
    },
    ("post", "/v1/platform/statement-requests/{request_id}/decline"): {
        "json": {"reason": "Matriisi"},
        "headers": {"If-Match": "*"},
    },
    ("post", f"{CLIENT}/meetings"): {"json": _meeting()},
    ("patch", f"{CLIENT}/meetings/{{meeting_id}}"): {"json": {"location": "Huone 3"}},
    ("post", f"{CLIENT}/meetings/{{meeting_id}}/cancel"): {"json": {"reason": "Matriisi"}},
    ("post", f"{CLIENT}/meetings/{{meeting_id}}/held"): {"json": {}},
    ("post", f"{CLIENT}/handovers"): {"json": {"to_coach_subject": COACH, "reason": "Matriisi"}},
    ("post", "/v1/handovers/routing"): {"json": {}},
    ("put", "/v1/teams/{team_id}/initial-service"): {"json": {"initial_service": True}},
    ("post", "/v1/teams/{team_id}/members"): {"json": {"coach_subject": "coach-uusi", "display_name": "Uusi"}},
    ("put", "/v1/saved-filters/{filter_id}"): {"json": {"name": "Ilta", "parameters": {"filters": ["waiting_for_us"]}}},
}


class TestAuthorizationMatrix(AuthorizationMatrix):
    app_factory = staticmethod(create_app)
    bodies = BODIES
    open_routes = AuthorizationMatrix.open_routes | {"POST /v1/events"}  # a signed webhook, no bearer token
    # Other services' calls: a scope and a person asked for (tests/consent, tests/sharing cover them).
    left_out = frozenset(
        {
            "GET /v1/consent-checks",
            "GET /v1/clients/{client_id}/shared-data",
            "GET /v1/clients/{client_id}/access",
            "GET /v1/client-reach",
        }
    )

    def side_of(self, role: str) -> str:
        return role if role in STAFF else super().side_of(role)

    @pytest.fixture
    async def matrix_ids(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> dict[str, dict[str, str]]:
        """A client in the caseload of Lahti's matrix coach, with a consent, an interview, a plan, an assessment, an
        activating-service episode, a meeting and a subsidy day count; an upload of Kela's file begun by Lahti's
        manager; a team of Lahti; for each staff role a saved filter of its own and a team member (so that one role's
        delete leaves the next role something to delete); the webhook subscriptions and deliveries of both sides."""
        coach = factories.coach(test_issuer, subject=COACH)
        manager = test_issuer.headers(subject=f"manager-{LAHTI}", roles=["manager"], org=LAHTI)
        client_id = await factories.register(client, coach)
        now = datetime.now(UTC)
        db_session.add(
            ReconciliationReport(
                organisation_id=LAHTI, started_at=now, finished_at=now, counts={}, differences=[], repaired=[]
            )
        )
        created = {}
        for name, url, body in (
            ("consent_id", "consents", _consent()),
            ("episode_id", "episodes", {"type": "work_trial", "starts_on": today().isoformat()}),
            ("interview_id", "interviews", BODIES[("post", f"{CLIENT}/interviews")]["json"]),
        ):
            response = await client.post(f"/v1/clients/{client_id}/{url}", headers=coach, json=body)
            assert response.status_code == 201, response.text
            created[name] = response.json()["id"]
        for url, body in (
            ("plan", plan()),
            ("assessment", assessment()),
            ("subsidy-days", {"days": 100, "counted_on": today().isoformat()}),
        ):
            response = await client.put(f"/v1/clients/{client_id}/{url}", headers=coach, json=body)
            assert response.status_code in (200, 201), response.text
        meeting = await client.post(f"/v1/clients/{client_id}/meetings", headers=coach, json=_meeting())
        assert meeting.status_code == 201, meeting.text
        created["meeting_id"] = meeting.json()["id"]
        periods = await client.get(f"/v1/clients/{client_id}/job-search-periods", headers=coach)
        assert periods.status_code == 200, periods.text
        created["period_id"] = periods.json()[0]["id"]
        team = await client.post("/v1/teams", headers=manager, json={"name": "Matriisitiimi"})
        assert team.status_code == 201, team.text
        team_id = team.json()["id"]
        upload = await client.post("/v1/subsidy-day-uploads", headers=manager, json={"rows_expected": 10})
        assert upload.status_code == 201, upload.text
        statement = await client.post(
            f"/v1/clients/{client_id}/statements",
            headers=coach,
            json={**_statement(), "neglected_on": (today() - timedelta(days=1)).isoformat()},
        )
        assert statement.status_code == 201, statement.text
        created["statement_id"] = statement.json()["id"]
        handover = ClientHandover(
            client_id=uuid.UUID(client_id),
            organisation_id=LAHTI,
            state=HandoverState.open.value,
            due_on=today(),
            from_coach_subject=COACH,
            to_coach_subject="coach-oma",
            reason="Matriisi",
            created_by=COACH,
        )
        db_session.add(handover)
        await db_session.flush()
        created["handover_id"] = str(handover.id)
        request = PlatformStatementRequest(
            organisation_id=LAHTI,
            identity_code_hash="matrix",
            client_id=uuid.UUID(client_id),
            request_id="MATRIISI-1",
            requested_on=today(),
            requester="Kela",
        )
        db_session.add(request)
        await db_session.flush()
        created["request_id"] = str(request.id)
        webhooks = await webhook_ids(
            client, db_session, test_issuer, source="/polku/clients-api", event_type="fi.polku.clients.matrix.v1"
        )
        parked = await parked_event_ids(db_session)
        common = {
            "client_id": client_id,
            "team_id": team_id,
            "upload_id": upload.json()["id"],
            **created,
            **parked["staff"],
        }
        ids = {
            "staff": {**common, **webhooks["staff"], "coach_subject": COACH, "filter_id": str(uuid.uuid4())},
            "partner": {**common, **webhooks["partner"], "coach_subject": COACH, "filter_id": str(uuid.uuid4())},
        }
        for role in STAFF:
            own = test_issuer.headers(subject=f"{role}-{LAHTI}", roles=[role], org=LAHTI)
            member = await client.post(
                f"/v1/teams/{team_id}/members",
                headers=manager,
                json={"coach_subject": f"{role}-{LAHTI}", "display_name": role},
            )
            assert member.status_code == 201, member.text
            saved = await client.post(
                "/v1/saved-filters", headers=own, json={"name": "Aamu", "parameters": {"filters": ["waiting_for_us"]}}
            )
            assert saved.status_code == 201, saved.text
            ids[role] = {
                **common,
                **webhooks["staff"],
                "coach_subject": f"{role}-{LAHTI}",
                "filter_id": saved.json()["id"],
            }
        return ids
