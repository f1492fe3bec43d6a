"""The top costs in a py-spy profile: ``py-spy record --format raw`` writes collapsed stacks (one line per stack,
frames separated by ``;``, the sample count last); this prints the frames with the most samples on the stack
(inclusive) and at its top (own time), as a share of all samples.

    py-spy record --format raw -o clients.txt --pid PID --duration 6
    uv run python bench/profile_top.py clients.txt [--top 15] [--match clients_api]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    own, inclusive, total = counts(args.profile)
    print(f"{total} samples\n\n| own % | function |\n|---:|---|")
    for frame, samples in own.most_common(args.top):
        print(f"| {100 * samples / total:.1f} | `{frame}` |")
    print("\n| inclusive % | function |\n|---:|---|")
    for frame, samples in inclusive.most_common(args.top * 2):
        print(f"| {100 * samples / total:.1f} | `{frame}` |")


if __name__ == "__main__":
    main()
