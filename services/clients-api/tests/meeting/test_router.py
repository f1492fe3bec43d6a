"""Booking, rescheduling, cancelling and holding meetings through the API; the coach's day and calendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import httpx
import icalendar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.meeting.models import Meeting
from polku_kit.audit import AuditRecord
from polku_kit.calendar import HELSINKI, today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from .. import factories

AINO = factories.AINO


def aino(issuer: TestIssuer) -> dict[str, str]:
    return issuer.headers(subject=AINO, roles=["coach"], org=LAHTI, name="Aino Ohjaaja")


def at(day: date, hour: int = 10) -> str:
    return datetime.combine(day, time(hour), HELSINKI).isoformat()


async def initial_deadline(client: httpx.AsyncClient, headers: dict[str, str], client_id: str) -> dict[str, object]:
    schedule = (await client.get(f"/v1/clients/{client_id}/schedule", headers=headers)).json()
    found: dict[str, object] = next(d for d in schedule["deadlines"] if d["kind"] == "initial_interview")
    return found


async def book(
    client: httpx.AsyncClient, headers: dict[str, str], client_id: str, starts_at: str, **changes: object
) -> httpx.Response:
    body = {
        "deadline_kind": "initial_interview",
        "deadline_number": 1,
        "starts_at": starts_at,
        "channel": "video",
        "location": "https://meet.example/abc",
        **changes,
    }
    return await client.post(f"/v1/clients/{client_id}/meetings", headers=headers, json=body)


def tomorrow_in_window(due_on: str) -> date:
    """A day after today inside the initial interview's window (registered ten days ago, due in a few days)."""
    day = today() + timedelta(days=1)
    assert day <= date.fromisoformat(due_on)
    return day


