"""Speed of `stats series` against extraction on a corpus made from the bundled news.

Usage: python benchmarks/bench_series.py [--docs N] [--out corpus.jsonl]

The corpus repeats the documents of `seeds/news/` with their dates moved by whole weeks (copy k
is k weeks later), so that every copy adds new nights instead of restating old ones. Timed:
reading + extraction (`stats.pipeline.run`), then the series (`facts_frame`, `source_values`,
`reconcile`, `daily_series`, `resample`). The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(n_docs: int, out: Path) -> Path:
    """Write `n_docs` JSONL rows (id, date, text) cycling over seeds/news with shifted dates."""
    from stats.sources.text import parse_text

    seeds = sorted((ROOT / "seeds" / "news").glob("*.txt"))
    docs = [parse_text(p.read_text(encoding="utf-8"), doc_id=p.stem, origin=str(p)) for p in seeds]
    with out.open("w", encoding="utf-8") as f:
        for i in range(n_docs):
            doc = docs[i % len(docs)]
            k = i // len(docs)
            day = (doc.published or date(2024, 11, 1)) + timedelta(weeks=k)
            row = {"id": f"{doc.id}-w{k}", "date": day.isoformat(), "text": doc.body}
            f.write(json.dumps(row) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench_series_corpus.jsonl"))
    args = parser.parse_args()
    corpus = make_corpus(args.docs, args.out)

    from stats.pipeline import run
    from stats.series import daily_series, facts_frame, reconcile, resample, source_values

    t0 = time.perf_counter()
    result = run([corpus])
    t1 = time.perf_counter()
    values = source_values(facts_frame(result.facts)).values
    rec = reconcile(values)
    resample(daily_series(rec.chosen), "M")
    t2 = time.perf_counter()
    print(
        f"{args.docs} docs, {len(result.facts)} facts: extraction {t1 - t0:.1f} s, "
        f"series {t2 - t1:.1f} s, ratio {(t2 - t1) / (t1 - t0):.2f}"
    )


if __name__ == "__main__":
    main()
