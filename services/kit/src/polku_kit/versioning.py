"""Optimistic concurrency for records edited in place (a webhook subscription; in referrals-api a partner
organisation, a service, a draft referral): each carries a ``version`` that every change increments; reading one
gives it as the ``ETag``, and a change must send it back in ``If-Match``. Two people editing the same record at
once: the second gets 412, not a lost update. (clients-api's plans and assessments keep every version as a row
and name their ETags after it.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Protocol

from fastapi import Header

from polku_kit.errors import PreconditionFailed, PreconditionRequired

IfMatch = Annotated[str | None, Header(max_length=100, description="The ETag of the version edited")]


class RecordChanged(PreconditionFailed):
    slug = "record-changed"
    title = "The record was changed by someone else"


class Versioned(Protocol):
    """A record's version, or the newest version of a record kept as a row per version: read, never set here."""

    @property
    def version(self) -> int: ...


def etag(record: Versioned) -> str:
    return f'"v{record.version}"'


# An entity-tag in a header (RFC 9110 section 8.8.3): optionally weak, then the opaque tag in double quotes.
_ENTITY_TAG = re.compile(r'\s*(?:W/)?"([^"]*)"\s*(?:,|$)')
# A gateway that compresses a response marks its ETag with the coding (Caddy's `encode`: "v1" → "v1-gzip"), and
# a client sends that form back in If-Match; the gateway restores only If-None-Match.
_CODING_SUFFIX = re.compile(r"-(?:gzip|zstd|br|deflate)$")


def matches(if_match: str, current: str) -> bool:
    """Whether ``If-Match`` names the current version (its ETag ``current``): ``*``, or any entity-tag of the
    list (RFC 9110 section 13.1.1), also as an intermediary changed it on its way to the client: with the
    content coding appended by a compressing gateway, or made weak (``W/"v1"``, as nginx does when it
    compresses). These ETags name a version of the record, not a byte sequence, so every form of the tag
    names the same version; a list that does not parse matches nothing."""
    value = if_match.strip()
    if value == "*":
        return True
    wanted = current.strip('"')
    position, tags = 0, []
    while position < len(value):
        found = _ENTITY_TAG.match(value, position)
        if found is None or found.end() == position:
            return False
        tags.append(found.group(1))
        position = found.end()
    return any(tag == wanted or _CODING_SUFFIX.sub("", tag) == wanted for tag in tags)


def check(
    record: Versioned,
    if_match: str | None,
    *,
    current: str,
    tag: Callable[[int], str] | None = None,
    changed: type[PreconditionFailed] = RecordChanged,
) -> None:
    """Refuse a change made without the version (428) or to a version that is no longer current (412).
    The caller holds the record's row lock, so no one changes it between this check and the write.
    ``tag`` names a version's ETag when it is not :func:`etag`'s; ``changed`` is the 412 to raise."""
    current_tag = tag(record.version) if tag else etag(record)
    if if_match is None:
        raise PreconditionRequired(f"Send If-Match: {current_tag} (the version you edited)")
    if not matches(if_match, current_tag):
        raise changed(
            f"Version {record.version} was saved by someone else after the version you edited",
            current_version=record.version,
            current=current,
        )


def check_latest(
    latest: Versioned | None,
    if_match: str | None,
    *,
    what: str,
    current: str,
    tag: Callable[[int], str],
    changed: type[PreconditionFailed],
) -> None:
    """:func:`check` for a record kept as a row per version (clients-api's plans and assessments): ``latest``
    is its newest version, or None before the first. The first version is saved without ``If-Match`` (or with
    ``*``); an ``If-Match`` naming a version when there is none is a 412."""
    if latest is not None:
        check(latest, if_match, current=current, tag=tag, changed=changed)
    elif if_match is not None and if_match.strip() != "*":
        raise changed(f"The {what} you edited does not exist any more", current_version=0)


def bump(record: Any) -> None:
    record.version += 1
