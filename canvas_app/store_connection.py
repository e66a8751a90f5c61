"""The customer store the editor reads: its catalog (for validation and pickers)
and its customers (for the live audience estimate).

Which store: the JOURNEY_CANVAS_STORE environment variable (`make run` points it
at the demo store), else the URL saved in settings, else none. Opening runs on
Qt's thread pool, so a slow or remote database never freezes the window.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from . import settings

ENV_VAR = "JOURNEY_CANVAS_STORE"


def configured_store_url() -> str | None:
    """The environment's store URL, else the one saved in settings, else None."""
    return os.environ.get(ENV_VAR, "").strip() or settings.store_url() or None


def store_label(url: str) -> str:
    """A short name for the status bar: the file name of a SQLite store, else the URL
    without its password."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url if "://" in url else f"sqlite:///{url}")
    except Exception:  # noqa: BLE001 — only a label; the opener reports the real problem
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database).name
    return parsed.render_as_string(hide_password=True)


def explain_failure(url: str, exc: BaseException) -> str:
    """What went wrong, in the operator's language, without a traceback."""
    from sqlalchemy.engine import make_url

    translate = QCoreApplication.translate
    try:
        parsed = make_url(url if "://" in url else f"sqlite:///{url}")
    except Exception:  # noqa: BLE001 — any parse failure means the same thing to the operator
        return translate("StoreConnection", "“%1” is not a database address. Use, for "
                         "example, sqlite:///var/demo.db").replace("%1", url)
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not Path(path).exists():
        return translate("StoreConnection", "There is no file at %1. Create a store with "
                         "“journey-runtime init”, or choose another file.").replace("%1", path)
    first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
    return translate("StoreConnection", "The customer store at %1 cannot be opened: "
                     "%2").replace("%1", store_label(url)).replace("%2", first_line)


def open_store_now(url: str) -> tuple[Any, int]:
    """Open an existing store (never create one at a mistyped path) and count its
    customers. Raises whatever the runtime raises."""
    from runtime.api import open_store

    store = open_store(url, create=False)
    try:
        store.catalog()
        return store, store.customer_count()
    except BaseException:
        store.close()
        raise


class _Relay(QObject):
    opened = Signal(int, object, int)  # request number, store, customer count
    failed = Signal(int, str)


class _OpenJob(QRunnable):
    def __init__(self, number: int, url: str):
        super().__init__()
        self.number, self.url = number, url
        self.relay = _Relay()

    def run(self) -> None:
        try:
            store, count = open_store_now(self.url)
        except Exception as exc:  # noqa: BLE001 — every failure becomes a readable message
            self.relay.failed.emit(self.number, explain_failure(self.url, exc))
            return
        self.relay.opened.emit(self.number, store, count)


class StoreConnector(QObject):
    """Opens stores in the background; only the latest request's answer counts."""

    connected = Signal(object, str, int)  # store, url, customer count
    failed = Signal(str, str)  # url, message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._number = 0
        self._urls: dict[int, str] = {}
        self._jobs: dict[int, _OpenJob] = {}

    def open(self, url: str) -> None:
        self._number += 1
        job = _OpenJob(self._number, url)
        job.relay.opened.connect(self._opened)
        job.relay.failed.connect(self._failed)
        self._jobs[self._number] = job  # keeps the relay alive until it reports
        self._urls[self._number] = url
        QThreadPool.globalInstance().start(job)

    @Slot(int, object, int)
    def _opened(self, number: int, store: Any, count: int) -> None:
        self._jobs.pop(number, None)
        url = self._urls.pop(number, "")
        if number != self._number:
            store.close()  # a newer request replaced this one
            return
        self.connected.emit(store, url, count)

    @Slot(int, str)
    def _failed(self, number: int, message: str) -> None:
        self._jobs.pop(number, None)
        url = self._urls.pop(number, "")
        if number == self._number:
            self.failed.emit(url, message)
