"""Meetings booked with a client (*ajanvaraus*)."""
