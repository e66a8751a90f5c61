"""The WAL folded back into the database beside a simulated run (SQLite).

SQLite checkpoints inside the commit that finds the WAL past
`wal_autocheckpoint` pages: it copies those pages into the database file
and waits for the disk. At 1M customers three such commits cost 0.44 s of
a 5 s run. While a simulated run goes, a thread with a connection of its
own checkpoints instead, PASSIVE (it never waits for the run, and copies
only what no reader still needs), so the WAL is back-filled before it
grows that far and the run's commits rarely checkpoint themselves. SQLite
makes a checkpoint interrupted by a crash safe; nothing of the run's
transactions depends on it.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

EVERY_SECONDS = 0.05  # how often the thread looks at the WAL


@contextmanager
def checkpoints_beside(store: Any, enabled: bool) -> Iterator[None]:
    url = store.engine.url
    path = url.database if url.get_backend_name() == "sqlite" and not url.query else None
    if not enabled or not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(target=_checkpoint_until, args=(path, stop),
                              name="wal-checkpoints", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _checkpoint_until(path: str, stop: threading.Event) -> None:
    try:
        db = sqlite3.connect(path, timeout=0, check_same_thread=False)
    except sqlite3.Error:
        return  # the run's own commits checkpoint, as without this thread
    try:
        db.execute("PRAGMA synchronous=NORMAL")  # as the store's connections
        while not stop.wait(EVERY_SECONDS):
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error:
                continue  # busy or locked for a moment: the next look tries again
    finally:
        db.close()