class TestBook:
    async def test_a_meeting_inside_the_window_is_booked_and_named(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        due = await initial_deadline(client, headers, client_id)
        day = tomorrow_in_window(str(due["due_on"]))
        booked = await book(client, headers, client_id, at(day))
        assert booked.status_code == 201, booked.text
        meeting = booked.json()
        assert booked.headers["ETag"] == '"v1"'
        assert meeting["state"] == "booked" and meeting["deadline_due_on"] == due["due_on"]
        assert meeting["coach_name"] == "Aino Ohjaaja" and meeting["booked_by_name"] == "Aino Ohjaaja"
        listed = (await client.get(f"/v1/clients/{client_id}/meetings", headers=headers)).json()
        assert [m["id"] for m in listed] == [meeting["id"]]
        day_view = await client.get(f"/v1/meetings?since={day.isoformat()}", headers=headers)
        assert day_view.status_code == 200, day_view.text
        assert [(m["id"], m["client_name"]) for m in day_view.json()["items"]] == [
            (meeting["id"], "Meikäläinen, Matti")
        ]
        assert (await client.get(f"/v1/meetings?since={today().isoformat()}", headers=headers)).json()["items"] == []
        events = (await db_session.scalars(select(OutboxEvent.type))).all()
        assert "fi.polku.client.meeting_booked.v1" in events
        audit = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "meeting", AuditRecord.action == "create")
            )
        ).all()
        assert [(a.actor_subject, str(a.data_subject_id)) for a in audit] == [(AINO, client_id)]

    async def test_outside_the_window_is_a_field_error_naming_the_window(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        due = date.fromisoformat(str((await initial_deadline(client, headers, client_id))["due_on"]))
        refused = await book(client, headers, client_id, at(due + timedelta(days=1)))
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["errors"][0]["field"] == "body.starts_at"
        assert problem["errors"][0]["code"] == "outside_window"
        assert due.isoformat() in problem["errors"][0]["message"]
        assert problem["window"] == {"opens_on": today().isoformat(), "closes_on": due.isoformat()}
        past = await book(client, headers, client_id, (datetime.now(UTC) - timedelta(hours=1)).isoformat())
        assert past.status_code == 422 and past.json()["errors"][0]["field"] == "body.starts_at"

    async def test_a_deadline_not_open_cannot_be_booked(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        for kind, number in (("employment_plan", 1), ("initial_interview", 9)):
            refused = await book(
                client, headers, client_id, at(today() + timedelta(days=1)), deadline_kind=kind, deadline_number=number
            )
            assert refused.status_code == 422, refused.text
            assert refused.json()["errors"][0]["field"] == "body.deadline_number"

    async def test_a_second_booking_for_the_same_deadline_is_a_conflict(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        day = tomorrow_in_window(str((await initial_deadline(client, headers, client_id))["due_on"]))
        assert (await book(client, headers, client_id, at(day))).status_code == 201
        again = await book(client, headers, client_id, at(day, 14))
        assert again.status_code == 409, again.text
        assert again.json()["type"].endswith("/meeting-already-booked")


class TestChange:
    async def test_reschedule_and_cancel_need_the_current_version(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        day = tomorrow_in_window(str((await initial_deadline(client, headers, client_id))["due_on"]))
        meeting = (await book(client, headers, client_id, at(day))).json()
        url = f"/v1/clients/{client_id}/meetings/{meeting['id']}"
        assert (await client.patch(url, headers=headers, json={"starts_at": at(day, 12)})).status_code == 428
        moved = await client.patch(url, headers={**headers, "If-Match": '"v1"'}, json={"starts_at": at(day, 12)})
        assert moved.status_code == 200, moved.text
        assert moved.headers["ETag"] == '"v2"' and moved.json()["starts_at"].startswith(day.isoformat())
        stale = await client.post(
            f"{url}/cancel", headers={**headers, "If-Match": '"v1"'}, json={"reason": "Asiakas sairastui"}
        )
        assert stale.status_code == 412, stale.text
        assert stale.json()["type"].endswith("/meeting-changed")
        late = await client.patch(
            url, headers={**headers, "If-Match": '"v2"'}, json={"starts_at": at(day + timedelta(days=60))}
        )
        assert late.status_code == 422 and late.json()["errors"][0]["field"] == "body.starts_at"
        cancelled = await client.post(
            f"{url}/cancel", headers={**headers, "If-Match": '"v2"'}, json={"reason": "Asiakas sairastui"}
        )
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["state"] == "cancelled" and cancelled.json()["updated_by_name"] == "Aino Ohjaaja"
        again = await client.post(
            f"{url}/cancel", headers={**headers, "If-Match": '"v3"'}, json={"reason": "Asiakas sairastui"}
        )
        assert again.status_code == 409, again.text
        assert (await book(client, headers, client_id, at(day))).status_code == 201  # the deadline is free again
        types = (await db_session.scalars(select(OutboxEvent.type))).all()
        assert {"fi.polku.client.meeting_rescheduled.v1", "fi.polku.client.meeting_cancelled.v1"} <= set(types)


class TestHeld:
    async def test_recording_a_meeting_held_meets_its_deadline(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        day = tomorrow_in_window(str((await initial_deadline(client, headers, client_id))["due_on"]))
        meeting = (await book(client, headers, client_id, at(day), channel="in_person", location="Huone 2")).json()
        url = f"/v1/clients/{client_id}/meetings/{meeting['id']}"
        early = await client.post(f"{url}/held", headers={**headers, "If-Match": '"v1"'}, json={})
        assert early.status_code == 422, early.text  # not before its day
        # The day comes: the meeting began a minute ago.
        await db_session.execute(
            update(Meeting)
            .where(Meeting.id == meeting["id"])
            .values(starts_at=datetime.now(UTC) - timedelta(minutes=1))
        )
        await db_session.flush()
        held = await client.post(
            f"{url}/held", headers={**headers, "If-Match": '"v1"'}, json={"notes": "Alkuhaastattelu"}
        )
        assert held.status_code == 200, held.text
        assert held.json()["state"] == "held" and held.json()["interview_id"]
        initial = await initial_deadline(client, headers, client_id)
        assert initial["status"] == "met" and initial["held_on"] == today().isoformat()
        interviews = (await client.get(f"/v1/clients/{client_id}/interviews", headers=headers)).json()
        assert [(i["id"], i["channel"], i["notes"]) for i in interviews] == [
            (held.json()["interview_id"], "in_person", "Alkuhaastattelu")
        ]
        types = (await db_session.scalars(select(OutboxEvent.type))).all()
        assert {"fi.polku.client.interview_held.v1", "fi.polku.client.meeting_held.v1"} <= set(types)


class TestAccess:
    async def test_wrong_role_and_other_organisation(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        day = tomorrow_in_window(str((await initial_deadline(client, headers, client_id))["due_on"]))
        meeting = (await book(client, headers, client_id, at(day))).json()
        partner = test_issuer.headers(subject="partner-kela", roles=["partner"], org=KELA)
        mikkeli = factories.coach(test_issuer, subject=AINO, org=MIKKELI)
        for headers_, expected in ((partner, 403), (mikkeli, 404)):
            assert (await client.get(f"/v1/clients/{client_id}/meetings", headers=headers_)).status_code == expected
            assert (await book(client, headers_, client_id, at(day, 15))).status_code == expected
            cancel = await client.post(
                f"/v1/clients/{client_id}/meetings/{meeting['id']}/cancel",
                headers={**headers_, "If-Match": '"v1"'},
                json={"reason": "Ei oikeutta"},
            )
            assert cancel.status_code == expected
        assert (await client.get("/v1/meetings", headers=partner)).status_code == 403
        # Mikkeli's coach of the same subject sees none of Lahti's meetings on their day.
        seen = await client.get(f"/v1/meetings?since={day.isoformat()}", headers=mikkeli)
        assert seen.status_code == 200 and seen.json()["items"] == []

    async def test_a_coach_outside_the_team_cannot_read_another_coachs_day(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        stranger = factories.coach(test_issuer, subject="coach-toinen")
        refused = await client.get(f"/v1/meetings?coach={AINO}", headers=stranger)
        assert refused.status_code == 403, refused.text


class TestCalendar:
    async def test_the_coachs_own_meetings_as_icalendar(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = aino(test_issuer)
        client_id = await factories.register(client, headers)
        day = tomorrow_in_window(str((await initial_deadline(client, headers, client_id))["due_on"]))
        meeting = (await book(client, headers, client_id, at(day, 9))).json()
        other = factories.coach(test_issuer, subject="coach-toinen")
        response = await client.get("/v1/meetings/calendar.ics", headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/calendar")
        parsed = icalendar.Calendar.from_ical(response.content)
        events = [c for c in parsed.walk("VEVENT")]
        assert [str(e["UID"]) for e in events] == [f"{meeting['id']}@polku"]
        event = events[0]
        assert event.decoded("DTSTART") == datetime.combine(day, time(9), HELSINKI)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
        assert str(event["SUMMARY"]) == "Meikäläinen, Matti" and str(event["LOCATION"]) == "https://meet.example/abc"
        assert str(parsed["VERSION"]) == "2.0" and str(event["STATUS"]) == "CONFIRMED"
        theirs = await client.get("/v1/meetings/calendar.ics", headers=other)
        assert theirs.status_code == 200 and list(icalendar.Calendar.from_ical(theirs.content).walk("VEVENT")) == []
