"""What writing each answer in one piece saves: uvicorn's own httptools protocol beside ``OneWriteProtocol``.

Starts two uvicorn processes serving the same small ASGI app (a JSON answer of BODY bytes, the size of an ordinary
API answer), one with uvicorn's own protocol (the head and the body in two writes) and one with
``polku_kit.serving.OneWriteProtocol`` (one write), each behind its own Caddy, and loads both with wrk at the same
time, CONNECTIONS connections each, ROUNDS times DURATION seconds: both sides share the machine's cores and whatever
else runs on it alike, so their CPU time per request compares even on a busy machine. Reports, for each side and
round, requests/s, p95, and the CPU milliseconds per request of the service's and of Caddy's process.

    uv run python bench/one_write.py [--rounds 3] [--duration 8] [--connections 8] [--body 600]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

SIDES = ("uvicorn", "one-write")

# wrk prints the run's p95 (microseconds) after its own report.
DONE = """
done = function(summary, latency, requests)
  io.write(string.format('\\nP95 %d\\n', latency:percentile(95)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(side: str, port: int, body_size: int) -> None:
    """The service of one side (run in its own process)."""
    import uvicorn

    from polku_kit.serving import OneWriteProtocol

    body = json.dumps({"items": ["x" * 40] * max(0, (body_size - 20) // 45)}).encode()
    start = {
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    }

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        http=OneWriteProtocol if side == "one-write" else "httptools",
        loop="uvloop",
        lifespan="off",
        log_config=None,
        access_log=False,
    )


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--body", type=int, default=600, help="the answer's size in bytes, about")
    parser.add_argument("--serve", nargs=2, metavar=("SIDE", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.body)
        return
    wrk = shutil.which("wrk")
    caddy = shutil.which("caddyserver") or str(Path(sys.executable).parent / "caddyserver")
    if wrk is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    processes: dict[str, subprocess.Popen[bytes]] = {}
    urls: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="one-write-") as folder:
        script = Path(folder) / "done.lua"
        script.write_text(DONE)
        try:
            for side in SIDES:
                service_port, gateway_port = free_port(), free_port()
                processes[side] = subprocess.Popen(
                    [sys.executable, __file__, "--body", str(args.body), "--serve", side, str(service_port)]
                )
                config = Path(folder) / f"{side}.Caddyfile"
                config.write_text(
                    "{\n\tadmin off\n\tauto_https off\n\tpersist_config off\n}\n"
                    f":{gateway_port} {{\n\treverse_proxy 127.0.0.1:{service_port}\n}}\n"
                )
                processes[f"{side} gateway"] = subprocess.Popen(
                    [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                urls[side] = f"http://127.0.0.1:{gateway_port}/"
            deadline = time.monotonic() + 30
            for url in urls.values():
                while True:
                    try:
                        if httpx.get(url).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    if time.monotonic() > deadline:
                        raise SystemExit(f"{url} did not answer")
                    time.sleep(0.2)
            watched = {name: psutil.Process(process.pid) for name, process in processes.items()}
            print(f"body {len(httpx.get(urls[SIDES[0]]).content)} bytes, {args.connections} connections a side")
            for url in urls.values():  # warm-up
                subprocess.run([wrk, "-t", "1", "-c", "2", "-d", "1s", url], capture_output=True, check=True)
            for round_number in range(1, args.rounds + 1):
                before = {name: cpu_seconds(process) for name, process in watched.items()}
                runs = {
                    side: subprocess.Popen(
                        [
                            wrk,
                            "-t",
                            "1",
                            "-c",
                            str(args.connections),
                            "-d",
                            f"{args.duration:g}s",
                            "-s",
                            str(script),
                            url,
                        ],
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                    for side, url in urls.items()
                }
                outputs = {side: run.communicate()[0] for side, run in runs.items()}
                spent = {name: cpu_seconds(process) - before[name] for name, process in watched.items()}
                load = os.getloadavg()[0]
                for side, output in outputs.items():
                    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
                    p95 = int(re.search(r"P95 (\d+)", output).group(1)) / 1000  # type: ignore[union-attr]
                    print(
                        f"round {round_number} {side:9s}: {requests / args.duration:8.1f} requests/s,"
                        f" p95 {p95:6.2f} ms,"
                        f" CPU ms/request service {1000 * spent[side] / requests:.4f},"
                        f" gateway {1000 * spent[f'{side} gateway'] / requests:.4f}, load average {load:.2f}",
                        flush=True,
                    )
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                process.wait(10)


if __name__ == "__main__":
    main()
