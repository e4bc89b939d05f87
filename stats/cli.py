"""The `stats` command: parse arguments, call the library, print. Nothing else lives here.

pandas and matplotlib are imported inside the commands that need them so `stats --help` is fast.
"""

from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from stats.facts import ACTORS, FAMILY

WEAPON_CHOICES = tuple(dict.fromkeys([*FAMILY, *FAMILY.values()]))

app = typer.Typer(
    help="War news in, trustworthy time series out: facts, series, interception rates, reports.",
    no_args_is_help=True,
    add_completion=False,
    # Plain click help and tracebacks: rich's help formatter alone costs ~0.1 s at start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, folders (read recursively), JSONL/CSV corpora, or - for stdin."),
]


def _version(value: bool) -> None:
    if value:
        from stats import __version__

        typer.echo(f"stats {__version__}")
        raise typer.Exit()


WeaponChoice = Enum("WeaponChoice", {w: w for w in WEAPON_CHOICES}, type=str)
ActorChoice = Enum("ActorChoice", {a: a for a in ACTORS}, type=str)
FreqChoice = Enum("FreqChoice", {"D": "D", "W": "W", "M": "M"}, type=str)
SeriesFormat = Enum(
    "SeriesFormat", {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}, type=str
)

Since = Annotated[
    datetime | None,
    typer.Option("--since", formats=["%Y-%m-%d"], help="Only events on or after this day."),
]
Until = Annotated[
    datetime | None,
    typer.Option("--until", formats=["%Y-%m-%d"], help="Only events on or before this day."),
]
Weapon = Annotated[
    WeaponChoice | None,
    typer.Option("--weapon", help="Only this weapon class or family (a family keeps its classes)."),
]
Actor = Annotated[
    ActorChoice | None, typer.Option("--actor", help="Only weapons fired by this side.")
]


def _filters(since, until, weapon, actor) -> dict:
    """The filter keywords of `stats.analysis.filters.filter_facts`."""
    return {
        "since": since.date() if since else None,
        "until": until.date() if until else None,
        "weapon": weapon.value if weapon else None,
        "actor": actor.value if actor else None,
    }


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """War news in, trustworthy time series out: facts, series, interception rates, reports."""
    # A terminated run unwinds like an interrupted one: temporary files and spill folders are
    # removed on the way out and the output is left as it was.
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _err(message: str) -> None:
    typer.echo(f"stats: {message}", err=True)


Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: all cores; 1: in this process)."
    ),
]


def _check_output(path: Path | None, folder: bool = False) -> None:
    """Exit 2 with one line when an output path cannot be written (before any work)."""
    from stats.atomic import OutputError, check_output_dir, check_output_file

    if path is None:
        return
    try:
        (check_output_dir if folder else check_output_file)(path)
    except OutputError as e:
        _err(str(e))
        raise typer.Exit(2) from None


def _parquet_missing() -> str | None:
    from stats.export import parquet_missing

    return parquet_missing()


@contextmanager
def _reading(quiet: bool):
    """A progress bar on stderr (a terminal only) and the callback that shows each document's
    messages and advances it."""
    from rich.progress import Progress

    with Progress(transient=True, disable=quiet or not sys.stderr.isatty()) as progress:
        task = progress.add_task("reading", total=None)

        def seen(one) -> None:
            for message in one.messages:
                _err(message)
            progress.advance(task)

        yield seen


