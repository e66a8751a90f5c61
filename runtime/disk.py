"""A full disk, said plainly; and new SQLite stores built aside, then moved in.

`plain_disk_full(path)` turns any disk-full error (as `runtime.errors`
classifies them: SQLite SQLITE_FULL, OSError ENOSPC/EDQUOT, PostgreSQL 53100)
into `DiskFull`, whose message is `the disk is full (PATH)` / `磁盘已满（PATH）`.
"""
from __future__ import annotations

import errno
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .errors import disk_full_message, store_place, store_wide_kind

SQLITE_IOERR = 10
LOW_SPACE = 1 << 20  # bytes free below which an I/O error means the disk is full


class DiskFull(OSError):
    """The disk (of the store or of an output file) has no room left; an
    OSError (ENOSPC), so callers that handled the OS error still do."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.ENOSPC, "the disk is full", path)
        self.path = path

    def __str__(self) -> str:
        return self.message("en")

    def message(self, lang: str = "en") -> str:
        return disk_full_message(self.path, lang)


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc`, the driver error it wraps, or what caused it is a full disk
    (the one classification of store failures: `runtime.errors`)."""
    return isinstance(exc, DiskFull) or store_wide_kind(exc) == "full"


def _parse(url: str) -> URL | None:
    try:
        return make_url(url if "://" in url else f"sqlite:///{url}")
    except (ArgumentError, ValueError):
        return None


def store_path(url: str) -> str:
    """What to name in the message: a SQLite store's file, else the URL without password."""
    try:
        return store_place(url)
    except (ArgumentError, ValueError):  # a URL SQLAlchemy refuses is reported elsewhere
        return url


@contextmanager
def plain_disk_full(path: str | os.PathLike,
                    keep: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Raise `DiskFull(path)` instead of any disk-full error raised inside
    (errors of the `keep` types pass unchanged: they already say it)."""
    try:
        yield
    except (DiskFull, *keep):
        raise
    except Exception as exc:
        if not (is_disk_full(exc) or _io_error_on_full_disk(exc, os.fspath(path))):
            raise
        raise DiskFull(os.fspath(path)) from exc


def _io_error_on_full_disk(exc: BaseException, path: str) -> bool:
    """SQLite says only "disk I/O error" when it cannot grow its shared-memory
    index; on a disk with (almost) no room left that is the full disk."""
    chain, todo = [], [exc]
    while todo and len(chain) < 20:
        current = todo.pop()
        if current is not None and current not in chain:
            chain.append(current)
            todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    if not any(getattr(e, "sqlite_errorcode", 0) & 0xFF == SQLITE_IOERR
               or "disk i/o error" in str(e).lower() for e in chain):
        return False
    try:
        stat = os.statvfs(os.path.dirname(os.path.abspath(path)) or ".")
    except (OSError, AttributeError):  # no statvfs (Windows), or the folder is gone
        return False
    return stat.f_bavail * stat.f_frsize < LOW_SPACE


# -- a new SQLite store, built aside ---------------------------------------------------

def new_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store that does not exist yet (or is an empty file)."""
    parsed = _parse(url)
    if parsed is None or parsed.get_backend_name() != "sqlite" or parsed.database in (
            None, "", ":memory:"):
        return None
    if parsed.query or parsed.database.startswith("file:"):
        return None  # URI options: build in place
    path = Path(parsed.database)
    if path.exists() and (not path.is_file() or path.stat().st_size):
        return None
    return path if path.resolve().parent.is_dir() else None


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


@contextmanager
def built_aside(target: Path) -> Iterator[Path]:
    """Yield a temporary file next to `target` to build a SQLite store in; when
    the block ends without error, fold its WAL in and move it into place. On
    any error it is removed, and `target` stays as it was."""
    tmp = _new_file(target)
    try:
        yield tmp
        _seal(tmp)
        for stale in _sidecars(target):  # a WAL left without its store would be replayed
            stale.unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    finally:
        for leftover in [tmp, *_sidecars(tmp)]:
            leftover.unlink(missing_ok=True)


def _new_file(target: Path) -> Path:
    """An empty file beside `target`, with the permissions SQLite would give it."""
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.building")
        try:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            continue
        return tmp


def _seal(path: Path) -> None:
    """Fold the WAL into the file and flush it, so the file alone is the store."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        mode = db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        db.close()
    if mode != "delete" or any(p.exists() for p in _sidecars(path)):
        raise OSError(errno.EIO, "the new store's write-ahead log could not be folded in",
                      str(path))
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not every platform opens folders
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
