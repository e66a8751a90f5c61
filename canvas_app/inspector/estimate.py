"""Live estimate of how many customers match a condition right now.

Counting runs on Qt's thread pool (never the GUI thread), a short while after
the last edit; a result that arrives after a newer request is dropped.
Uses `runtime.api.count_matching(store, condition)` unless the host passes
its own counter; with no store connected the label shows "—" and its tooltip
says why.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from nodes.conditions import (
    AttributeCondition,
    EventCondition,
    always,
    leaves,
    parse_condition,
    value_problem,
)

from .translator import translator_for

DASH = "—"


class _Relay(QObject):
    finished = Signal(int, object, str)  # request number, count or None, problem


class _CountJob(QRunnable):
    def __init__(self, number: int, counter: Callable[..., int], store: Any, condition: Any):
        super().__init__()
        # Python owns the job (kept by the label until it reports): the pool must not
        # delete it under the wrapper, which once crashed the test suite.
        self.setAutoDelete(False)
        self.number, self.counter, self.store, self.condition = number, counter, store, condition
        self.relay = _Relay()

    def run(self) -> None:
        try:
            count = self.counter(self.store, self.condition)
        except Exception as exc:  # noqa: BLE001 — shown to the operator; the editor must survive it
            self.relay.finished.emit(self.number, None, f"{type(exc).__name__}: {exc}")
            return
        self.relay.finished.emit(self.number, int(count), "")


class EstimateLabel(QLabel):
    """"≈ 1,234 customers match now", refreshed off the GUI thread."""

    counted = Signal(object)  # the count, or None when unavailable

    def __init__(self, lang: str = "en", delay_ms: int = 400, parent=None):
        super().__init__(DASH, parent)
        self.lang = lang
        self.store: Any = None
        self.counter: Callable[..., int] | None = None
        self._number = 0
        self._pending: Any = None
        self._jobs: dict[int, _CountJob] = {}
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._start)
        self.setStyleSheet("color: #1565c0")
        self.setText(self._matching_dash())

    # What it says; a label of one branch path says it otherwise (path_estimates).

    def _matching_dash(self) -> str:
        return translator_for(self.lang).translate("Inspector", "Matching now: {count}").format(
            count=DASH)

    def _fill_in_first(self) -> str:
        tr = translator_for(self.lang)
        return tr.translate("Inspector", "Matching now: fill in the condition first")

    def _after_entry(self) -> str:
        tr = translator_for(self.lang)
        return tr.translate("Inspector", "Matching now: depends on what customers do after "
                            "they enter, so it cannot be counted in advance")

    def _counting(self) -> str:
        return translator_for(self.lang).translate("Inspector", "Counting…")

    def _count_text(self, count: int) -> str:
        tr = translator_for(self.lang)
        return tr.translate("Inspector", "≈ {count:,} customers match now").format(count=count)

    def set_store(self, store: Any, counter: Callable[..., int] | None = None) -> None:
        """Connect a customer store; `counter` defaults to the runtime's."""
        self.store, self.counter = store, counter

    def request(self, condition: Any) -> None:
        """Count the customers matching `condition` (None: everyone) soon."""
        self._pending = condition
        self._timer.start()

    def _unavailable(self, why: str) -> None:
        self.setText(self._matching_dash())
        self.setToolTip(why)
        self.counted.emit(None)

    def _start(self) -> None:
        tr = translator_for(self.lang)
        if self.store is None:
            self._unavailable(tr.translate("Inspector", "No customer store is connected."))
            return
        if self.counter is None:
            from runtime.api import count_matching  # here, not at start-up: it loads SQLAlchemy

            self.counter = count_matching
        try:
            condition = always() if self._pending is None else parse_condition(self._pending)
        except ValueError:
            condition = None
        # A leaf still without its value would count as "nobody": say so instead.
        if condition is None or any(isinstance(leaf, AttributeCondition) and value_problem(leaf)
                                    for leaf in leaves(condition)):
            self.setText(self._fill_in_first())
            self.setToolTip("")
            self.counted.emit(None)
            return
        # "Since entering the journey" has no window before anyone enters: counted now,
        # "did not … since entry" would be everyone and "did …" no one.
        if any(isinstance(leaf, EventCondition) and leaf.within == "since_entry"
               for leaf in leaves(condition)):
            self.setText(self._after_entry())
            self.setToolTip("")
            self.counted.emit(None)
            return
        self._number += 1
        job = _CountJob(self._number, self.counter, self.store, condition)
        job.relay.finished.connect(self._finished)
        self._jobs[self._number] = job  # keep the relay alive until it reports
        self.setText(self._counting())
        QThreadPool.globalInstance().start(job)

    @Slot(int, object, str)
    def _finished(self, number: int, count: Any, problem: str) -> None:
        self._jobs.pop(number, None)
        if number != self._number:
            return  # a newer request is on its way
        tr = translator_for(self.lang)
        if count is None:
            self._unavailable(tr.translate("Inspector", "Counting failed: {problem}").format(
                problem=problem))
            return
        self.setText(self._count_text(count))
        self.setToolTip("")
        self.counted.emit(count)
