"""Scale benchmark: `stats extract`, `series` and `report` on corpora of 10k, 100k (and 1M)
documents, plus extraction time per KB for single documents of 1 KB to 10 MB.

Usage:
    python benchmarks/bench_scale.py                  # 10k and 100k documents
    python benchmarks/bench_scale.py --sizes 10000    # one size
    python benchmarks/bench_scale.py --million        # adds 1M documents (long: not for CI)
    python benchmarks/bench_scale.py --steps extract --jobs 2 --workdir /tmp/stats-scale

The corpora are bench_extract.py's synthetic documents (~3 KB each), streamed to disk as JSONL
files of `--per-file` documents (never all in memory) and kept in `--workdir` for later runs.
Each step runs as its own `stats` subprocess; the wall time and the peak RSS are measured: the
peak of the whole process tree (parent and workers, sampled from /proc every 0.1 s) and of the
largest single process (`os.wait4`'s ru_maxrss). MB/s per core divides by the cores used;
MB/CPU-s divides by the CPU seconds the step's processes spent (less sensitive to a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_extract import Gen  # noqa: E402

SIZES = (10_000, 100_000)
MILLION = 1_000_000
DOC_SIZES_KB = (1, 10, 100, 1_000, 10_000)
# Each per-KB row is the fastest of this many timings: on a shared machine noise only adds time
# (single timings of 1 MB varied by 1.6x between runs).
ROUNDS = 3


# --------------------------------------------------------------------------------------------
# Corpus on disk
# --------------------------------------------------------------------------------------------


def write_corpus(folder: Path, n_docs: int, seed: int, per_file: int) -> tuple[int, int]:
    """Write `n_docs` documents as JSONL files into `folder` (once); (documents, bytes)."""
    import random
    from datetime import date

    done = folder.with_name(folder.name + ".done")  # beside the corpus, not read as a document
    if done.exists():
        n, size = json.loads(done.read_text())
        return n, size
    folder.mkdir(parents=True, exist_ok=True)
    gen = Gen(random.Random(seed))
    base = date(2023, 1, 1)
    size = 0
    for part, start in enumerate(range(0, n_docs, per_file)):
        path = folder / f"part-{part:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(start, min(n_docs, start + per_file)):
                d = gen.document(i, base)
                size += len(d.body.encode("utf-8"))
                row = {"id": d.id, "date": d.published.isoformat(), "url": d.url, "title": d.title}
                row["text"] = d.body
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    done.write_text(json.dumps([n_docs, size]))
    return n_docs, size


# --------------------------------------------------------------------------------------------
# Measuring a subprocess
# --------------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, in KB."""
    kids = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(kids.get(pid, []))
    return total


@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    tree_peak_mb: float
    max_proc_mb: float
    rc: int


def measure(cmd: list[str], log: Path) -> Measure:
    """Run `cmd`, sampling its process tree's memory; its stderr goes to `log`."""
    peak = [0]
    t0 = time.perf_counter()
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.1):
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        thread.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    children = _children_cpu()
    return Measure(
        wall=wall,
        cpu=children,
        tree_peak_mb=max(peak[0], usage.ru_maxrss) / 1024,
        max_proc_mb=usage.ru_maxrss / 1024,
        rc=proc.returncode,
    )


_cpu_seen = [0.0]


def _children_cpu() -> float:
    """CPU seconds of children (and their waited-for descendants) since the last call."""
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = u.ru_utime + u.ru_stime
    delta, _cpu_seen[0] = total - _cpu_seen[0], total
    return delta


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def step_command(step: str, corpus: Path, out: Path, jobs: int) -> list[str]:
    # -P: the installed `stats` (compiled by the wheel build), not a source tree that happens to
    # be the working directory (python -m puts it first on sys.path).
    stats = [sys.executable, "-P", "-m", "stats.cli"]
    if step == "extract":
        return [
            *stats,
            "extract",
            str(corpus),
            "-q",
            "-j",
            str(jobs),
            "-o",
            str(out / "facts.jsonl"),
        ]
    if step == "series":
        return [*stats, "series", str(corpus), "-q", "-j", str(jobs), "-o", str(out / "series.csv")]
    if step == "report":
        return [*stats, "report", str(corpus), "-q", "-j", str(jobs), "-o", str(out / "report")]
    raise ValueError(step)


