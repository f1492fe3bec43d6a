"""Load through the gateway: what authentication and a database read cost, and how much memory the stack takes.

Starts the whole stack on free ports (as `make run` would, with a throwaway database), then for each endpoint
runs a closed loop of CONCURRENCY clients for DURATION seconds and reports throughput and latency percentiles:

- ``bare``: ``GET /api/clients/healthz`` — no token, no database;
- ``auth``: ``GET /api/clients/v1/me`` — token checked, no database;
- ``auth_db``: ``GET /api/clients/v1/webhook-subscriptions`` — token checked, role checked, database read.

The ratio auth_db / bare is the figure to watch (measured in one run, on one machine, so the load
generator's own CPU use, which competes with the stack on a small machine, cancels out). Memory: the
resident and proportional set size of every process of the stack, idle and right after the load.

    uv run python bench/gateway_load.py [--duration 10] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack

RESULTS = Path(__file__).parent / "results"


def memory(stack: Stack) -> dict[str, dict[str, float]]:
    """MiB per process (children included: PostgreSQL's backends), RSS and PSS."""
    report: dict[str, dict[str, float]] = {}
    roots = dict(stack.process_ids())
    if stack._postgres is not None and stack._postgres._process is not None:
        roots["postgres"] = stack._postgres._process.pid
    for name, pid in roots.items():
        try:
            parent = psutil.Process(pid)
            processes = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        rss = pss = 0
        for process in processes:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        report[name] = {"rss_mib": round(rss / 2**20, 1), "pss_mib": round(pss / 2**20, 1)}
    report["total"] = {
        "rss_mib": round(sum(v["rss_mib"] for v in report.values()), 1),
        "pss_mib": round(sum(v["pss_mib"] for v in report.values()), 1),
    }
    return report


async def load(url: str, headers: dict[str, str], *, duration: float, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=10.0) as client:
        for _ in range(20):  # warm-up: connections, caches, JWKS
            await client.get(url)
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2)

    return {
        "requests": len(latencies),
        "errors": errors,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), settings=NO_RATE_LIMITS)
    stack.start()
    try:
        token = subprocess.run(
            ["polku-identity", "token", "admin"], env=stack.env(), capture_output=True, text=True, check=True
        ).stdout.strip()
        auth = {"Authorization": f"Bearer {token}"}
        base = stack.public_url
        time.sleep(2)
        idle = memory(stack)
        endpoints = {
            "bare": (f"{base}/api/clients/healthz", {}),
            "auth": (f"{base}/api/clients/v1/me", auth),
            "auth_db": (f"{base}/api/clients/v1/webhook-subscriptions", auth),
        }
        results = {
            name: asyncio.run(load(url, headers, duration=args.duration, concurrency=args.concurrency))
            for name, (url, headers) in endpoints.items()
        }
        loaded = memory(stack)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    report = {
        "machine": {
            "cpus": psutil.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {"duration_s": args.duration, "concurrency": args.concurrency},
        "endpoints": results,
        "ratios": {
            "auth_db_to_bare_throughput": round(
                results["auth_db"]["throughput_rps"] / results["bare"]["throughput_rps"], 3
            ),
            "auth_to_bare_throughput": round(results["auth"]["throughput_rps"] / results["bare"]["throughput_rps"], 3),
        },
        "memory_idle": idle,
        "memory_after_load": loaded,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "gateway-load.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Gateway load",
        "",
        f"{report['machine']['cpus']} CPUs, {args.concurrency} concurrent clients, {args.duration:g} s per endpoint, "
        "load generator on the same machine.",
        "",
        "| endpoint | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['throughput_rps']} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['p99_ms']} | {row['errors']} |"
        )
    lines += [
        "",
        f"auth_db / bare throughput: **{report['ratios']['auth_db_to_bare_throughput']}**; "
        f"auth / bare: {report['ratios']['auth_to_bare_throughput']}",
        "",
        "| process | idle RSS MiB | idle PSS MiB | loaded RSS MiB | loaded PSS MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in idle:
        after = loaded.get(name, {"rss_mib": 0, "pss_mib": 0})
        lines.append(
            f"| {name} | {idle[name]['rss_mib']} | {idle[name]['pss_mib']} | {after['rss_mib']} | {after['pss_mib']} |"
        )
    (RESULTS / "gateway-load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
