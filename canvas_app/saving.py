"""What a saved journey file is called and which permissions it gets."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MAX_NAME = 100  # characters: room for the suffix within any file system's 255

# Characters no file name may hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}  # Windows device names


def file_stem(journey) -> str:
    """A file name (without suffix) for `journey`: its name, readable in the operator's
    language and safe everywhere; its id when it has no usable name."""
    name = _UNSAFE.sub(" - ", journey.meta.name or "")
    name = re.sub(r"\s+", " ", name).strip(" .-")[:MAX_NAME].strip(" .")
    if not name or name.split(".")[0].upper() in _RESERVED:
        return journey.id
    return name


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
    """The permissions a file saved at `path` should have: those of the file it
    replaces, else those a new file gets here (0o666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()
