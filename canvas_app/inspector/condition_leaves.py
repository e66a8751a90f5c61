"""The leaves of the condition builder: one attribute test and the `where` list
of tests on an event's properties (an event test is in event_leaf.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nodes.catalog import AttrType
from nodes.conditions import OPS_BY_TYPE, Op

from .editors import (
    ChoiceEditor,
    EditorContext,
    StringListEditor,
    ValueEditor,
    discard,
)
from .labels import op_label, property_label
from .pickers import typed_value_editor
from .time_editors import DurationEditor
from .translator import translator_for


@dataclass(frozen=True)
class FieldSpec:
    """Something a leaf can test: a customer attribute or an event property."""

    name: str
    label: str
    type: AttrType | None
    choices: tuple[str, ...] = ()


def attribute_specs(ctx: EditorContext) -> list[FieldSpec]:
    return [FieldSpec(a.name, a.label(ctx.lang), a.type, a.choices)
            for a in ctx.catalog.attributes.values()]


def property_specs(ctx: EditorContext, event: str | None) -> list[FieldSpec]:
    found = ctx.catalog.events.get(event or "")
    if found is None:
        return []
    return [FieldSpec(n, property_label(n, ctx.lang), t) for n, t in found.properties.items()]


class _NoValue(ValueEditor):
    def get_value(self) -> None:
        return None

    def set_value(self, value: Any) -> None:
        pass


class BetweenEditor(ValueEditor):
    """Two values of one type: [low, high]."""

    def __init__(self, low: ValueEditor, high: ValueEditor, lang: str, parent=None):
        super().__init__(parent)
        self.low, self.high = low, high
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(low, 1)
        layout.addWidget(QLabel(translator_for(lang).translate("Inspector", "and")))
        layout.addWidget(high, 1)
        low.value_changed.connect(self._changed)
        high.value_changed.connect(self._changed)

    def get_value(self) -> list:
        return [self.low.get_value(), self.high.get_value()]

    def set_value(self, value: Any) -> None:
        if isinstance(value, (list, tuple)) and len(value) == 2:
            self.low.set_value(value[0])
            self.high.set_value(value[1])


def ops_for(spec: FieldSpec | None) -> tuple[Op, ...]:
    if spec is None or spec.type is None:
        return tuple(Op)
    return OPS_BY_TYPE[spec.type]


def value_editor_for(spec: FieldSpec | None, op: str, ctx: EditorContext) -> ValueEditor:
    """The value part of a leaf: fits both the field's type and the operator."""
    attr_type = spec.type if spec else None
    choices = spec.choices if spec else ()
    if op in (Op.is_set, Op.is_not_set):
        return _NoValue()
    if op == Op.between:
        return BetweenEditor(typed_value_editor(attr_type, choices, ctx),
                             typed_value_editor(attr_type, choices, ctx), ctx.lang)
    if op in (Op.in_, Op.not_in):
        return StringListEditor(ctx.lang, float if attr_type == AttrType.number else str)
    if op in (Op.within_last, Op.within_next):
        return DurationEditor(ctx.lang)
    return typed_value_editor(attr_type, choices, ctx)


def _remove_button(lang: str) -> QToolButton:
    button = QToolButton()
    button.setText("✕")
    button.setToolTip(translator_for(lang).translate("Inspector", "Remove this condition"))
    return button


WIDE_VALUE = 110  # px: a value editor wider than this goes on the line below


