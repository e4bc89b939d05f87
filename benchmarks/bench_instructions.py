"""Instructions per byte of extraction, counted by valgrind (callgrind): repeatable where seconds
on a shared machine are not.

Usage: python benchmarks/bench_instructions.py [--docs N]

Extracts N documents of the bench_extract corpus twice under callgrind, once with the `stats`
this interpreter has installed (compiled by the wheel build where a compiler was at hand) and
once with the source tree's pure Python, and subtracts a run that only builds the corpus, so
start-up and corpus generation are not counted. Prints, per build, the module it ran, giga-
instructions, instructions per byte and the ratio to the pure source. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
sys.path.insert(0, {bench!r})
from bench_extract import build_corpus
import stats.parse.numbers
from stats.parse import extract
docs = build_corpus({docs}, 20240)
print(stats.parse.numbers.__file__)
print(sum(len(d.body.encode()) for d in docs))
if {extract}:
    for d in docs:
        extract(d)
"""


def count(docs: int, extract: bool, pure: bool, out: Path) -> tuple[int, str, int]:
    """(instructions, module file, bytes of text) of one callgrind run."""
    env = dict(os.environ)
    if pure:
        env["PYTHONPATH"] = str(ROOT)
    code = SCRIPT.format(bench=str(ROOT / "benchmarks"), docs=docs, extract=extract)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable]
        + ["-c", code],
        env=env,
        cwd=tempfile.gettempdir(),  # not the checkout: the installed package is imported
        capture_output=True,
        text=True,
        check=True,
    )
    module, size = done.stdout.split()[:2]
    totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M)
    if totals is None:
        raise SystemExit(f"no instruction count in {out}")
    return int(totals.group(1)), module, int(size)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300, help="bench documents to extract")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        for label, pure in (("installed", False), ("source (pure)", True)):
            base, _, _ = count(args.docs, False, pure, out)
            total, module, size = count(args.docs, True, pure, out)
            rows.append((label, Path(module).name, total - base, size))
    pure_n = rows[-1][2]
    print(f"{args.docs} bench documents, {rows[0][3] / 1e6:.2f} MB of text")
    print(f"{'build':15s} {'module':42s} {'G instr':>8s} {'instr/B':>8s} {'vs pure':>8s}")
    for label, module, n, size in rows:
        print(f"{label:15s} {module:42s} {n / 1e9:8.3f} {n / size:8.0f} {pure_n / n:7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
