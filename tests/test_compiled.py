"""The wheel's compiled parser (hatch_build.py, mypyc) extracts exactly what the pure source
extracts: same facts, same fields, same order, on the seeds and on generated wire copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

# Prints the module file it runs (a .so when compiled), then one JSON line per fact.
SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1] + "/benchmarks")
import stats.parse.numbers
print(stats.parse.numbers.__file__)
from bench_extract import build_corpus
from stats.pipeline import process, run
for doc in build_corpus(600, 11):
    for f in process(doc).facts:
        print(json.dumps(f.to_dict(), sort_keys=True))
for path in (sys.argv[1] + "/seeds", sys.argv[1] + "/tests/data/own_passages.jsonl"):
    for f in run([path]).facts:
        print(json.dumps(f.to_dict(), sort_keys=True))
"""


def _facts(pythonpath: Path) -> tuple[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT)],
        env=env,
        cwd=pythonpath,
        capture_output=True,
        text=True,
        check=True,
    )
    first, *rows = done.stdout.splitlines()
    return first, rows


@pytest.fixture(scope="module")
def wheel_dir(tmp_path_factory) -> Path:
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler: the wheel stays pure Python and there is nothing to compare")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "STATS_PURE"},
    )
    (whl,) = out.glob("stats-*.whl")
    target = out / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(whl),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_the_compiled_parser_gives_the_pure_parsers_facts(wheel_dir):
    compiled_file, compiled = _facts(wheel_dir)
    pure_file, pure = _facts(ROOT)
    assert compiled_file.endswith((".so", ".pyd")), compiled_file
    assert pure_file.endswith(".py"), pure_file
    assert len(pure) > 6000
    assert compiled == pure
