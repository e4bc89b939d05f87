"""Atomic outputs: a file or a folder appears whole under its name, or not at all.

Everything `stats` writes goes through here. A file is written to a hidden temporary file in the
same folder and renamed into place (`os.replace` is atomic on one file system), so a killed run
leaves the old file or none, never a truncated one. A folder (the report) is built beside its
target and swapped in. A lock file beside the target keeps two runs from writing it at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output path that cannot be written: the message is one line for the user."""


def check_output_file(path: Path) -> None:
    """Raise OutputError unless `path` can be created or replaced (checked before any work)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"output {path} is a folder, not a file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {parent} does not exist")
    _probe(parent, path)
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path}: the file is read-only")


def check_output_dir(path: Path) -> None:
    """Raise OutputError unless `path` can be created or replaced as a folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"output {path} is a file, not a folder")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {parent} does not exist")
    _probe(parent, path)


def _probe(parent: Path, path: Path) -> None:
    """Create and remove a file in `parent`: permission bits say yes for root, and a folder
    such as /proc refuses new files whatever its bits say."""
    try:
        fd, name = tempfile.mkstemp(dir=parent, prefix=".stats-probe-")
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise OutputError(
            f"cannot write {path}: folder {parent} refuses a new file ({reason.lower()})"
        ) from None
    os.close(fd)
    os.unlink(name)


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `target` so two runs never write it at once."""
    lock_path = target.absolute().parent / f".{target.name}.lock"
    try:
        lock = open(lock_path, "w")  # noqa: SIM115 (closed below, after the lock is let go)
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror or e}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{target} is being written by another run") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            try:
                lock_path.unlink()
            except OSError:
                pass


@contextmanager
def atomic_file(
    path: Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = ""
) -> Iterator[IO]:
    """Open a temporary file beside `path`; on success rename it to `path`, else remove it."""
    binary = "b" in mode
    with (
        atomic_temp_path(path) as tmp,
        open(
            tmp, mode, encoding=None if binary else encoding, newline=None if binary else newline
        ) as fh,
    ):
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def atomic_temp_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` for writers that want a file name (Parquet, savefig)."""
    path = Path(path)
    with _locked(path):
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.absolute().parent
        )
        os.close(fd)
        try:
            yield Path(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces `path` whole (old contents gone)."""
    path = Path(path)
    parent = path.absolute().parent
    with _locked(path):
        stage = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
        try:
            yield stage
            os.chmod(stage, 0o755)
            if path.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
                os.replace(path, old / path.name)
                os.replace(stage, path)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(stage, path)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
