"""The lifecycle of a vacancy as data: who may move it where. A vacancy is drafted, published, and ends filled,
closed, or expired when its application deadline passes (the periodic job ``employer-api expire``). An expired
vacancy may be published again with a later deadline; an ended one otherwise stays ended."""

from __future__ import annotations

from employer_api.vacancy.models import VacancyStatus

S = VacancyStatus

# (from, to): moved by people through the API. The expiry job alone moves published → expired.
TRANSITIONS: frozenset[tuple[VacancyStatus, VacancyStatus]] = frozenset(
    {
        (S.draft, S.published),
        (S.draft, S.closed),
        (S.published, S.filled),
        (S.published, S.closed),
        (S.expired, S.published),
        (S.expired, S.closed),
    }
)
ENDED = frozenset({S.filled, S.closed, S.expired})
EDITABLE = frozenset({S.draft, S.published, S.expired})


def allowed(current: VacancyStatus) -> list[VacancyStatus]:
    return sorted((to for (from_, to) in TRANSITIONS if from_ is current), key=list(VacancyStatus).index)
