"""The coach's own meetings as an iCalendar file (RFC 5545), for their calendar application."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from clients_api.meeting.models import MeetingState
from clients_api.meeting.schemas import CoachMeetingRead

PRODID = "-//Polku//clients-api meetings//FI"


def calendar(meetings: Iterable[CoachMeetingRead], *, name: str, now: datetime | None = None) -> bytes:
    """One VEVENT per meeting, its UID stable across downloads and its SEQUENCE the meeting's version, so a
    calendar that imports the file again updates a rescheduled meeting; a cancelled one is STATUS:CANCELLED."""
    stamp = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.id}@polku")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.starts_at.astimezone(UTC) + timedelta(minutes=meeting.duration_minutes))
        event.add("sequence", meeting.version - 1)
        event.add("summary", meeting.client_name)
        if meeting.location:
            event.add("location", meeting.location)
        event.add("categories", [meeting.channel.value])
        event.add("status", "CANCELLED" if meeting.state is MeetingState.cancelled else "CONFIRMED")
        cal.add_component(event)
    body: bytes = cal.to_ical()
    return body
