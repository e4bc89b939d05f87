"""Start-up cost of the `stats` command: CPU seconds of `stats --help` and `stats --version`.

Usage: python benchmarks/bench_startup.py [--runs N]

Each command runs N times in a fresh interpreter (`python -m stats.cli`, as the console script
does); the CPU time (user + system) of each child comes from `resource.getrusage`. The median
and the best run are printed, beside a bare `python -c pass` for scale. Target: under 0.15 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys

TARGET = 0.15

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "stats --help": [sys.executable, "-m", "stats.cli", "--help"],
    "stats --version": [sys.executable, "-m", "stats.cli", "--version"],
}


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) one run of `cmd` costs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs per command")
    args = ap.parse_args(argv)
    for name, cmd in COMMANDS.items():
        times = [child_cpu(cmd) for _ in range(args.runs)]
        median, best = statistics.median(times), min(times)
        verdict = "" if name.startswith("python") else ("  ok" if median < TARGET else "  SLOW")
        print(
            f"{name:18s} median {median:.3f} s CPU, best {best:.3f} s ({args.runs} runs){verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
