"""Autosave of unsaved work, and finding what a crashed session left behind.

Each window writes `<session>.journey.json` (through nodes.fileformat.save,
so atomically) and `<session>.origin` (the file it came from) into the
autosave folder, and holds `<session>.lock`. A journey whose lock nobody
holds any more belongs to a session that ended without cleaning up: a crash.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from nodes import fileformat
from nodes.journey import Journey

from .settings import autosave_dir

INTERVAL_MS = 60_000


@dataclass
class Orphan:
    session: str
    journey_path: Path
    origin: str | None  # the file the unsaved work belonged to, if any

    def load(self) -> Journey:
        return fileformat.load(self.journey_path)

    def discard(self) -> None:
        folder = self.journey_path.parent
        for suffix in (".journey.json", ".origin", ".lock"):
            (folder / f"{self.session}{suffix}").unlink(missing_ok=True)


class Autosaver(QObject):
    def __init__(self, document, interval_ms: int = INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.folder = autosave_dir()
        self.session = uuid.uuid4().hex
        self.lock = QLockFile(str(self.folder / f"{self.session}.lock"))
        self.lock.setStaleLockTime(0)  # only a dead process makes a lock stale
        self.lock.tryLock(0)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    @property
    def journey_path(self) -> Path:
        return self.folder / f"{self.session}.journey.json"

    def save_now(self) -> bool:
        """Write the unsaved work; remove the autosave once nothing is unsaved."""
        if not self.document.is_modified():
            self.discard()
            return False
        fileformat.save(self.document.journey, self.journey_path)
        (self.folder / f"{self.session}.origin").write_text(self.document.path or "",
                                                            encoding="utf-8")
        return True

    def discard(self) -> None:
        self.journey_path.unlink(missing_ok=True)
        (self.folder / f"{self.session}.origin").unlink(missing_ok=True)

    def close(self) -> None:
        self.timer.stop()
        self.discard()
        self.lock.unlock()


def find_orphans() -> list[Orphan]:
    folder = autosave_dir()
    found = []
    for path in sorted(folder.glob("*.journey.json")):
        session = path.name.removesuffix(".journey.json")
        lock = QLockFile(str(folder / f"{session}.lock"))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another window, alive, owns it
        lock.unlock()
        origin_file = folder / f"{session}.origin"
        origin = origin_file.read_text(encoding="utf-8") if origin_file.exists() else ""
        found.append(Orphan(session, path, origin or None))
    return found
