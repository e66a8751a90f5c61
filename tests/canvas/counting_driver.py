"""A person at the real widgets, counted: every interaction goes through a widget at a
position (QTest) and adds to `count` — a click 1, a drag 1, a field typed in one go 1,
a key (Enter, a shortcut) 1. Nothing here calls an editor or emits a signal.

Offscreen Qt has no drag and drop (its QDrag ends at once), so a drag out of the
palette is delivered as a desktop's drag and drop delivers it: the palette's own
drag data for the row under the press, then enter, move and drop events on the
canvas at the drop point."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from canvas_app.items.add_button import add_buttons

from .helpers import type_text

LEFT = Qt.MouseButton.LeftButton
SETTLE_MS = 30  # lets queued events (a popup opening, a typing pause starting) run


class CountingDriver:
    def __init__(self, window):
        self.window = window
        self.count = 0
        self.log: list[str] = []

    def _counted(self, what: str) -> None:
        self.count += 1
        self.log.append(what)
        QTest.qWait(SETTLE_MS)

    # -- where things are -------------------------------------------------------------

    def plus_point(self, node_id: str, outlet: str) -> QPoint:
        """The viewport pixel of the "+" of a free outlet."""
        button = add_buttons(self.window.scene.node_items[node_id])[outlet]
        return self.window.view.mapFromScene(button.scenePos())

    def outlet_point(self, node_id: str, outlet: str) -> QPoint:
        item = self.window.scene.node_items[node_id]
        return self.window.view.mapFromScene(item.mapToScene(item.outlet_pos(outlet)))

    def card_point(self, node_id: str) -> QPoint:
        item = self.window.scene.node_items[node_id]
        return self.window.view.mapFromScene(item.sceneBoundingRect().center())

    # -- gestures -----------------------------------------------------------------------

    def click(self, widget, pos: QPoint | None = None, what: str = "") -> None:
        QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier,
                         pos if pos is not None else widget.rect().center())
        self._counted(f"click {what or type(widget).__name__}")

    def click_canvas(self, pos: QPoint, what: str) -> None:
        self.click(self.window.view.viewport(), pos, what)

    def click_plus(self, node_id: str, outlet: str) -> None:
        self.click_canvas(self.plus_point(node_id, outlet), f"+ of {outlet}")

    def pick_from_menu(self, text: str) -> None:
        """Click the entry `text` of the menu that is open."""
        menu = QApplication.activePopupWidget()
        assert menu is not None, "no menu is open"
        (action,) = [a for a in menu.actions() if a.text() == text]
        self.click(menu, menu.actionGeometry(action).center(), f"menu {text}")

    def pick_from_combo(self, combo: QComboBox, text: str) -> None:
        """Open `combo` with a click, click the item `text` in its list: two clicks."""
        self.click(combo, what=f"open {text}")
        # A combo ignores a release this soon after its list opened (it takes it for the
        # end of the click that opened it): a person's second click comes later.
        QTest.qWait(QApplication.doubleClickInterval() + 50)
        view = combo.view()
        index = view.model().index(combo.findText(text), 0)
        assert index.isValid(), f"{text!r} not offered"
        self.click(view.viewport(), view.visualRect(index).center(), f"pick {text}")

    def drag(self, start: QPoint, end: QPoint, what: str) -> None:
        viewport = self.window.view.viewport()
        QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
        for step in range(1, 6):
            QTest.mouseMove(viewport, start + (end - start) * (step / 5))
        QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.NoModifier, end)
        self._counted(f"drag {what}")

    def drag_from_palette(self, kind: str, end: QPoint) -> None:
        palette, viewport = self.window.palette, self.window.view.viewport()
        row = palette.visualItemRect(palette.item_for(kind)).center()
        mime = palette.mimeData([palette.itemAt(row)])
        args = (Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, QDragEnterEvent(end, *args))
        QApplication.sendEvent(viewport, QDragMoveEvent(end, *args))
        QApplication.sendEvent(viewport, QDropEvent(QPointF(end), *args))
        self._counted(f"drag {kind} from the palette")

    def type(self, text: str) -> None:
        """Type `text` into the widget that has the focus, in one go."""
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the focus to type {text!r} into"
        type_text(widget, text)
        self._counted(f"type {text[:12]}")

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, what: str = "") -> None:
        widget = QApplication.focusWidget() or self.window
        QTest.keyClick(widget, key, modifier)
        self._counted(f"key {what}")