def run_size(n_docs: int, args) -> None:
    corpus = args.workdir / f"corpus-{n_docs}"
    t0 = time.perf_counter()
    n, size = write_corpus(corpus, n_docs, args.seed, args.per_file)
    mb = size / 1e6
    print(
        f"\n## {n:,} documents, {mb:,.0f} MB of text ({time.perf_counter() - t0:.0f} s to generate or find)"
    )
    print(
        f"{'step':8s} {'wall s':>9s} {'docs/s':>9s} {'MB/s/core':>10s} {'CPU s':>9s} {'MB/CPU-s':>9s} "
        f"{'peak RSS tree MB':>17s} {'largest proc MB':>16s}"
    )
    out = args.workdir / f"out-{n_docs}"
    out.mkdir(exist_ok=True)
    for step in args.steps:
        m = measure(step_command(step, corpus, out, args.jobs), out / f"{step}.log")
        flag = "" if m.rc == 0 else f"  FAILED rc={m.rc} (see {out / (step + '.log')})"
        print(
            f"{step:8s} {m.wall:9.1f} {n / m.wall:9.0f} {mb / m.wall / args.jobs:10.2f} "
            f"{m.cpu:9.1f} {mb / max(m.cpu, 1e-9):9.2f} {m.tree_peak_mb:17.0f} {m.max_proc_mb:16.0f}{flag}",
            flush=True,
        )


def per_kb(max_kb: int, seed: int) -> None:
    """Extraction time per KB of single documents of growing length (in this process)."""
    import random
    from datetime import date

    from stats.facts import Document
    from stats.parse import extract

    gen = Gen(random.Random(seed))
    parts: list[str] = []
    total = 0
    while total < max_kb * 1000:
        body = gen.document(len(parts), date(2024, 1, 1)).body
        parts.append(body)
        total += len(body) + 2
    text = "\n\n".join(parts)
    sizes = [k for k in DOC_SIZES_KB if k <= max_kb]
    best: dict[int, float] = {}
    n_facts: dict[int, int] = {}
    # Every timing extracts the same amount of text (the 10 MB document once, the 1 MB one ten
    # times, ...), so that each spans the same seconds of a shared machine's noise: a 0.2 s
    # timing of 1 MB could fall in a quiet spell that a 2 s one cannot. Each round times every
    # size in turn.
    for _ in range(ROUNDS):
        for kb in sizes:
            body = text[: kb * 1000]
            reps = max(1, max(sizes) // kb)
            t0 = time.process_time()
            for _ in range(reps):
                facts = extract(Document(id="long", body=body, published=date(2024, 1, 1)))
            secs = (time.process_time() - t0) / reps
            best[kb] = min(best.get(kb, secs), secs)
            n_facts[kb] = len(facts)
    print(f"\n## one document of growing length (extract, one core, CPU time, best of {ROUNDS})")
    print(f"{'size':>8s} {'seconds':>9s} {'ms/KB':>8s} {'facts':>7s}")
    for kb in sizes:
        label = f"{kb / 1000:g} MB" if kb >= 1000 else f"{kb} KB"
        print(f"{label:>8s} {best[kb]:9.3f} {best[kb] * 1000 / kb:8.3f} {n_facts[kb]:7d}")
    if 1_000 in best and 10_000 in best:
        print(f"10 MB took {best[10_000] / best[1_000]:.1f}x the time of 1 MB (linear: 10x)")


def main(argv: list[str] | None = None) -> int:
    from stats.pipeline import default_jobs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes")
    ap.add_argument("--million", action="store_true", help="also run 1,000,000 documents")
    ap.add_argument("--steps", type=lambda s: s.split(","), default=["extract", "series", "report"])
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="--jobs for each step")
    ap.add_argument("--per-file", type=int, default=10_000, help="documents per JSONL file")
    ap.add_argument("--seed", type=int, default=20240)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/stats-scale"))
    ap.add_argument("--max-doc-kb", type=int, default=10_000, help="longest single document")
    ap.add_argument("--no-corpus", action="store_true", help="only the per-KB rows")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"cores used: {args.jobs}; steps: {', '.join(args.steps)}; workdir: {args.workdir}")
    if not args.no_corpus:
        _children_cpu()
        for n in [*args.sizes, *([MILLION] if args.million else [])]:
            run_size(n, args)
    if args.max_doc_kb:
        per_kb(args.max_doc_kb, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