def _stream(
    inputs: list[str],
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    encode=None,
    facts_too: bool = False,
    tuples: bool = False,
):
    """Per-document results of the chosen engine, streamed; exit 2 on a missing path.
    `encode`, `facts_too`, `tuples`: the local engine's workers send the facts as text or
    tuples (see `pipeline.iter_run`)."""
    from stats.pipeline import iter_run, skips
    from stats.sources import SourceError

    try:
        if engine == "dask":
            from stats.dask import iter_results

            results = iter_results(inputs, workers=jobs, scheduler=scheduler)
        else:
            results = iter_run(inputs, jobs=jobs, encode=encode, facts_too=facts_too, tuples=tuples)
    except (SourceError, ValueError, ImportError) as e:
        _err(str(e))
        raise typer.Exit(2) from None
    for message in skips(inputs)[1]:
        _err(message)
    return results


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Jobs = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (processes here) or dask (the dask extra).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (default: a local cluster of --jobs workers)."),
    ] = None,
) -> None:
    """Write every fact the inputs state, one record per number, as they are found.

    Example: stats extract seeds/2024-11-13-kyiv.txt --format jsonl
    """
    from stats.atomic import OutputError, check_output_file
    from stats.export import ENCODERS, FORMATS, fact_sink
    from stats.pipeline import drain

    if format not in FORMATS:
        _err(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        _err("parquet is binary: give an output file with -o")
        raise typer.Exit(2)
    if format == "parquet" and _parquet_missing():
        _err(_parquet_missing())
        raise typer.Exit(2)
    if engine not in {"local", "dask"}:
        _err(f"unknown engine {engine!r}: choose local or dask")
        raise typer.Exit(2)
    try:
        if output is not None:
            check_output_file(output)
    except OutputError as e:
        _err(str(e))
        raise typer.Exit(2) from None
    results = _stream(inputs, jobs, engine, scheduler, ENCODERS.get(format))
    try:
        with _reading(quiet) as seen, fact_sink(format, output, sys.stdout) as sink:
            tally = drain(results, sink, on_result=seen, write_lines=getattr(sink, "write", None))
    except OutputError as e:  # another run holds the output
        _err(str(e))
        raise typer.Exit(2) from None
    if output is not None or not quiet:
        _err(f"{tally.facts} facts from {tally.documents} documents ({tally.errors} unreadable)")


@app.command()
def report(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Inputs as for extract; default: the bundled seeds/ corpus."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the report into.")
    ] = Path("report"),
    title: Annotated[str, typer.Option(help="Report title.")] = "stats report",
    since: Since = None,
    until: Until = None,
    weapon: Weapon = None,
    actor: Actor = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Jobs = None,
) -> None:
    """Write report.html (self-contained), report.md, facts.csv, series.csv and charts.

    Example: stats report --out report/   (reads the bundled corpus)
    """
    from stats.analysis.filters import keep_fact
    from stats.atomic import OutputError
    from stats.export import report_csv_lines
    from stats.pipeline import Account, facts_of, skips
    from stats.report import CsvFeed, dataset_frame, seeds_dir, write_stream_report

    given = inputs or [str(seeds_dir())]
    _check_output(out, folder=True)
    filters = _filters(since, until, weapon, actor)
    # Unfiltered, the workers encode facts.csv's rows beside the facts and send the facts as
    # tuples (a filter is applied to the facts here, so facts.csv is then written from them).
    feed = None if any(filters.values()) else CsvFeed()
    encode = report_csv_lines if feed is not None else None
    tuples = feed is not None
    results = _stream(given, jobs, "local", None, encode, facts_too=not tuples, tuples=tuples)
    account = Account(skipped=skips(given)[0])

    def dataset():  # read once the stream has named the dataset's files
        return dataset_frame(account, filters["since"], filters["until"])

    try:
        with _reading(quiet) as seen:

            def on_result(one):
                seen(one)
                if feed is not None:
                    feed.put(one.lines)

            stream = facts_of(results, on_result=on_result, account=account, tuples=tuples)
            facts = stream if tuples else (f for f in stream if keep_fact(f, **filters))
            path = write_stream_report(
                facts,
                account,
                out,
                title=title,
                inputs=given,
                dataset=dataset,
                feed=feed,
                tuples=tuples,
            )
    except OutputError as e:  # another run holds the folder
        _err(str(e))
        raise typer.Exit(2) from None
    filtered = " (before --since/--until/--weapon/--actor)" if any(filters.values()) else ""
    _err(f"{account.facts} facts{filtered} from {account.documents} documents; report: {path}")


@app.command()
def series(
    inputs: Inputs,
    freq: Annotated[
        FreqChoice, typer.Option("--freq", help="D (daily), W (weeks from Monday) or M (months).")
    ] = FreqChoice.D,
    format: Annotated[
        SeriesFormat, typer.Option("--format", "-f", help="csv, jsonl or parquet.")
    ] = SeriesFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Write every candidate value and why one was chosen.")
    ] = False,
    tally: Annotated[
        list[str] | None,
        typer.Option(
            "--tally",
            help="Dataset counts to add beside text (repeatable): bulletin (default), day_wave, "
            "regional, other_post, tactical.",
        ),
    ] = None,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="One row per period, one column per metric/weapon/actor."),
    ] = False,
    since: Since = None,
    until: Until = None,
    weapon: Weapon = None,
    actor: Actor = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Jobs = None,
) -> None:
    """Write the reconciled series in long form: period, metric, weapon, actor, value, days, sources.

    Example: stats series seeds/ --freq M
    """
    freq, format = freq.value, format.value
    if format == "parquet" and output is None:
        _err("parquet is binary: give an output file with -o")
        raise typer.Exit(2)
    if format == "parquet" and _parquet_missing():
        _err(_parquet_missing())
        raise typer.Exit(2)
    from stats.analysis.filters import keep_fact, wide_series
    from stats.series import TALLIES
    from stats.series.build import build_series_stream

    chosen_tallies = ("text", *(tally or ["bulletin"]))
    unknown = set(chosen_tallies) - set(TALLIES)
    if unknown:
        _err(f"--tally: unknown {', '.join(sorted(unknown))}; choose from {', '.join(TALLIES)}")
        raise typer.Exit(2)
    _check_output(output)
    filters = _filters(since, until, weapon, actor)
    from stats.pipeline import facts_of

    tuples = not any(filters.values())  # unfiltered, the workers send the facts as tuples
    results = _stream(inputs, jobs, "local", None, tuples=tuples)
    with _reading(quiet) as seen:
        stream = facts_of(results, on_result=seen, tuples=tuples)
        facts = stream if tuples else (f for f in stream if keep_fact(f, **filters))
        built = build_series_stream(
            facts, tallies=chosen_tallies, freq=freq, keep=explain, tuples=tuples
        )
    table = built.explain if explain else built.periods
    if wide and not explain:
        table = wide_series(table)
    from stats.atomic import atomic_file, atomic_temp_path
    from stats.csvsafe import neutralise_frame

    if format == "parquet":
        with atomic_temp_path(output) as tmp:
            table.to_parquet(tmp, index=False)
        return
    if format == "csv":
        text = neutralise_frame(table).to_csv(index=False)
    else:
        text = table.to_json(orient="records", lines=True, date_format="iso")
    if output is None:
        sys.stdout.write(text)
    else:
        with atomic_file(output) as fh:
            fh.write(text)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
