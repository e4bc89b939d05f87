"""Time per KB of `stats.parse.extract` on one document of 1 KB, 1 MB and 10 MB.

Usage: python benchmarks/bench_doc_size.py [--sizes 1e3,1e6,1e7] [--budget SECONDS]

A flat line (the same ms/KB at every size) means one large document costs no more per byte
than many small ones. The document repeats short paragraphs written for this benchmark (no
external text), each with a few figures, so the parser does its usual work throughout. A size
whose extraction passes `--budget` seconds is reported as such, not waited for.
"""

from __future__ import annotations

import argparse
import time

from stats.facts import Document
from stats.guard import TooSlow, bounded_extract
from stats.parse import extract

PARAGRAPHS = [
    "Overnight Russia launched {a} attack drones and {b} missiles at Ukraine, the air force "
    "said on Tuesday. Air defence shot down {c} of the drones over nine regions.",
    "A strike on a warehouse in Odesa injured {d} people, the regional governor said. "
    "Firefighters worked through the morning.",
    "Markets were calm and the football league resumed its season after a short break.",
]


def document(size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        p = PARAGRAPHS[i % len(PARAGRAPHS)].format(
            a=20 + i % 70, b=1 + i % 9, c=10 + i % 50, d=1 + i % 7
        )
        parts.append(p)
        total += len(p) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1e3,1e6,1e7")
    ap.add_argument("--budget", type=float, default=300.0)
    args = ap.parse_args()
    rows = []
    for size in (int(float(s)) for s in args.sizes.split(",")):
        body = document(size)
        repeat = max(1, 200_000 // size)  # small documents: time many to beat timer noise
        start = time.perf_counter()
        try:
            for _ in range(repeat):
                n = len(bounded_extract(Document(id="b", body=body), extract, args.budget))
        except TooSlow:
            print(f"{size / 1e3:>10,.0f} KB: over the {args.budget:g} s budget")
            continue
        seconds = (time.perf_counter() - start) / repeat
        rows.append(seconds * 1e3 / (size / 1e3))
        print(f"{size / 1e3:>10,.0f} KB: {seconds:8.3f} s, {rows[-1]:.3f} ms/KB, {n} facts")
    if rows:
        print(f"max/min ms per KB: {max(rows) / min(rows):.2f}x (noisy on a shared machine)")


if __name__ == "__main__":
    main()
