"""Helpers that drive the canvas with real input events."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def send_mouse(view, kind, scene_pos: QPointF, buttons=Qt.MouseButton.LeftButton,
               button=Qt.MouseButton.LeftButton) -> None:
    """A real mouse event on the view's viewport at a scene position."""
    send_view_mouse(view, kind, QPointF(view.mapFromScene(scene_pos)), buttons, button)


def send_view_mouse(view, kind, local: QPointF, buttons=Qt.MouseButton.LeftButton,
                    button=Qt.MouseButton.LeftButton) -> None:
    """A real mouse event at a position of the viewport (pixels)."""
    global_pos = QPointF(view.viewport().mapToGlobal(local.toPoint()))
    event = QMouseEvent(kind, local, global_pos, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start: QPointF, end: QPointF, steps: int = 4) -> None:
    Type = QMouseEvent.Type
    send_mouse(view, Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse(view, Type.MouseMove, point, button=Qt.MouseButton.NoButton)
    send_mouse(view, Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)


def answer_next_dialog(button_text: str | None = None, standard=None, accept: bool = False):
    """Click a button in the next modal dialog once it opens (QMessageBox.exec blocks)."""
    clicked = []

    def poke():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poke)
            return
        if isinstance(dialog, QMessageBox):
            for button in dialog.buttons():
                if (standard is not None and dialog.standardButton(button) == standard) or (
                        button_text is not None and button.text() == button_text):
                    clicked.append(button.text())
                    button.click()
                    return
        if accept and isinstance(dialog, QDialog):
            clicked.append("accept")
            dialog.accept()

    QTimer.singleShot(0, poke)
    return clicked



def canonical(journey) -> str:
    """The saved document with nodes and edges in a fixed order: an undo may put a line
    back after others, which changes nothing the journey means."""
    import json

    from nodes import fileformat

    doc = fileformat.to_document(journey)
    graph = doc["graph"]
    graph["nodes"] = sorted(graph["nodes"], key=lambda n: n["id"])
    graph["edges"] = sorted(graph["edges"], key=lambda e: (e["source"], e["target"]))
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def wheel(widget, notches: int = -1) -> None:
    """Turn the mouse wheel over the middle of `widget` (negative: towards the user).
    Sent to the widget the pointer is over, as Qt delivers a wheel."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    local = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(local.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def type_text(widget, text: str, pause_ms: int = 0) -> None:
    """Type `text` into the focused `widget` character by character: ASCII as keys,
    anything else (Chinese) as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest

    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
        if pause_ms:
            QTest.qWait(pause_ms)
