"""Atomic text files: the file appears whole or not at all, with the permissions
of the file it replaces (a new one: those any new file gets, 0o666 less the umask)."""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def _umask() -> int:
    """The process's umask, read without changing it where the system says it
    (os.umask can only set it, and another thread may create a file meanwhile)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def mode_for(path: str | os.PathLike) -> int:
    """The permissions a file written at `path` gets: those of the file it
    replaces, else those a new file gets here (0o666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temp file's path in the same folder, for writers that open the file
    themselves (Qt's PDF writer): once the block ends it is fsynced and replaces
    `path`; on any error it is removed and `path` is untouched. The temp file is
    private to its owner (mkstemp), so it gets `mode_for(path)` before it takes
    the file's place: a replaced file keeps its mode, a new one is not 0o600."""
    path = Path(path)
    mode = mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_text_file(path: str | os.PathLike, newline: str | None = "\n") -> Iterator[TextIO]:
    """Write text through `atomic_path`: the file appears whole or not at all."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as handle:
        yield handle
        handle.flush()
