"""The top costs in a py-spy profile: ``py-spy record --format raw`` writes collapsed stacks (one line per stack,
frames separated by ``;``, the sample count last); this prints the frames with the most samples on the stack
(inclusive) and at its top (own time), as a share of all samples.

    py-spy record --format raw -o clients.txt --pid PID --duration 6
    uv run python bench/profile_top.py clients.txt [--top 15]
    uv run python bench/profile_top.py clients.txt other.txt --parts [--cpu-ms 0.70,1.41]

``--parts`` sums each profile's own time by the part of the request path it belongs to (``PARTS``: the answer's
socket write, asyncpg, the event loop, uvicorn, the access line, the framework, SQLAlchemy, pydantic, the endpoint's
own code) and prints one column per profile; with ``--cpu-ms`` (the service's CPU milliseconds a request of each
profile, as ``gateway_load.py`` reports them, in the same order) the shares become milliseconds a request.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# "function (module/path.py:123)" → "function (module/path.py)": one row per function, not per line.
LINE = re.compile(r":\d+\)$")


def counts(profile: Path) -> tuple[Counter[str], Counter[str], int]:
    """Samples by function at the top of the stack (own), anywhere on it (inclusive), and all samples."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in profile.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue  # a frame whose name spans lines (py-spy writes it as it finds it): its stack is dropped
        samples = int(count)
        frames = [
            LINE.sub(")", frame.split(" (", 1)[0] + " (" + frame.split(" (", 1)[-1]) for frame in stack.split(";")
        ]
        frames = [re.sub(r"\S*/site-packages/", "", frame) for frame in frames]
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            inclusive[frame] += samples
    return own, inclusive, total


# The parts of the request path, each named by marks found in a frame's function or module.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("the answer's socket write", ("_Prefixed.write", "_Held.")),
    ("asyncpg: the statement's round trip", ("asyncpg/",)),
    ("the event loop (uvloop, in C)", ("Runner.run",)),
    ("uvicorn: HTTP parsing, the cycle", ("uvicorn/", "polku_kit/serving.py")),
    ("the access line and request context", ("observability.py", "structlog/", "logging/")),
    (
        "FastAPI, Starlette, routing, middleware",
        (
            "fastapi/",
            "starlette/",
            "anyio/",
            "polku_kit/routing.py",
            "polku_kit/ratelimit.py",
            "polku_kit/errors.py",
            "contextlib.py",
            "inspect.py",
        ),
    ),
    ("authentication: the caller", ("polku_kit/auth.py",)),
    ("SQLAlchemy: results, sessions", ("sqlalchemy/", "greenlet", "polku_kit/compiled.py", "polku_kit/db.py")),
    ("pydantic: models, JSON", ("pydantic",)),
    ("the endpoint's own code", ("clients_api/", "referrals_api/", "polku_kit/audit.py", "polku_kit/crypto")),
]


def part_of(frame: str) -> str:
    """The part of :data:`PARTS` a frame (``function (module/path.py)``) belongs to: the first with a mark in it."""
    for name, marks in PARTS:
        if any(mark in frame for mark in marks):
            return name
    return "other"


def parts(profiles: list[Path], cpu_ms: list[float] | None) -> None:
    """One column per profile: its own time by part, as a share of its samples or as milliseconds a request."""
    shares = []
    for profile in profiles:
        own, _, total = counts(profile)
        by_part: Counter[str] = Counter()
        for frame, samples in own.items():
            by_part[part_of(frame)] += samples
        shares.append({name: samples / total for name, samples in by_part.items()})
    unit = "ms a request" if cpu_ms else "% of samples"
    print(f"| own time by part, {unit} | " + " | ".join(profile.stem for profile in profiles) + " |")
    print("|---|" + "---:|" * len(profiles))
    for name in [name for name, _ in PARTS] + ["other"]:
        cells = [
            f"{share.get(name, 0.0) * cpu_ms[i]:.3f}" if cpu_ms else f"{100 * share.get(name, 0.0):.1f}"
            for i, share in enumerate(shares)
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path, nargs="+")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--parts", action="store_true", help="own time by part of the request path, a column a profile")
    parser.add_argument(
        "--cpu-ms", help="with --parts: the service's CPU ms a request of each profile, comma-separated"
    )
    args = parser.parse_args()
    if args.parts:
        cpu_ms = [float(value) for value in args.cpu_ms.split(",")] if args.cpu_ms else None
        if cpu_ms is not None and len(cpu_ms) != len(args.profile):
            parser.error("--cpu-ms needs one figure for each profile")
        parts(args.profile, cpu_ms)
        return
    if len(args.profile) != 1:
        parser.error("one profile at a time without --parts")
    own, inclusive, total = counts(args.profile[0])
    print(f"{total} samples\n\n| own % | function |\n|---:|---|")
    for frame, samples in own.most_common(args.top):
        print(f"| {100 * samples / total:.1f} | `{frame}` |")
    print("\n| inclusive % | function |\n|---:|---|")
    for frame, samples in inclusive.most_common(args.top * 2):
        print(f"| {100 * samples / total:.1f} | `{frame}` |")


if __name__ == "__main__":
    main()
