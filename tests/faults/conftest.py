"""The fault harness's pytest wiring.

Every test here is marked ``faults``. The long scenarios (a PostgreSQL outage, a service killed mid-burst)
are also marked ``faults_long`` and run only when the faults are selected (``make test-faults``, which runs
``pytest -m faults tests/faults``); the default run keeps the short ones. With every scenario run, the counts
are written to ``bench/results/faults.md``.
"""

from __future__ import annotations

import pytest

from polku_dev.devstack import REPO
from tests.faults.harness import TALLIES

RESULTS = REPO / "bench" / "results" / "faults.md"


def _selected(config: pytest.Config) -> bool:
    return "faults" in (config.getoption("markexpr", "") or "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _selected(config):
        return
    skip = pytest.mark.skip(reason="a long fault scenario: run with `make test-faults`")
    for item in items:
        if item.get_closest_marker("faults_long") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLIES:
        terminalreporter.section("faults: sent, delivered, duplicated, lost, dead-lettered")
        for tally in TALLIES:
            terminalreporter.line(tally.line())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Only a full, passing run of every scenario rewrites the committed table.
    if not TALLIES or not _selected(session.config) or exitstatus != 0:
        return
    lines = [
        "# Faults that lose nothing",
        "",
        "Written by `make test-faults` (tests/faults): the real processes on free ports, a receiver that verifies",
        "every Standard Webhooks signature and counts deliveries per event id. *Delivered* counts event ids the",
        "receiver handled, *duplicated* the receipts of an id beyond its first (the receiver's inbox ignores",
        "them), *lost* the events neither delivered nor dead-lettered.",
        "",
        "| scenario | sent | delivered | duplicated | lost | dead-lettered | notes |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for tally in TALLIES:
        lines.append(
            f"| {tally.scenario} | {tally.sent} | {tally.delivered} | {tally.duplicated} | {tally.lost} "
            f"| {tally.dead_lettered} | {tally.note} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n")
