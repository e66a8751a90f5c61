"""What a saved journey file is called (its permissions: nodes.atomic)."""
from __future__ import annotations

import re

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
