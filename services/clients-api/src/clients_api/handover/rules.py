"""When a client passes from the initial service to a personal coach.

The initial service holds the first three months of the job search; the personal coach holds the last interview
of those months, and the client is theirs from then on (Mikkelin seudun kuntakokeilu, ohjausryhmä 19.1.2022:
"Ensimmäisen kolmen kuukauden viimeisen haastattelun suorittaa omavalmentaja, jonka asiakkuuteen asiakas
siirtyy"). Those months are the ones of the intensive start of the service process of Laki
työvoimapalveluiden järjestämisestä 380/2023, 6 luku (the initial interview, the employment plan and the
supplementary job-search discussions within three months of the initial interview).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from polku_kit.calendar import add_months

INITIAL_SERVICE_MONTHS = 3
# A hand-over is routed this many days before it falls due: time for the two coaches to meet the client together.
ROUTING_LEAD_DAYS = 14


@dataclass(frozen=True)
class Interview:
    due_on: date
    supplementary: bool


def handover_due(job_search_started_on: date, interviews: Iterable[Interview]) -> date:
    """The day of the last interview of the first three months, which the personal coach holds: the last
    supplementary discussion due within three months of the start, or the three months' end without one."""
    end = add_months(job_search_started_on, INITIAL_SERVICE_MONTHS)
    within = [i.due_on for i in interviews if i.supplementary and i.due_on <= end]
    return max(within, default=end)
