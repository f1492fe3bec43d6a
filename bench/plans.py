"""The statements behind an endpoint, with their plans, as the service really runs them.

PostgreSQL starts with ``auto_explain`` loaded but off (``AUTO_EXPLAIN``, a stack's ``postgres_settings``). To
capture, ``auto_explain.log_min_duration`` is set to 0 (``ALTER SYSTEM`` and a reload, which reaches the services'
pooled connections too), one request of each endpoint is made, and the ``EXPLAIN (ANALYZE, BUFFERS)`` of every
statement it ran is read back from the server's log; then it is off again. Off, it costs nothing: the measurement
runs before and without it.

A plan is flagged when it reads a large table (more than ``LARGE`` rows estimated) by a sequential scan.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg
import psutil

AUTO_EXPLAIN = {
    "shared_preload_libraries": "auto_explain",
    "auto_explain.log_analyze": "on",
    "auto_explain.log_buffers": "on",
    "auto_explain.log_timing": "on",
    "auto_explain.log_format": "json",
}
LARGE = 10_000
SKIPPED = ("pg_catalog", "alembic_version", "pg_advisory", "SELECT 1")


async def _set(dsn: str, value: str | None) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        if value is None:
            await connection.execute("ALTER SYSTEM RESET auto_explain.log_min_duration")
        else:
            await connection.execute(f"ALTER SYSTEM SET auto_explain.log_min_duration = {value}")
        await connection.execute("SELECT pg_reload_conf()")
    finally:
        await connection.close()
    await asyncio.sleep(1.0)  # each backend takes the reload at its next command


def _plans(text: str, backends: set[int]) -> list[dict[str, Any]]:
    """Every auto_explain plan of the given backends in a piece of the server's log (the default line prefix,
    ``%m [%p] ``; JSON format, continuation lines indented)."""
    plans, lines = [], text.splitlines()
    for number, line in enumerate(lines):
        if "plan:" not in line or "duration:" not in line:
            continue
        pid = line.split("[", 1)[1].split("]", 1)[0] if "[" in line else ""
        if not pid.isdigit() or int(pid) not in backends:
            continue
        body = []
        for following in lines[number + 1 :]:
            if following and not following[0].isspace():
                break
            body.append(following)
        try:
            plans.append(json.loads("\n".join(body)))
        except json.JSONDecodeError:
            continue
    return plans


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(each for child in node.get("Plans", []) for each in _nodes(child))]


def summary(plan: dict[str, Any], sizes: dict[str, int], *, whole: bool = False) -> dict[str, Any]:
    """The statement, how each table was reached, the buffers, the time, and whether a large table was scanned;
    ``whole``: the plan too, every node with its estimates, actual rows and buffers."""
    nodes = _nodes(plan["Plan"])
    access = []
    scans = []
    for node in nodes:
        relation = node.get("Relation Name")
        if relation is None:
            continue
        index = f" using {node['Index Name']}" if node.get("Index Name") else ""
        access.append(f"{node['Node Type']}{index} on {relation}")
        if node["Node Type"] == "Seq Scan" and sizes.get(relation, 0) > LARGE:
            scans.append(relation)
    top = plan["Plan"]
    return {
        "statement": " ".join(plan["Query Text"].split())[:400],
        "access": access,
        "large_seq_scans": scans,
        "shared_hit": top.get("Shared Hit Blocks", 0),
        "shared_read": top.get("Shared Read Blocks", 0),
        "ms": round(top.get("Actual Total Time", 0.0), 3),
    } | ({"plan": top} if whole else {})


async def table_rows(dsn: str) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT relname, reltuples::bigint AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = "
            "'public'::regnamespace"
        )
    finally:
        await connection.close()
    return {row["relname"]: row["rows"] for row in rows}


async def backends_of(dsn: str, process_id: int) -> set[int]:
    """The PostgreSQL backends serving the connections of one process (and its children): the service's pool, not
    its dispatcher's nor another service's."""
    process = psutil.Process(process_id)
    ports = {
        connection.laddr.port
        for each in [process, *process.children(recursive=True)]
        for connection in each.net_connections(kind="tcp")
        if connection.raddr
    }
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])", list(ports)
        )
    finally:
        await connection.close()
    return {row["pid"] for row in rows}


def capture(
    log: Path,
    dsn: str,
    requests: dict[str, tuple[int, Callable[[], None]]],
    sizes: dict[str, int],
    *,
    whole: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """name → the plans of the statements that one call of ``requests[name]`` (process id of the service it
    reaches, the call) ran on that service's connections, in order; ``dsn`` is any database of the server (the
    setting is the server's), ``log`` its log file; ``whole``: each plan whole, not only its summary."""
    asyncio.run(_set(dsn, "0"))
    captured: dict[str, list[dict[str, Any]]] = {}
    try:
        for name, (process_id, request) in requests.items():
            start = log.stat().st_size
            request()
            time.sleep(0.5)
            backends = asyncio.run(backends_of(dsn, process_id))
            with open(log, encoding="utf-8", errors="replace") as file:
                file.seek(start)
                piece = file.read()
            captured[name] = [
                summary(plan, sizes, whole=whole)
                for plan in _plans(piece, backends)
                if not any(skip in plan.get("Query Text", "") for skip in SKIPPED)
            ]
    finally:
        asyncio.run(_set(dsn, None))
    return captured


def markdown(captured: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = [
        "| endpoint | statement | access | buffers hit/read | ms | large seq scan |",
        "|---|---|---|---:|---:|---|",
    ]
    for name, plans in captured.items():
        for plan in plans:
            statement = plan["statement"][:140].replace("|", "\\|")
            lines.append(
                f"| {name} | `{statement}` | {'; '.join(plan['access']) or '–'} "
                f"| {plan['shared_hit']}/{plan['shared_read']} | {plan['ms']} "
                f"| {', '.join(plan['large_seq_scans']) or 'no'} |"
            )
    return lines
