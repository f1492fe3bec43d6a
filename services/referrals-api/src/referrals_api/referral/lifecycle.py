"""The referral lifecycle as data: which status may follow which, and who may make the move.

Modelled on HL7 FHIR R4 Task (https://hl7.org/fhir/R4/task.html#statemachine): a referral is a Task whose
requester is the coach's organisation and whose owner is the partner. The sender keeps responsibility
until the partner has accepted ("hand to hand", *saattaen vaihtaen*); until then the referral is on the
sender's due list, and if the partner does not answer in the agreed number of working days it expires.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from referrals_api.referral.models import ReferralStatus as S


class Party(StrEnum):
    sender = "sender"  # staff of the sending employment authority
    partner = "partner"  # the receiving organisation's users and systems
    system = "system"  # the expiry job


SENDER, PARTNER, SYSTEM = frozenset({Party.sender}), frozenset({Party.partner}), frozenset({Party.system})
EITHER = SENDER | PARTNER

TRANSITIONS: dict[tuple[S, S], frozenset[Party]] = {
    (S.draft, S.requested): SENDER,  # sending: only through the consent-checked send
    (S.draft, S.cancelled): SENDER,
    (S.requested, S.received): PARTNER,
    (S.requested, S.accepted): PARTNER,
    (S.requested, S.rejected): PARTNER,
    (S.requested, S.cancelled): SENDER,
    (S.requested, S.expired): SYSTEM,
    (S.received, S.accepted): PARTNER,
    (S.received, S.rejected): PARTNER,
    (S.received, S.cancelled): SENDER,
    (S.received, S.expired): SYSTEM,
    (S.accepted, S.in_progress): PARTNER,
    (S.accepted, S.on_hold): PARTNER,
    (S.accepted, S.completed): PARTNER,
    (S.accepted, S.cancelled): EITHER,
    (S.in_progress, S.on_hold): PARTNER,
    (S.in_progress, S.completed): PARTNER,
    (S.in_progress, S.cancelled): EITHER,
    (S.on_hold, S.in_progress): PARTNER,
    (S.on_hold, S.cancelled): EITHER,
}

TERMINAL = frozenset({S.rejected, S.completed, S.cancelled, S.expired})
# Moves made through their own endpoint, never through the generic transition.
SPECIAL = frozenset({(S.draft, S.requested), (S.requested, S.expired), (S.received, S.expired)})
# The partner's first answer: the time to first response runs from sending to the first of these.
RESPONSES = frozenset({S.received, S.accepted, S.rejected})


@cache  # every referral shown carries its moves: ten statuses and three parties, answered once each
def allowed(current: S, party: Party) -> tuple[S, ...]:
    """The statuses ``party`` may move a referral in ``current`` to (in the order of :class:`S`, for messages)."""
    return tuple(
        to for to in S if party in TRANSITIONS.get((current, to), frozenset()) and (current, to) not in SPECIAL
    )


def may(current: S, to: S, party: Party) -> bool:
    return party in TRANSITIONS.get((current, to), frozenset())
