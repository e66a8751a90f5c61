"""File ▸ Compare with…: the open journey against another file, on the canvas.

`compare_with(window, path)` shows the `CompareView` in place of the editor's
canvas and a dock listing the changes (`nodes.diff`, in the interface's
language); a click on a change centres its card. The comparison reads the
chosen file as the old version and the open journey as the new one. Compare
mode is read-only: the editing actions, the palette and the step settings are
off until it is left (the dock's button, closing the dock, or opening another
journey), which brings the editor's own canvas back as it was.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nodes import fileformat
from nodes.errors import JourneyError

from .. import i18n
from ..validation_panel import WrappedTextDelegate
from .compare import COLOURS, CompareScene, CompareView

NODE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
# Actions that would edit the journey: off while comparing.
EDITING_ACTIONS = ("undo", "redo", "cut", "copy", "paste", "duplicate", "delete", "select_all",
                   "layout", "find")
_MARKS = {"added": "+", "removed": "−", "changed": "~", "moved": "·"}
_QUIET = QColor("#8d959e")


TITLE = QT_TRANSLATE_NOOP("ComparePanel", "Compare")
PICK_TITLE = QT_TRANSLATE_NOOP("ComparePanel", "Compare with…")
FILTER = QT_TRANSLATE_NOOP("ComparePanel", "Journeys (*.journey.json *.json)")
CANNOT_OPEN = QT_TRANSLATE_NOOP("ComparePanel", "Cannot open the journey")
PICK_VERSION = QT_TRANSLATE_NOOP("ComparePanel", "Compare with a published version")
VERSION_LABEL = QT_TRANSLATE_NOOP("ComparePanel", "Published version of '{journey}':")
VERSION_ITEM = QT_TRANSLATE_NOOP("ComparePanel", "Version {version} ({state}, published {at})")
# A published version's state in the store (journey_versions.state).
VERSION_STATES = {"active": QT_TRANSLATE_NOOP("ComparePanel", "running"),
                  "paused": QT_TRANSLATE_NOOP("ComparePanel", "paused"),
                  "stopped": QT_TRANSLATE_NOOP("ComparePanel", "stopped")}
NO_STORE = QT_TRANSLATE_NOOP("ComparePanel", "Connect to a customer store first "
                             "(File ▸ Connect to Customer Store…).")
NO_VERSION = QT_TRANSLATE_NOOP("ComparePanel", "The store has no published version of "
                               "'{journey}' yet.")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparePanel", text)


class ComparePanel(QWidget):
    """The changes as a list; a click on one asks to show its card."""

    node_activated = Signal(str)
    leave_requested = Signal()
    language_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changes: list = []
        self.lang = "en"
        self.source = ""
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("compare_changes")
        self.list.setItemDelegate(WrappedTextDelegate(self.list))  # as the problems list
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(2)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.leave_button = QPushButton(self)
        self.leave_button.setObjectName("leave_compare")
        self.leave_button.clicked.connect(self.leave_requested)
        column = QVBoxLayout(self)
        column.addWidget(self.summary_label)
        column.addWidget(self.list, 1)
        column.addWidget(self.leave_button)
        self.retranslate_ui()

    def set_changes(self, changes: list, lang: str, source: str) -> None:
        self.changes, self.lang, self.source = changes, lang, source
        self.list.clear()
        for change in changes:
            item = QListWidgetItem(f"{_MARKS[change.kind]} {change.text(lang)}")
            item.setData(NODE_ROLE, change.node_id)
            item.setData(KIND_ROLE, change.kind)
            colour = _QUIET if change.kind == "moved" else QColor(COLOURS[change.kind]).darker(130)
            item.setForeground(QBrush(colour))
            self.list.addItem(item)
        self.retranslate_ui()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(NODE_ROLE)
        if node_id:
            self.node_activated.emit(node_id)

    def retranslate_ui(self) -> None:
        name = Path(self.source).name if self.source else ""
        if not self.changes:
            text = self.tr("No differences from %1").replace("%1", name)
        else:
            text = self.tr("Changes since %1: %2").replace("%1", name).replace(
                "%2", str(len(self.changes)))
        self.summary_label.setText(text)
        self.leave_button.setText(self.tr("Leave comparison"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.language_changed.emit()
        super().changeEvent(event)


class CompareDock(QDockWidget):
    """The dock of the list; closing it leaves the comparison (a hidden tab does not)."""

    closed = Signal()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()


class CompareMode:
    """One comparison shown in a window, until `leave()`."""

    def __init__(self, window, old, old_path: str):
        self.window = window
        self.old_path = old_path
        new = window.document.journey
        self.scene = CompareScene(old, new, window.lang, window.catalog, window)
        self.view = CompareView(self.scene, window)
        self.panel = ComparePanel(window)
        self.panel.set_changes(self.scene.changes, window.lang, old_path)
        self.panel.node_activated.connect(self.view.show_node)
        self.panel.leave_requested.connect(self.leave)
        self.dock = CompareDock(window)
        self.dock.setObjectName("compare")
        self.dock.setWidget(self.panel)
        self.dock.setWindowTitle(_tr(TITLE))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        if window.inspector_dock.isVisible() and not window.inspector_dock.isFloating():
            window.tabifyDockWidget(window.inspector_dock, self.dock)  # in its place, on top
        self.dock.show()
        self.dock.raise_()
        self.dock.closed.connect(self.leave)
        # The editor's canvas steps aside; it keeps its own zoom and selection.
        window.scene.clearSelection()
        window.find_bar.hide()
        layout = window.centralWidget().layout()
        layout.addWidget(self.view)
        window.view.hide()
        self.enabled_before = {n: window.actions[n].isEnabled() for n in EDITING_ACTIONS
                               if n in window.actions}
        for name in self.enabled_before:
            window.actions[name].setEnabled(False)
        for dock in (window.palette_dock, window.inspector_dock):
            dock.widget().setEnabled(False)
        window.document.reset.connect(self.leave)
        self.panel.language_changed.connect(self.retranslate)
        self.view.show()
        self.view.show_start()
        self.active = True

    def retranslate(self) -> None:
        if not self.active:
            return
        lang = i18n.current_language()
        self.scene.set_language(lang)
        self.panel.set_changes(self.scene.changes, lang, self.old_path)
        self.dock.setWindowTitle(_tr(TITLE))

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        window = self.window
        try:
            window.document.reset.disconnect(self.leave)
        except (RuntimeError, TypeError):
            pass
        window.view.show()
        self.view.hide()
        window.centralWidget().layout().removeWidget(self.view)
        for name, enabled in self.enabled_before.items():
            window.actions[name].setEnabled(enabled)
        undo = window.document.undo_stack
        window.actions["undo"].setEnabled(undo.canUndo())
        window.actions["redo"].setEnabled(undo.canRedo())
        for dock in (window.palette_dock, window.inspector_dock):
            dock.widget().setEnabled(True)
        window.removeDockWidget(self.dock)
        self.dock.deleteLater()
        self.view.deleteLater()
        self.scene.deleteLater()
        if getattr(window, "compare_mode", None) is self:
            window.compare_mode = None


def compare_with(window, path: str | None = None) -> CompareMode | None:
    """Compare the open journey with the journey file at `path` (asked for when
    None); the comparison replaces any running one."""
    if path is None:
        folder = str(Path(window.document.path).parent) if window.document.path else ""
        path, _ = QFileDialog.getOpenFileName(
            window, _tr(PICK_TITLE), folder, _tr(FILTER))
        if not path:
            return None
    try:
        old = fileformat.load(path)
    except JourneyError as exc:
        QMessageBox.warning(window, _tr(CANNOT_OPEN), exc.message(window.lang))
        return None
    running = getattr(window, "compare_mode", None)
    if running is not None:
        running.leave()
    window.compare_mode = CompareMode(window, old, str(path))
    return window.compare_mode


def compare_with_published(window, version: int | None = None) -> CompareMode | None:
    """Compare the open journey with one of its versions published in the connected
    store (asked for when `version` is None, the newest first)."""
    journey_id = window.document.journey.id
    store = window.store
    if store is None:
        QMessageBox.information(window, _tr(PICK_VERSION), _tr(NO_STORE))
        return None
    try:
        rows = store.published_versions(journey_id)
        if not rows:
            QMessageBox.information(window, _tr(PICK_VERSION),
                                    _tr(NO_VERSION).format(journey=journey_id))
            return None
        if version is None:
            version = _ask_version(window, journey_id, rows)
            if version is None:
                return None
        row = store.journey_version(journey_id, version)
        old = fileformat.loads(row.document, f"{journey_id} v{version}")
    except JourneyError as exc:
        QMessageBox.warning(window, _tr(CANNOT_OPEN), exc.message(window.lang))
        return None
    except Exception as exc:  # noqa: BLE001 - a store that went away: say so, keep editing
        QMessageBox.warning(window, _tr(CANNOT_OPEN), str(exc).splitlines()[0])
        return None
    running = getattr(window, "compare_mode", None)
    if running is not None:
        running.leave()
    window.compare_mode = CompareMode(window, old, f"{journey_id} v{version}")
    return window.compare_mode


def _ask_version(window, journey_id: str, rows) -> int | None:
    from datetime import datetime

    newest_first = list(reversed(rows))
    labels = [_tr(VERSION_ITEM).format(
        version=r.version, state=_tr(VERSION_STATES[r.state]) if r.state in VERSION_STATES
        else r.state,
        at=datetime.fromtimestamp(r.published_at).strftime("%Y-%m-%d %H:%M"))
        for r in newest_first]
    label, ok = QInputDialog.getItem(window, _tr(PICK_VERSION),
                                     _tr(VERSION_LABEL).format(journey=journey_id),
                                     labels, 0, False)
    return newest_first[labels.index(label)].version if ok and label in labels else None