class AttributeLeafRow(QWidget):
    """`<field> <operator> <value>` over customer attributes or event properties."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, ctx: EditorContext, specs: list[FieldSpec], parent=None):
        super().__init__(parent)
        self.ctx, self.specs = ctx, specs
        # A grid, so a wide value (a duration, a date) can take a line of its own and
        # the row still fits a narrow inspector.
        self.layout_ = QGridLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setVerticalSpacing(2)
        self.field = ChoiceEditor([(s.name, s.label) for s in specs])
        self.op = ChoiceEditor([])
        self.op.combo.setMinimumContentsLength(2)  # "≥", "不含": short; room for the value
        self.value: ValueEditor = _NoValue()
        remove = _remove_button(ctx.lang)
        self.layout_.addWidget(self.field, 0, 0)
        self.layout_.addWidget(self.op, 0, 1)
        self.layout_.addWidget(self.value, 0, 2)
        self.layout_.addWidget(remove, 0, 3)
        for column, stretch in enumerate((3, 2, 4)):
            self.layout_.setColumnStretch(column, stretch)
        self._fill_ops()
        self._rebuild_value()
        self.field.value_changed.connect(self._field_changed)
        self.op.value_changed.connect(self._op_changed)
        remove.clicked.connect(lambda: self.removed.emit(self))

    def focus_input(self) -> None:
        self.field.combo.setFocus(Qt.FocusReason.TabFocusReason)

    def spec(self) -> FieldSpec | None:
        name = self.field.get_value()
        return next((s for s in self.specs if s.name == name), None)

    def _fill_ops(self) -> None:
        keep = self.op.get_value()
        allowed = ops_for(self.spec())
        with QSignalBlocker(self.op.combo):
            self.op.combo.clear()
            for op in allowed:
                self.op.combo.addItem(op_label(op, self.ctx.lang), op.value)
            index = self.op.combo.findData(keep)
            self.op.combo.setCurrentIndex(max(index, 0))

    def _rebuild_value(self) -> None:
        fresh = value_editor_for(self.spec(), self.op.get_value(), self.ctx)
        fresh.value_changed.connect(lambda *_: self.changed.emit())
        self.layout_.removeWidget(self.value)
        discard(self.value)
        if fresh.minimumSizeHint().width() > WIDE_VALUE:
            self.layout_.addWidget(fresh, 1, 0, 1, 3)
        else:
            self.layout_.addWidget(fresh, 0, 2)
        self.value = fresh

    def _field_changed(self, *_: Any) -> None:
        self._fill_ops()
        self._rebuild_value()
        self.changed.emit()

    def _op_changed(self, *_: Any) -> None:
        self._rebuild_value()
        self.changed.emit()

    def get_value(self) -> dict:
        return {"attribute": self.field.get_value(), "op": self.op.get_value(),
                "value": self.value.get_value()}

    def set_value(self, leaf: dict) -> None:
        self.field.set_value(leaf.get("attribute", ""))
        self._fill_ops()
        self.op.set_value(leaf.get("op", ""))
        self._rebuild_value()
        self.value.set_value(leaf.get("value"))


class WhereEditor(ValueEditor):
    """Tests on the properties of an event (`where`), e.g. amount ≥ 1000."""

    def __init__(self, ctx: EditorContext, event: str | None = None, quiet: bool = False,
                 parent=None):
        super().__init__(parent)
        self.ctx, self.event_name, self.quiet = ctx, event, quiet
        self.rows: list[AttributeLeafRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        tr = translator_for(ctx.lang)
        self.add_button = QPushButton(tr.translate("Inspector", "+ Add a detail"))
        self.none_label = QLabel(tr.translate("Inspector", "This action has no details to test."))
        self.none_label.setStyleSheet("color: gray")
        layout.addWidget(self.add_button)
        layout.addWidget(self.none_label)
        self.add_button.clicked.connect(lambda: self.add_row() and self._changed())
        self._update_enabled()

    def _update_enabled(self) -> None:
        has = bool(property_specs(self.ctx, self.event_name))
        self.add_button.setVisible(has)
        self.none_label.setVisible(not has and not self.rows and not self.quiet)

    def set_event(self, event: str | None) -> None:
        """The event changed: its properties (and so the rows) may differ."""
        if event == self.event_name:
            return
        self.event_name = event
        names = {s.name for s in property_specs(self.ctx, event)}
        kept = [v for v in self.get_value() if v["attribute"] in names]
        self.set_value(kept)
        self._update_enabled()

    def add_row(self, leaf: dict | None = None) -> AttributeLeafRow:
        specs = property_specs(self.ctx, self.event_name)
        if leaf and leaf.get("attribute") not in {s.name for s in specs}:
            specs = [*specs, FieldSpec(leaf["attribute"], leaf["attribute"], None)]
        row = AttributeLeafRow(self.ctx, specs)
        if leaf:
            row.set_value(leaf)
        row.changed.connect(self._changed)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._update_enabled()
        return row

    def _remove(self, row: AttributeLeafRow) -> None:
        self.rows.remove(row)
        discard(row)
        self._update_enabled()
        self._changed()

    def get_value(self) -> list[dict]:
        return [row.get_value() for row in self.rows]

    def set_value(self, value: Any) -> None:
        for row in self.rows:
            discard(row)
        self.rows = []
        for leaf in value or []:
            self.add_row(leaf if isinstance(leaf, dict) else leaf.model_dump(mode="json"))
        self._update_enabled()
