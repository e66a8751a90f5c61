"""One way to run a runtime call off the GUI thread, for every operate screen.

    task = Task(runtime_api.simulate, url, path, days, progress=True)
    task.progressed.connect(bar.setValue)   # (done, total, label)
    task.finished.connect(show)             # the call's return value
    task.failed.connect(say)                # "TypeName: message"
    task.start()
    task.cancel()                           # asks; the call stops at its next progress

The call runs in Qt's global pool. With `progress=True` it gets a
`progress(done, total, label="")` keyword that reports to the GUI and raises
`Cancelled` once cancel() was asked, so any runtime function taking the
runtime's ProgressCallback can be stopped between its steps. Python owns
the job (autoDelete off) and the task keeps it until it reports: the pool
must never delete a runnable whose wrapper and signals are still in use.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_RUNNING: set[Task] = set()  # a task lives until it has reported, even if its owner is gone


class Cancelled(Exception):
    """Raised inside the call by its progress callback once cancel() was asked."""


class _Relay(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.call, self.relay = call, relay

    def run(self) -> None:
        try:
            result = self.call()
        except Cancelled:
            self.relay.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 — shown to the operator; the app must survive
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.relay.finished.emit(result)


class Task(QObject):
    progressed = Signal(int, int, str)  # done, total (-1: unknown), label
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[..., Any], *args: Any, progress: bool = False,
                 parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self.done = False
        if progress:
            kwargs["progress"] = self._report
        self._relay = _Relay()
        self._relay.progressed.connect(self.progressed)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._relay.cancelled.connect(self._cancelled)
        self._job = _Job(lambda: fn(*args, **kwargs), self._relay)

    def start(self) -> Task:
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(self._job)
        return self

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _report(self, done: int, total: int, label: str = "") -> None:
        if self._stop.is_set():
            raise Cancelled
        self._relay.progressed.emit(int(done), -1 if total is None else int(total), str(label))

    def _end(self) -> None:
        self.done = True
        _RUNNING.discard(self)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._end()
        self.finished.emit(result)

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self._end()
        self.failed.emit(problem)

    @Slot()
    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()


def wait_for(task: Task, timeout_s: float = 30.0) -> None:
    """Tests and scripts: process events until the task has reported."""
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while not task.done:
        if time.monotonic() > deadline:
            raise TimeoutError("the background task did not report in time")
        QCoreApplication.processEvents()
        time.sleep(0.005)
