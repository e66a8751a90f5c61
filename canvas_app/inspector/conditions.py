"""The condition builder: nested AND / OR / NOT groups of attribute and event
tests, in the operator's words, dumping to the tree of journey-semantics §2.

A NOT group holds one child ({"not": c}); given several it means "none of
these" and dumps {"not": {"any": [...]}}, which reads back the same way.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
)

from nodes.conditions import dump_condition, parse_condition

from .condition_leaves import AttributeLeafRow, attribute_specs
from .editors import ChoiceEditor, EditorContext, ValueEditor, discard
from .event_leaf import EventLeafRow
from .translator import translator_for

ALL, ANY, NOT = "all", "any", "not"
NOT_DONE = {"op": "eq", "value": 0}  # "did not" is a count of exactly 0


def _mode_labels(lang: str) -> list[tuple[str, str]]:
    tr = translator_for(lang)
    return [
        (ALL, tr.translate("Inspector", "All of these (AND)")),
        (ANY, tr.translate("Inspector", "Any of these (OR)")),
        (NOT, tr.translate("Inspector", "None of these (NOT)")),
    ]


def _add_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button


class GroupFrame(QFrame):
    """One AND / OR / NOT group and its children (leaves and groups)."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, ctx: EditorContext, mode: str = ALL, root: bool = False,
                 asks: bool = False, parent=None):
        """`asks`: empty, the group asks for a condition (a branch path without one)."""
        super().__init__(parent)
        self.ctx, self.asks = ctx, asks
        self.children_: list[Any] = []
        lang = ctx.lang
        tr = translator_for(lang)
        if not root:
            self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6 if not root else 0, 2, 2 if not root else 0, 2)
        head = QHBoxLayout()
        self.mode = ChoiceEditor(_mode_labels(lang))
        self.mode.set_value(mode)
        head.addWidget(self.mode, 1)
        if not root:
            remove = QToolButton()
            remove.setText("✕")
            remove.setToolTip(tr.translate("Inspector", "Remove this group"))
            remove.clicked.connect(lambda: self.removed.emit(self))
            head.addWidget(remove)
        layout.addLayout(head)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        # Short texts on tool buttons (push buttons are never narrower than 80 px), so
        # the row fits a narrow inspector even inside nested groups; the tooltips say
        # what each adds.
        self.add_attribute = _add_button(tr.translate("Inspector", "+ Attribute"))
        self.add_attribute.setToolTip(
            tr.translate("Inspector", "Add a test on a customer attribute"))
        # Did and did not, each one click: the two tests a journey's paths are made of.
        self.add_event = _add_button(tr.translate("Inspector", "+ Did"))
        self.add_event.setToolTip(tr.translate("Inspector", "Add a test on what the customer did"))
        self.add_not_event = _add_button(tr.translate("Inspector", "+ Did not"))
        self.add_not_event.setToolTip(
            tr.translate("Inspector", "Add a test on what the customer did not do"))
        self.add_group = _add_button(tr.translate("Inspector", "+ Group"))
        self.add_group.setToolTip(
            tr.translate("Inspector", "Add a group of conditions (AND / OR)"))
        for button in (self.add_attribute, self.add_event, self.add_not_event, self.add_group):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_attribute.clicked.connect(lambda: self._added(self.add_attribute_leaf()))
        self.add_event.clicked.connect(lambda: self._added(self.add_event_leaf()))
        self.add_not_event.clicked.connect(
            lambda: self._added(self.add_event_leaf({"count": NOT_DONE})))
        self.add_group.clicked.connect(lambda: self._added(self.add_subgroup()))
        self.mode.value_changed.connect(self._mode_changed)
        self._update_empty()

    def _added(self, child: Any) -> None:
        """A person added `child`: it is reported, and takes the cursor (its event or
        attribute is the first thing to choose, by typing its name or from the list)."""
        self.changed.emit()
        child.focus_input()

    def _mode_changed(self, *_: Any) -> None:
        self._update_empty()
        self.changed.emit()

    def _update_empty(self) -> None:
        # An empty AND is true, an empty OR false: say so in words.
        tr = translator_for(self.ctx.lang)
        texts = {ALL: tr.translate("Inspector", "No conditions yet: everyone matches."),
                 ANY: tr.translate("Inspector", "No conditions yet: nobody matches."),
                 NOT: tr.translate("Inspector", "Add the condition to negate.")}
        asking = self.asks and self.mode.get_value() == ALL
        self.empty.setText(tr.translate(
            "Inspector", "Add a condition: until then everyone matches.") if asking
            else texts[self.mode.get_value()])
        self.empty.setStyleSheet("color: #e65100" if asking else "color: gray")
        self.empty.setVisible(not self.children_)

    def _adopt(self, child: Any) -> Any:
        child.changed.connect(self.changed)
        child.removed.connect(self._remove)
        self.children_.append(child)
        self.body.addWidget(child)
        self._update_empty()
        return child

    def _remove(self, child: Any) -> None:
        self.children_.remove(child)
        discard(child)
        self._update_empty()
        self.changed.emit()

    def add_attribute_leaf(self, leaf: dict | None = None) -> AttributeLeafRow:
        specs = attribute_specs(self.ctx)
        if leaf and leaf.get("attribute") not in {s.name for s in specs}:
            from .condition_leaves import FieldSpec

            specs.append(FieldSpec(leaf["attribute"], leaf["attribute"], None))
        row = AttributeLeafRow(self.ctx, specs)
        if leaf:
            row.set_value(leaf)
        return self._adopt(row)

    def add_event_leaf(self, leaf: dict | None = None) -> EventLeafRow:
        """A test on an action; a partial `leaf` (no event, say) keeps the rest fresh."""
        row = EventLeafRow(self.ctx)
        if leaf:
            row.set_value({"event": row.event_picker.get_value(),
                           "within": row.within.get_value(), **leaf})
        return self._adopt(row)

    def add_subgroup(self, mode: str = ALL) -> GroupFrame:
        return self._adopt(GroupFrame(self.ctx, mode))

    def add_child(self, data: dict) -> Any:
        """Add the widget for a dumped condition."""
        if "attribute" in data:
            return self.add_attribute_leaf(data)
        if "event" in data:
            return self.add_event_leaf(data)
        group = self.add_subgroup()
        group.load(data)
        return group

    def load(self, data: dict) -> None:
        """Show a dumped group condition (all / any / not)."""
        if "not" in data:
            inner = data["not"]
            # {"not": {"any": [a, b, ...]}} is the NOT group's own "none of these".
            if isinstance(inner, dict) and len(inner.get("any", [])) >= 2 and len(inner) == 1:
                mode, items = NOT, inner["any"]
            else:
                mode, items = NOT, [inner]
        elif "any" in data:
            mode, items = ANY, data["any"]
        else:
            mode, items = ALL, data.get("all", [])
        self.mode.set_value(mode)
        self._update_empty()
        for item in items:
            self.add_child(item)

    def focus_input(self) -> None:
        self.mode.combo.setFocus(Qt.FocusReason.TabFocusReason)

    def get_value(self) -> dict:
        items = [child.get_value() for child in self.children_]
        mode = self.mode.get_value()
        if mode == NOT:
            return {"not": items[0] if len(items) == 1 else {"any": items}}
        return {mode: items}


