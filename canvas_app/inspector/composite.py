"""Editors made of other editors: an optional value behind a tick box, and
a choice between shapes (e.g. never / after leaving / after a cooldown)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .editors import ValueEditor, narrow_combo


class OptionalEditor(ValueEditor):
    """A tick box that turns a value on; unticked means None."""

    def __init__(self, inner: ValueEditor, text: str, horizontal: bool = True, parent=None):
        super().__init__(parent)
        self.inner, self.horizontal = inner, horizontal
        layout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(text)
        layout.addWidget(self.enabled)
        layout.addWidget(inner, 1)
        inner.setEnabled(False)
        self.enabled.toggled.connect(self._toggled)
        inner.value_changed.connect(self._changed)

    def _toggled(self, on: bool) -> None:
        self.inner.setEnabled(on)
        self._changed()

    def get_value(self) -> Any:
        return self.inner.get_value() if self.enabled.isChecked() else None

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.enabled):
            self.enabled.setChecked(value is not None)
        self.inner.setEnabled(value is not None)
        if value is not None:
            self.inner.set_value(value)

    def focus_input(self) -> None:
        if self.enabled.isChecked():
            self.inner.focus_input()
        else:
            self.enabled.setFocus(Qt.FocusReason.TabFocusReason)

    def start_afresh(self, value: Any) -> None:
        """Like set_value, but an unticked value is cleared too: a budget in points is
        no budget in coupons, not even greyed out."""
        if value is None:
            self.inner.set_value(None)
        self.set_value(value)


class AlternativesEditor(ValueEditor):
    """One of several shapes: fixed values (a Literal's or None) or an editor."""

    def __init__(self, alternatives: list[tuple[str, Any, ValueEditor | None]], parent=None):
        """`alternatives`: (label, fixed value, None) or (label, None, editor)."""
        super().__init__(parent)
        self.alternatives = alternatives
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = narrow_combo(QComboBox())
        self.stack = QStackedWidget()
        for label, _fixed, editor in alternatives:
            self.combo.addItem(label)
            page = editor if editor is not None else QWidget()
            self.stack.addWidget(page)
            if editor is not None:
                editor.value_changed.connect(self._changed)
        layout.addWidget(self.combo)
        layout.addWidget(self.stack)
        self.combo.currentIndexChanged.connect(self._switched)
        self._fit()

    def _fit(self) -> None:
        # A stack is as tall as its tallest page; show only the current one's height.
        editor = self.alternatives[self.combo.currentIndex()][2]
        self.stack.setVisible(editor is not None)
        if editor is not None:
            self.stack.setFixedHeight(editor.sizeHint().height())

    def _switched(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._fit()
        self._changed()

    def get_value(self) -> Any:
        _label, fixed, editor = self.alternatives[self.combo.currentIndex()]
        return editor.get_value() if editor is not None else fixed

    def set_value(self, value: Any) -> None:
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json", by_alias=True)
        chosen = None
        for index, (_label, fixed, editor) in enumerate(self.alternatives):
            if editor is None and fixed == value:
                chosen = index
        if chosen is None:
            chosen = next((i for i, a in enumerate(self.alternatives) if a[2] is not None), 0)
            editor = self.alternatives[chosen][2]
            if editor is not None and value is not None:
                editor.set_value(value)
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(chosen)
        self.stack.setCurrentIndex(chosen)
        self._fit()
