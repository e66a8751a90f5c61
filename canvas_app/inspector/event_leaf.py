"""A test on what a customer did: `did <event> <at least> <N> times <when>, with
<details>`, turned into its opposite with one click (did ↔ did not, fewer than 3 ↔
at least 3: the next path of a funnel)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from nodes.conditions import CountOp, count_includes_zero

from .composite import AlternativesEditor
from .condition_leaves import WhereEditor, _remove_button
from .editors import ChoiceEditor, EditorContext, IntEditor
from .labels import choice_label, count_op_label
from .pickers import EventPicker
from .time_editors import DurationEditor
from .translator import translator_for


class _PickedFromList(QObject):
    """Calls `then` once a person picks an item from a combo's open list; a choice made
    with the arrow keys on the closed combo does not (the next key press is for it)."""

    def __init__(self, combo, then):
        super().__init__(combo)
        self.picked = False
        self.then = then
        combo.view().viewport().installEventFilter(self)
        combo.view().installEventFilter(self)
        combo.activated.connect(self._activated)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease or (
                event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.picked = True
        return False

    def _activated(self, *_: Any) -> None:
        picked, self.picked = self.picked, False
        if picked:
            self.then()


# Each count test's opposite: did ↔ did not, fewer than 3 ↔ at least 3.
OPPOSITE = {CountOp.gte: CountOp.lt, CountOp.lt: CountOp.gte, CountOp.lte: CountOp.gt,
            CountOp.gt: CountOp.lte, CountOp.eq: CountOp.ne, CountOp.ne: CountOp.eq}


def opposite_count(op: str, value: int) -> tuple[str, int]:
    """(op, value) of the count test true exactly when (op, value) is false."""
    flipped = OPPOSITE[CountOp(op)]
    if (flipped, value) in ((CountOp.lt, 1), (CountOp.lte, 0)):
        return CountOp.eq.value, 0  # fewer than once is not at all: "did not"
    if (flipped, value) in ((CountOp.gt, 0), (CountOp.ne, 0)):
        return CountOp.gte.value, 1  # other than never is once at least: "did"
    return flipped.value, value


class EventLeafRow(QFrame):
    """`did <event> <at least> <N> times <when>, with <details>`."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        lang = ctx.lang
        tr = translator_for(lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.event_picker = EventPicker(ctx)
        self.count_op = ChoiceEditor([(o.value, count_op_label(o, lang)) for o in
                                      (CountOp.gte, CountOp.lte, CountOp.eq, CountOp.ne,
                                       CountOp.gt, CountOp.lt)])
        self.count_editor = IntEditor(0, 9999)
        self.count = self.count_editor.spin
        self.count.setValue(1)
        self.count_editor._settled()
        # Whether 0 times counts, in words: "fewer than 3" includes those who never did it.
        self.zero_note = QLabel()
        self.zero_note.setStyleSheet("color: gray")
        self._show_count_words()
        self.count.valueChanged.connect(self._show_count_words)
        self.count_op.value_changed.connect(self._show_count_words)
        remove = _remove_button(lang)
        # "did not" is count = 0: offered in words rather than as "exactly 0 times".
        self.did = ChoiceEditor([(True, tr.translate("Inspector", "Did")),
                                 (False, tr.translate("Inspector", "Did not"))])
        self.invert = QToolButton()
        self.invert.setText(tr.translate("Inspector", "Flip"))
        self.invert.setToolTip(tr.translate(
            "Inspector", "Turn into its opposite: did ↔ did not, fewer than 3 ↔ at least 3"))
        top.addWidget(self.did, 1)
        top.addWidget(self.event_picker, 3)
        top.addWidget(self.invert)
        top.addWidget(remove)
        self.within = AlternativesEditor([
            (choice_label("none", lang), None, None),
            (choice_label("since_entry", lang), "since_entry", None),
            (choice_label("Duration", lang), None, DurationEditor(lang)),
        ])
        if ctx.event_window is not None:
            self.within.set_value(ctx.event_window)
        self.within.setToolTip(tr.translate("Inspector", "When"))
        self.where = WhereEditor(ctx, self.event_picker.get_value(), quiet=True)
        # How often, then when, each on its own line, so a narrow dock shows them whole.
        how_often = QHBoxLayout()
        how_often.addWidget(self.count_op, 1)
        how_often.addWidget(self.count_editor, 1)
        how_often.addWidget(self.zero_note)
        how_often.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(how_often)
        layout.addWidget(self.within)
        layout.addWidget(self.where)
        self.event_picker.value_changed.connect(self._event_changed)
        self.did.value_changed.connect(self._did_changed)
        for editor in (self.count_op, self.count_editor, self.within, self.where):
            editor.value_changed.connect(lambda *_: self.changed.emit())
        # An operator picked from the list asks for its number next: the cursor goes there.
        _PickedFromList(self.count_op.combo,
                        lambda: self.count.setFocus(Qt.FocusReason.TabFocusReason))
        self.invert.clicked.connect(self.turn_opposite)
        remove.clicked.connect(lambda: self.removed.emit(self))

    def focus_input(self) -> None:
        self.event_picker.combo.setFocus(Qt.FocusReason.TabFocusReason)

    def turn_opposite(self) -> None:
        """The test turned into its opposite, e.g. for the path of those who did not."""
        count = self.get_value()["count"]
        op, value = opposite_count(count["op"], count["value"])
        did = not (op == CountOp.eq and value == 0)
        self.did.set_value(did)
        self._show_count(did)
        if did:
            self.count_op.set_value(op)
            self.count_editor.set_value(value)
        self._show_count_words()
        self.changed.emit()

    def _show_count_words(self, *_: Any) -> None:
        tr = translator_for(self.ctx.lang)
        value = self.count.value()
        self.count.setSuffix(tr.translate("Inspector", " time") if value == 1 else
                             tr.translate("Inspector", " times"))
        self.zero_note.setText(
            tr.translate("Inspector", "(includes 0)")
            if count_includes_zero(self.count_op.get_value(), value)
            else tr.translate("Inspector", "(excludes 0)"))

    def _event_changed(self, name: str) -> None:
        self.where.set_event(name)
        self.changed.emit()

    def _show_count(self, did: bool) -> None:
        # "Did not" is exactly 0 times: shown so, greyed, and the lines below stay put.
        if not did:
            self.count_op.set_value(CountOp.eq.value)
            self.count_editor.set_value(0)
            self._show_count_words()
        for widget in (self.count_op, self.count_editor):
            widget.setEnabled(did)

    def _did_changed(self, did: bool) -> None:
        self._show_count(did)
        if did and self.count_op.get_value() == CountOp.eq and self.count.value() == 0:
            self.count_op.set_value(CountOp.gte.value)
            self.count_editor.set_value(1)
            self._show_count_words()
        self.changed.emit()

    def get_value(self) -> dict:
        count = ({"op": self.count_op.get_value(), "value": self.count.value()}
                 if self.did.get_value() else {"op": CountOp.eq.value, "value": 0})
        return {
            "event": self.event_picker.get_value(),
            "where": self.where.get_value(),
            "count": count,
            "within": self.within.get_value(),
        }

    def set_value(self, leaf: dict) -> None:
        self.event_picker.set_value(leaf.get("event", ""))
        self.where.event_name = None  # force the property list to follow the event
        self.where.set_event(self.event_picker.get_value())
        self.where.set_value(leaf.get("where", []))
        count = leaf.get("count") or {"op": "gte", "value": 1}
        self.count_op.set_value(count.get("op", "gte"))
        self.count_editor.set_value(int(count.get("value", 1)))
        self._show_count_words()  # "3 times", not "3 time"
        did = not (count.get("op") == CountOp.eq and count.get("value") == 0)
        self.did.set_value(did)
        self._show_count(did)
        self.within.set_value(leaf.get("within"))
