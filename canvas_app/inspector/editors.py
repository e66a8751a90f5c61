"""Value editors with one contract: `get_value()`, `set_value(v)`, `value_changed`.

Values are plain JSON-ready data (str, int, float, bool, list, dict, None):
the form gathers them into a dict and lets pydantic validate it, so no editor
knows about configs. `set_value` never emits `value_changed`; only a person's
edit does. Typed values (text, numbers) are reported a moment after typing
pauses and at once when the field is left (`TypedEditor`), so the journey
follows the keys; the undo commands merge one field's typing into one step.
Combos, spin boxes and date fields take the wheel only once focused
(`quiet_wheel`), so the wheel over a form scrolls it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from nodes.catalog import STANDARD_CATALOG, Catalog

from .labels import choice_label
from .translator import translator_for
from .typed_input import TypedEditor, ValueEditor, quiet_wheel, typed_spin

INT_LIMIT = 2_000_000_000
SPIN_MIN_WIDTH = 64


@dataclass
class EditorContext:
    """What editors need to know beyond a value: language, catalog, zone."""

    lang: str = "en"
    catalog: Catalog = field(default_factory=lambda: STANDARD_CATALOG)
    timezone: str = "Asia/Shanghai"
    # What a new test on an action counts over: None (ever) or "since_entry" (a
    # branch's paths ask what customers did since they entered: look.event_window).
    event_window: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ValueError, KeyError):
            return ZoneInfo("Asia/Shanghai")


def discard(widget: QWidget) -> None:
    """Take a widget off screen now (a hidden widget takes no room in a layout)
    and free it later: it may be in the middle of emitting a signal."""
    widget.hide()
    widget.deleteLater()


def narrow_combo(combo: QComboBox) -> QComboBox:
    """A combo that may be narrower than its longest label (the panel is a dock)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(4)
    return quiet_wheel(combo)


def hbox(widget: QWidget, margins: int = 0) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(margins, margins, margins, margins)
    return layout


class TextEditor(TypedEditor):
    def __init__(self, empty_is_none: bool = False, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.empty_is_none = empty_is_none
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        hbox(self).addWidget(self.line)
        # textChanged, not textEdited: an input method's commit is typing too.
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._left)
        self._settled()

    def get_value(self) -> str | None:
        text = self.line.text()
        return None if (self.empty_is_none and not text.strip()) else text

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText("" if value is None else str(value))
        self._settled()


class MultilineEditor(TypedEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(84)
        hbox(self).addWidget(self.text)
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)
        self._settled()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._left()
        return False

    def get_value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.text):
            self.text.setPlainText("" if value is None else str(value))
        self._settled()


class IntEditor(TypedEditor):
    def __init__(self, minimum: int = -INT_LIMIT, maximum: int = INT_LIMIT, suffix: str = "",
                 parent=None):
        super().__init__(parent)
        self.spin = typed_spin(QSpinBox(), self)
        self.spin.setRange(minimum, maximum)
        self.spin.setSuffix(suffix)
        self.spin.setMinimumWidth(SPIN_MIN_WIDTH)  # its hint is sized for the largest value
        hbox(self).addWidget(self.spin)
        self.spin.valueChanged.connect(self._typed)
        self._settled()

    def get_value(self) -> int:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(int(value or 0))
        self._settled()


class TidySpinBox(QDoubleSpinBox):
    """Shows 25 and 50000 rather than 25.00 and 50000.00; decimals only when used."""

    def textFromValue(self, value: float) -> str:
        text = self.locale().toString(value, "f", self.decimals())
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text.replace(self.locale().groupSeparator(), "")


class NumberEditor(TypedEditor):
    """Int-or-float fields: whole numbers come back as int (StrictInt accepts them)."""

    def __init__(self, minimum: float = -1e12, maximum: float = 1e12, decimals: int = 2,
                 integral: bool = False, parent=None):
        super().__init__(parent)
        self.integral = integral
        self.spin = typed_spin(TidySpinBox(), self)
        self.spin.setRange(minimum, maximum)
        self.spin.setDecimals(decimals)
        self.spin.setMinimumWidth(SPIN_MIN_WIDTH)
        hbox(self).addWidget(self.spin)
        self.spin.valueChanged.connect(self._typed)
        self._settled()

    def get_value(self) -> int | float:
        value = self.spin.value()
        return int(value) if value.is_integer() and not self.integral else value

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(float(value or 0))
        self._settled()


class FloatEditor(NumberEditor):
    def get_value(self) -> float:
        return float(self.spin.value())


class BoolEditor(ValueEditor):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.check = QCheckBox(text)
        hbox(self).addWidget(self.check)
        self.check.toggled.connect(self._changed)

    def get_value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.check):
            self.check.setChecked(bool(value))


class ChoiceEditor(ValueEditor):
    """A combo of (value, label) pairs; an unknown value read from a file is kept."""

    def __init__(self, choices: list[tuple[Any, str]], parent=None):
        super().__init__(parent)
        self.combo = narrow_combo(QComboBox())
        for value, label in choices:
            self.combo.addItem(label, value)
        hbox(self).addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self._changed)

    def get_value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        value = getattr(value, "value", value)
        with QSignalBlocker(self.combo):
            index = self.combo.findData(value)
            if index < 0:
                self.combo.addItem(str(value), value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)

    def values(self) -> list[Any]:
        return [self.combo.itemData(i) for i in range(self.combo.count())]


def enum_choices(values: list[Any], lang: str) -> list[tuple[Any, str]]:
    return [(getattr(v, "value", v), choice_label(v, lang)) for v in values]


_LIST_SPLIT = re.compile(r"[,，;；、]")


class StringListEditor(TypedEditor):
    """A list of short strings typed on one line, separated by commas."""

    def __init__(self, lang: str = "en", item_type: type = str, parent=None):
        super().__init__(parent)
        self.item_type = item_type
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            translator_for(lang).translate("Inspector", "separate with commas"))
        hbox(self).addWidget(self.line)
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._left)
        self._settled()

    def get_value(self) -> list:
        items = [part.strip() for part in _LIST_SPLIT.split(self.line.text()) if part.strip()]
        if self.item_type in (int, float):
            return [_number(item) for item in items]
        return items

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText(", ".join(str(v) for v in (value or [])))
        self._settled()


def _number(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text  # left for validation to report
    return int(number) if number.is_integer() else number


class JsonEditor(TypedEditor):
    """Last resort for `Any`: JSON when it parses, else the text itself."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QLineEdit()
        hbox(self).addWidget(self.line)
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._left)
        self._settled()

    def get_value(self) -> Any:
        text = self.line.text().strip()
        try:
            return json.loads(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        with QSignalBlocker(self.line):
            self.line.setText(text)
        self._settled()