def _plain(condition: Any) -> dict | None:
    if condition is None:
        return None
    if isinstance(condition, BaseModel):
        return dump_condition(condition)
    return dict(condition)


class ConditionBuilder(ValueEditor):
    """A whole condition tree. With `optional`, an empty AND group means None
    (e.g. a trigger's audience: everyone)."""

    def __init__(self, ctx: EditorContext, optional: bool = False, parent=None):
        super().__init__(parent)
        self.ctx, self.optional = ctx, optional
        self._root_was_leaf = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.root = self._new_root()

    def _new_root(self) -> GroupFrame:
        root = GroupFrame(self.ctx, root=True, asks=not self.optional)
        root.changed.connect(self._changed)
        self.layout_.addWidget(root)
        return root

    def get_value(self) -> dict | None:
        raw = self.root.get_value()
        if self.optional and raw == {ALL: []}:
            return None
        # A lone leaf read from a file stays a lone leaf (not wrapped in a group).
        if self._root_was_leaf and ALL in raw and len(raw[ALL]) == 1:
            raw = raw[ALL][0]
        try:
            return dump_condition(parse_condition(raw))
        except ValidationError:
            return raw  # incomplete: the form shows why

    def set_value(self, value: Any) -> None:
        data = _plain(value)
        discard(self.root)
        self.layout_.removeWidget(self.root)
        self.root = self._new_root()
        with QSignalBlocker(self.root):
            self._root_was_leaf = bool(data) and ("attribute" in data or "event" in data)
            if not data:
                return
            if self._root_was_leaf:
                self.root.add_child(data)
            else:
                self.root.load(data)
