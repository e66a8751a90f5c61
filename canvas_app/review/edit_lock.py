"""The one gate every content edit passes: the document's undo stack.

Every edit the app makes (canvas gestures, keyboard, paste, palette drops, the
"+" on outlets, inspector typing) is pushed on the document's undo stack, and
undo/redo walk it; so while the journey is locked (in review) this stack
refuses any command that is not a review step, and says why once per gesture.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack


def is_review_step(command: QUndoCommand | None) -> bool:
    """Comments and status transitions, which stay allowed in review."""
    return bool(getattr(command, "review_only", False))


class LockingUndoStack(QUndoStack):
    refused = Signal(str)  # why an edit was not made, in the interface's language

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lock: Callable[[], str | None] = lambda: None  # the reason, or None: unlocked
        self._refused_macros = 0
        # True while a new step goes on (indexChanged then means a push, not a redo).
        self.pushing = False

    def _refuse(self) -> bool:
        reason = self.lock()
        if reason is None:
            return False
        if not self._refused_macros:  # a macro's commands are one refusal
            self.refused.emit(reason)
        return True

    def push(self, command: QUndoCommand) -> None:
        if is_review_step(command) or not self._refuse():
            self.pushing = True
            try:
                super().push(command)
            finally:
                self.pushing = False

    def beginMacro(self, text: str) -> None:
        # Every macro in the app groups content edits (delete, cut, add after).
        if self._refused_macros or self._refuse():
            self._refused_macros += 1
            return
        super().beginMacro(text)

    def endMacro(self) -> None:
        if self._refused_macros:
            self._refused_macros -= 1
            return
        self.pushing = True  # the outermost end puts the macro on as one step
        try:
            super().endMacro()
        finally:
            self.pushing = False

    def undo(self) -> None:
        if is_review_step(self.command(self.index() - 1)) or not self._refuse():
            super().undo()

    def redo(self) -> None:
        if is_review_step(self.command(self.index())) or not self._refuse():
            super().redo()
