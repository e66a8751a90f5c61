"""Editors that speak the catalog: event and attribute pickers with the
operator's labels, a value editor per attribute type, and the `set` editor
of an update node (attribute → value)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from nodes.catalog import AttrType

from .editors import (
    ChoiceEditor,
    EditorContext,
    JsonEditor,
    NumberEditor,
    TextEditor,
    ValueEditor,
    discard,
)
from .time_editors import DateEditor, DateTimeEditor
from .translator import translator_for


class EventPicker(ChoiceEditor):
    """An event name, shown by its catalog label (e.g. 首次入金)."""

    def __init__(self, ctx: EditorContext, parent=None):
        events = ctx.catalog.events.values()
        super().__init__([(e.name, e.label(ctx.lang)) for e in events], parent)


class AttributePicker(ChoiceEditor):
    """A customer attribute, optionally only of some types (e.g. dates)."""

    def __init__(self, ctx: EditorContext, types: tuple[AttrType, ...] | None = None,
                 parent=None):
        attributes = [a for a in ctx.catalog.attributes.values() if not types or a.type in types]
        super().__init__([(a.name, a.label(ctx.lang)) for a in attributes], parent)


def typed_value_editor(attr_type: AttrType | None, choices: tuple[str, ...],
                       ctx: EditorContext) -> ValueEditor:
    """The editor for one value of an attribute of `attr_type`."""
    if attr_type == AttrType.number:
        return NumberEditor()
    if attr_type == AttrType.bool:
        tr = translator_for(ctx.lang)
        return ChoiceEditor([(True, tr.translate("Inspector", "yes")),
                             (False, tr.translate("Inspector", "no"))])
    if attr_type == AttrType.date:
        return DateEditor()
    if attr_type == AttrType.datetime:
        return DateTimeEditor(ctx)
    if choices:
        return ChoiceEditor([(c, c) for c in choices])
    if attr_type is None:
        return JsonEditor()  # unknown to the catalog: keep numbers numbers
    return TextEditor()


def attribute_type(ctx: EditorContext, name: str) -> tuple[AttrType | None, tuple[str, ...]]:
    found = ctx.catalog.attributes.get(name)
    return (found.type, found.choices) if found else (None, ())


class _SetRow(QWidget):
    def __init__(self, owner: DictEditor, name: str, value: Any):
        super().__init__()
        self.owner = owner
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.attribute = AttributePicker(owner.ctx)
        self.attribute.set_value(name)
        self.value: ValueEditor = self._value_editor(name)
        if value is not None:
            self.value.set_value(value)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(translator_for(owner.ctx.lang).translate("Inspector", "Remove"))
        self.layout_.addWidget(self.attribute, 2)
        self.layout_.addWidget(self.value, 3)
        self.layout_.addWidget(remove)
        self.attribute.value_changed.connect(self._attribute_changed)
        remove.clicked.connect(lambda: owner.remove_row(self))

    def _value_editor(self, name: str) -> ValueEditor:
        editor = typed_value_editor(*attribute_type(self.owner.ctx, name), self.owner.ctx)
        editor.value_changed.connect(self.owner._changed)
        return editor

    def _attribute_changed(self, name: str) -> None:
        # Another attribute may have another type: swap the value editor.
        fresh = self._value_editor(name)
        self.layout_.replaceWidget(self.value, fresh)
        discard(self.value)
        self.value = fresh
        self.owner._changed()


class DictEditor(ValueEditor):
    """Attribute → value pairs (an update node's `set`)."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[_SetRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        add = translator_for(ctx.lang).translate("Inspector", "+ Add a field")
        self.add_button = QPushButton(add)
        layout.addWidget(self.add_button)
        self.add_button.clicked.connect(self.add_row)

    def add_row(self, name: str | None = None, value: Any = None) -> _SetRow:
        used = {r.attribute.get_value() for r in self.rows}
        if not name:
            name = next((n for n in self.ctx.catalog.attributes if n not in used), "")
        row = _SetRow(self, name, value)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        if value is None:
            self._changed()
        return row

    def remove_row(self, row: _SetRow) -> None:
        self.rows.remove(row)
        discard(row)
        self._changed()

    def get_value(self) -> dict:
        return {r.attribute.get_value(): r.value.get_value() for r in self.rows}

    def set_value(self, value: Any) -> None:
        for row in self.rows:
            discard(row)
        self.rows = []
        with QSignalBlocker(self):
            for name, item in (value or {}).items():
                self.add_row(name, item)
