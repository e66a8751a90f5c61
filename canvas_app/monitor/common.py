"""What the operate screens share: the connected store's URL, the open journey
as a file the runtime can read, a progress row with Cancel, and the plain
message a failed runtime call becomes."""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from nodes import fileformat

from .background import Task

_SCRATCH = tempfile.TemporaryDirectory(prefix="journey-canvas-operate-")


def store_url(window) -> str | None:
    """The URL of the store the window is connected to, else None."""
    status = window.store_status
    return status.url if status.store is not None and status.url else None


def in_store(url: str, fn, *args: Any, **kwargs: Any) -> Any:
    """`fn(store, *args, **kwargs)` on a store opened for this call alone (in a
    background task: its own connections, closed when it is done)."""
    from runtime import api

    store = api.open_store(url, create=False)
    try:
        return fn(store, *args, **kwargs)
    finally:
        store.close()


def store_zone(window) -> ZoneInfo | None:
    """The connected store's timezone (the one its journeys and reports use), read
    once per store; None without a store (then times are the machine's)."""
    store = window.store_status.store
    if store is None:
        return None
    cached = getattr(window, "_operate_zone", None)
    if cached is None or cached[0] is not store:
        cached = window._operate_zone = (store, store.policies().zone())
    return cached[1]


def local_time(epoch: int | None, zone: ZoneInfo | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if epoch is None else datetime.fromtimestamp(epoch, zone).strftime(fmt)


def journey_file(window) -> Path:
    """The journey on the canvas, unsaved edits included, as a file of its own."""
    return scratch_file(window.document.journey, f"{window.document.journey.id}.journey.json")


def scratch_file(journey, name: str) -> Path:
    """`journey` saved under `name` in a folder of this session's, removed at exit."""
    path = Path(_SCRATCH.name) / name
    fileformat.save(journey, path)
    return path


def explained(fn, lang: str):
    """`fn` made to return {"problem": text in `lang`} for the refusals an operator
    can act on (a journey that does not validate, an unknown journey, a missing
    store), rather than a bare exception name."""
    from runtime.api import PublishRefused, StoreError, UnknownJourney

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (PublishRefused, UnknownJourney) as exc:
            return {"problem": exc.message(lang)}
        except StoreError as exc:
            return {"problem": str(exc)}
    return call


def shown_dock(window, name: str, make_panel) -> QWidget:
    """The window's dock `name` (made once with `make_panel(window)`, retranslated
    with the window), shown and raised; returns its panel."""
    dock = getattr(window, name, None)
    if dock is None:
        panel = make_panel(window)
        dock = QDockWidget(window)
        dock.setObjectName(name)
        dock.setWidget(panel)
        add_bottom_dock(window, dock)
        setattr(window, name, dock)
        window.operate.on_retranslate(panel.retranslate_ui)
    dock.show()
    dock.raise_()
    return dock.widget()


def set_dock_title(panel: QWidget, title: str) -> None:
    """The title of the dock holding `panel` (none yet while it is being made)."""
    if isinstance(panel.parentWidget(), QDockWidget):
        panel.parentWidget().setWindowTitle(title)


def add_bottom_dock(window, dock: QDockWidget) -> None:
    """Below the canvas, as a tab beside a dock already there (the review's), so
    charts and tables get the window's width rather than half of it."""
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    for other in window.findChildren(QDockWidget):
        if (other is not dock and other.isVisible() and not other.isFloating()
                and window.dockWidgetArea(other) == Qt.DockWidgetArea.BottomDockWidgetArea):
            window.tabifyDockWidget(other, dock)
            break


class ProgressRow(QWidget):
    """A progress bar and a Cancel button for one Task at a time."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.task: Task | None = None
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    def follow(self, task: Task, text: str, cancellable: bool = True) -> None:
        """Show `task` until it reports; Cancel only for a call that takes `progress`
        (the only kind that can stop between its steps)."""
        self.task = task
        self.cancel_button.setVisible(cancellable)
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report
        task.progressed.connect(self._progressed)
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(self._done)
        self.cancel_button.setEnabled(True)
        self.show()

    def _progressed(self, done: int, total: int, _label: str) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _done(self, *_: Any) -> None:
        self.task = None
        self.hide()

    @property
    def busy(self) -> bool:
        return self.task is not None
