"""Who acts in the current request or job, for the records that name the acting person (events, timelines).

The token's claims at the time of the act are kept, not looked up later: a person's name and organisation as they
were when they acted. Kept apart from the log context on purpose, so that names do not travel into logs.

Events carry the actor as CloudEvents extension attributes (lower-case letters only, as the specification asks):
``polkuactor`` (the subject), ``polkuactorname``, ``polkuactororg`` (the organisation's id) and
``polkuactororgname``. A periodic job acts as ``system:<job>`` with no name.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# CloudEvents extension attribute of each field.
EXTENSIONS = {
    "subject": "polkuactor",
    "name": "polkuactorname",
    "organisation_id": "polkuactororg",
    "organisation_name": "polkuactororgname",
}


@dataclass(frozen=True)
class Actor:
    subject: str
    name: str | None = None
    organisation_id: str | None = None
    organisation_name: str | None = None

    def as_json(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value}

    @classmethod
    def from_json(cls, value: Mapping[str, Any] | None) -> Actor | None:
        if not value or not isinstance(value.get("subject"), str):
            return None
        return cls(**{key: str(value[key]) for key in EXTENSIONS if isinstance(value.get(key), str)})

    def extensions(self) -> dict[str, str]:
        return {EXTENSIONS[key]: value for key, value in self.as_json().items()}

    @classmethod
    def from_extensions(cls, envelope: Mapping[str, Any]) -> Actor | None:
        return cls.from_json({key: envelope.get(attribute) for key, attribute in EXTENSIONS.items()})


_current: ContextVar[Actor | None] = ContextVar("polku_actor", default=None)


def set_actor(actor: Actor | None) -> None:
    """The person (or job) acting in this request or task from now on."""
    _current.set(actor)


def current_actor() -> Actor | None:
    return _current.get()


def acting_as(subject: str) -> Actor:
    """The actor for a record made by ``subject``: the current person's details when it is they who act, else the
    subject alone (a job's ``system:<job>``, or a person whose details this process does not hold)."""
    actor = _current.get()
    return actor if actor is not None and actor.subject == subject else Actor(subject=subject)


__all__ = ["EXTENSIONS", "Actor", "acting_as", "current_actor", "set_actor"]
