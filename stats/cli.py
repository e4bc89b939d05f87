"""The `stats` command: parse arguments, call the library, print. Nothing else lives here.

pandas and matplotlib are imported inside the commands that need them so `stats --help` is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="War news in, trustworthy time series out: facts, series, interception rates, reports.",
    no_args_is_help=True,
    add_completion=False,
)

Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, folders (read recursively), JSONL/CSV corpora, or - for stdin."),
]


@app.callback()
def _main() -> None:
    """War news in, trustworthy time series out: facts, series, interception rates, reports."""


def _err(message: str) -> None:
    typer.echo(f"stats: {message}", err=True)


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


def _run(inputs: list[str], quiet: bool = False):
    """Run the pipeline with a progress bar on stderr; exit 2 on a missing path."""
    from stats.pipeline import run
    from stats.sources import SourceError, list_inputs

    try:
        total = len(list_inputs(inputs))
    except SourceError as e:
        _err(str(e))
        raise typer.Exit(2) from None
    from rich.progress import Progress

    show = not quiet and sys.stderr.isatty() and total > 1
    with Progress(transient=True, disable=not show) as progress:
        task = progress.add_task("reading", total=None)
        result = run(inputs, on_document=lambda doc: progress.advance(task))
    for message in result.messages:
        _err(message)
    return result


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write every fact the inputs state, one record per number.

    Example: stats extract seeds/2024-11-13-kyiv.txt --format jsonl
    """
    from stats.export import FORMATS, write_facts

    if format not in FORMATS:
        _err(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        _err("parquet is binary: give an output file with -o")
        raise typer.Exit(2)
    _check_output(output)
    result = _run(inputs, quiet)
    write_facts(result.facts, format, path=output, stream=sys.stdout)
    n_docs = len(result.documents)
    if output is not None or not quiet:
        _err(f"{len(result.facts)} facts from {n_docs} documents ({len(result.errors)} unreadable)")


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write report.html (self-contained), report.md, facts.csv, series.csv and charts.

    Example: stats report --out report/   (reads the bundled corpus)
    """
    from stats.report import seeds_dir, write_report

    _check_output(out, folder=True)
    result = _run(inputs or [str(seeds_dir())], quiet)
    path = write_report(result, out, title=title)
    _err(f"{len(result.facts)} facts from {len(result.documents)} documents; report: {path}")


@app.command()
def series(
    inputs: Inputs,
    freq: Annotated[
        str, typer.Option("--freq", help="D (daily), W (weeks from Monday) or M (months).")
    ] = "D",
    format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Write every candidate value and why one was chosen.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write the reconciled series in long form: period, metric, weapon, actor, value, days, sources.

    Example: stats series seeds/ --freq M
    """
    if freq not in {"D", "W", "M"} or format not in {"csv", "jsonl", "parquet"}:
        _err("--freq must be D, W or M and --format csv, jsonl or parquet")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        _err("parquet is binary: give an output file with -o")
        raise typer.Exit(2)
    from stats.series import (
        daily_series,
        explain_table,
        facts_frame,
        reconcile,
        resample,
        source_values,
    )

    _check_output(output)
    result = _run(inputs, quiet)
    rec = reconcile(source_values(facts_frame(result.facts)).values)
    if explain:
        table = explain_table(rec.candidates)
    else:
        table = resample(daily_series(rec.chosen), freq)
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
