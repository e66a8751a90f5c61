"""How a person's input reaches a form: every editor's contract (`ValueEditor`),
typed values reported a moment after typing pauses and at once when the field
is left (`TypedEditor`), and controls that take the mouse wheel only once
focused (`quiet_wheel`), so the wheel over a form scrolls it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QWidget

TYPING_PAUSE_MS = 300  # a typed value applies this long after the last key


class ValueEditor(QWidget):
    value_changed = Signal(object)

    def get_value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_input(self) -> None:
        """Put the cursor where a person starts filling this editor in: its first control
        that Tab reaches, entered as Tab enters it (a line or number then has its text
        selected, so typing replaces it)."""
        target = first_control(self)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _changed(self, *_: Any) -> None:
        self.value_changed.emit(self.get_value())


def first_control(widget: QWidget) -> QWidget | None:
    """The first control inside `widget`, in Tab order, that would take the focus."""
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (widget.isAncestorOf(candidate) and candidate.isEnabled()
                and candidate.isVisibleTo(widget)
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


class TypingPause(QObject):
    """Calls `report` once typing has paused for TYPING_PAUSE_MS."""

    def __init__(self, report, parent: QObject):
        super().__init__(parent)
        self._report = report
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(report)

    def restart(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Report now what is still waiting (the form is about to go, say)."""
        if self._timer.isActive():
            self._timer.stop()
            self._report()


class TypedEditor(ValueEditor):
    """An editor typed into: `_typed` on each change, `_left` when the field is left.
    Reports only values that differ from the last one reported or set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pause = TypingPause(self._report, self)
        self._reported: Any = None

    def _typed(self, *_: Any) -> None:
        self.pause.restart()

    def _left(self, *_: Any) -> None:
        self.pause.flush()
        self._report()

    def _report(self) -> None:
        value = self.get_value()
        if value != self._reported:
            self._reported = value
            self._changed()

    def _settled(self) -> None:
        """After set_value: what the editor now holds is known, nothing to report."""
        self._reported = self.get_value()


class _WheelGuard(QObject):
    """Hands a wheel over an unfocused control to the scroll area around it."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            viewport = area.viewport()
            at = QPointF(watched.mapTo(viewport, event.position().toPoint()))
            QApplication.sendEvent(viewport, QWheelEvent(
                at, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        return True  # the control itself never turns


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_wheel_guard: _WheelGuard | None = None


def quiet_wheel(widget):
    """A control that turns with the wheel only once clicked or tabbed into: a wheel
    over the form scrolls it and never changes a value the pointer happens to cross."""
    global _wheel_guard
    if _wheel_guard is None:
        _wheel_guard = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_wheel_guard)
    return widget


def typed_spin(spin: QAbstractSpinBox, editor: TypedEditor) -> QAbstractSpinBox:
    """A spin box whose typed digits apply as they are typed (after the pause)."""
    spin.setKeyboardTracking(True)
    quiet_wheel(spin)
    spin.editingFinished.connect(editor._left)
    return spin
