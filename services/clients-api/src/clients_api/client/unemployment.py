"""The continuity of unemployment, as the client package uses it (the rules live in :mod:`clients_api.continuity`,
which the schedule reads too)."""

from clients_api.continuity import (
    TOLERATED_BREAK_DAYS,
    UNEMPLOYED,
    StatusEntry,
    unemployed_since,
    unemployed_since_in_periods,
    unemployment_spells,
)

__all__ = [
    "TOLERATED_BREAK_DAYS",
    "UNEMPLOYED",
    "StatusEntry",
    "unemployed_since",
    "unemployed_since_in_periods",
    "unemployment_spells",
]
