"""Optimistic concurrency for records edited in place (a webhook subscription; in referrals-api a partner
organisation, a service, a draft referral): each carries a ``version`` that every change increments; reading one
gives it as the ``ETag``, and a change must send it back in ``If-Match``. Two people editing the same record at
once: the second gets 412, not a lost update. (clients-api's plans and assessments keep every version as a row
and name their ETags after it.)"""

from __future__ import annotations

from typing import Annotated, Any, Protocol

from fastapi import Header

from polku_kit.errors import PreconditionFailed, PreconditionRequired

IfMatch = Annotated[str | None, Header(max_length=100, description="The ETag of the version edited")]


class RecordChanged(PreconditionFailed):
    slug = "record-changed"
    title = "The record was changed by someone else"


class Versioned(Protocol):
    version: int


def etag(record: Versioned) -> str:
    return f'"v{record.version}"'


def check(record: Versioned, if_match: str | None, *, current: str) -> None:
    """Refuse a change made without the version (428) or to a version that is no longer current (412).
    The caller holds the record's row lock, so no one changes it between this check and the write."""
    if if_match is None:
        raise PreconditionRequired(f"Send If-Match: {etag(record)} (the version you edited)")
    if if_match.strip() not in (etag(record), "*"):
        raise RecordChanged(f"Version {record.version} was saved by someone else after the version you edited",
                            current_version=record.version, current=current)


def bump(record: Any) -> None:
    record.version += 1
