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
def atomic_text_file(path: str | os.PathLike, newline: str | None = "\n") -> Iterator[TextIO]:
    """Write through a temp file in the same folder, fsync, then replace `path`;
    on any error the temp file is removed and `path` is untouched. The temp file
    is private to its owner (mkstemp), so it gets `mode_for(path)` before it
    takes the file's place: a replaced file keeps its mode, a new one is not 0o600."""
    path = Path(path)
    mode = mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
