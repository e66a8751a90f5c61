"""Shared by the file adapters: folders made on demand, and a rename that
survives a power cut (the folder's entry is synced too)."""
from __future__ import annotations

import os
from pathlib import Path


def ensure_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def sync_folder(path: Path) -> None:
    """fsync a folder so a rename or a new file in it is on disk."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # a platform that cannot open folders: the rename stands anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
