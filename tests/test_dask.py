"""The Dask engine on a local cluster of 2 worker processes: the same facts and series as the
default engine."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason='the dask extra is not installed (pip install ".[dask]")'
)

from stats import dask as sd  # noqa: E402
from stats.export import fact_row  # noqa: E402
from stats.pipeline import iter_run, run  # noqa: E402

ROOT = Path(__file__).parents[1]
NEWS = ROOT / "seeds" / "news"
DATA = ROOT / "seeds" / "data"  # the air-force dataset: one source across its rows
SMALL = 20_000  # bytes per partition: the seed news become several partitions


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: never clashes with another cluster
        silence_logs=logging.ERROR,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _rows(results) -> list[dict]:
    return [fact_row(f) for one in results for f in one.facts]


def test_partitions_keep_input_order_and_every_file():
    files = sorted(str(p) for p in NEWS.iterdir() if p.suffix == ".txt")
    parts = sd.partitions([NEWS], SMALL)
    assert len(parts) > 2
    assert sorted(p for part in parts for p in part) == files
    assert [p for part in parts for p in part] == [str(p) for p in sd.list_inputs([NEWS])]


def test_same_facts_as_the_default_engine(client):
    local = list(iter_run([NEWS]))
    remote = list(sd.iter_results([NEWS], client=client, target_bytes=SMALL))
    assert [r.status for r in remote] == [r.status for r in local]
    assert _rows(remote) == _rows(local)
    assert _rows(local), "the seed news state figures"


def test_facts_frame_holds_every_fact(client):
    frame = client.compute(sd.facts_frame([NEWS], SMALL)).result()
    expected = _rows(iter_run([NEWS]))
    assert len(frame) == len(expected)
    assert list(frame["text"]) == [r["text"] for r in expected]


@pytest.mark.parametrize("freq", ["D", "M"])
def test_same_series_as_the_default_engine(client, freq):
    from stats.series import build_series

    local = build_series(run([NEWS, DATA]).facts, freq=freq).periods
    remote = sd.series([NEWS, DATA], freq=freq, client=client, target_bytes=SMALL)
    assert len(local) > 0
    cols = list(local.columns)
    # Rows of one period and metric may come back in another order: compared sorted.
    assert (
        remote.sort_values(cols)
        .reset_index(drop=True)
        .equals(local.sort_values(cols).reset_index(drop=True))
    )


def test_cli_engine_dask(client, tmp_path):
    from typer.testing import CliRunner

    from stats.cli import app

    out = {}
    for engine in ("local", "dask"):
        path = tmp_path / f"{engine}.jsonl"
        args = ["extract", str(NEWS), "-o", str(path), "-q", "--engine", engine]
        if engine == "dask":
            args += ["--scheduler", client.scheduler.address]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        out[engine] = [json.loads(line) for line in path.read_text().splitlines()]
    assert out["dask"] and out["dask"] == out["local"]


def test_stdin_is_refused_with_a_message():
    with pytest.raises(ValueError, match="standard input"):
        sd.iter_results(["-"])
