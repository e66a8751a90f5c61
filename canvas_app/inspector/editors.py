"""Value editors with one contract: `get_value()`, `set_value(v)`, `value_changed`.

Values are plain JSON-ready data (str, int, float, bool, list, dict, None):
the form gathers them into a dict and lets pydantic validate it, so no editor
knows about configs. `set_value` never emits `value_changed`; only a person's
edit does. Text fields report on editing finished (not per keystroke) so one
edit makes one undo step.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nodes.catalog import STANDARD_CATALOG, Catalog
from nodes.durations import UNIT_LABELS, Unit

from .labels import choice_label, ui

INT_LIMIT = 2_000_000_000


@dataclass
class EditorContext:
    """What editors need to know beyond a value: language, catalog, zone."""

    lang: str = "en"
    catalog: Catalog = field(default_factory=lambda: STANDARD_CATALOG)
    timezone: str = "Asia/Shanghai"

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ValueError, KeyError):
            return ZoneInfo("Asia/Shanghai")


class ValueEditor(QWidget):
    value_changed = Signal(object)

    def get_value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def _changed(self, *_: Any) -> None:
        self.value_changed.emit(self.get_value())


def _row(widget: QWidget, margins: int = 0) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(margins, margins, margins, margins)
    return layout


class TextEditor(ValueEditor):
    def __init__(self, empty_is_none: bool = False, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.empty_is_none = empty_is_none
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        _row(self).addWidget(self.line)
        self.line.editingFinished.connect(self._finished)
        self._last = self.get_value()

    def _finished(self) -> None:
        # editingFinished also fires on focus loss with no change: report real edits only.
        if self.get_value() != self._last:
            self._last = self.get_value()
            self._changed()

    def get_value(self) -> str | None:
        text = self.line.text()
        return None if (self.empty_is_none and not text.strip()) else text

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText("" if value is None else str(value))
        self._last = self.get_value()


class MultilineEditor(ValueEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(64)
        _row(self).addWidget(self.text)
        self.text.installEventFilter(self)
        self._last = ""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == event.Type.FocusOut and self.get_value() != self._last:
            self._last = self.get_value()
            self._changed()
        return False

    def get_value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.text):
            self.text.setPlainText("" if value is None else str(value))
        self._last = self.get_value()


class IntEditor(ValueEditor):
    def __init__(self, minimum: int = -INT_LIMIT, maximum: int = INT_LIMIT, suffix: str = "",
                 parent=None):
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setSuffix(suffix)
        self.spin.setKeyboardTracking(False)
        _row(self).addWidget(self.spin)
        self.spin.valueChanged.connect(self._changed)

    def get_value(self) -> int:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(int(value or 0))


class NumberEditor(ValueEditor):
    """Int-or-float fields: whole numbers come back as int (StrictInt accepts them)."""

    def __init__(self, minimum: float = -1e12, maximum: float = 1e12, decimals: int = 2,
                 integral: bool = False, parent=None):
        super().__init__(parent)
        self.integral = integral
        self.spin = QDoubleSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setDecimals(decimals)
        self.spin.setKeyboardTracking(False)
        _row(self).addWidget(self.spin)
        self.spin.valueChanged.connect(self._changed)

    def get_value(self) -> int | float:
        value = self.spin.value()
        return int(value) if value.is_integer() and not self.integral else value

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(float(value or 0))


class FloatEditor(NumberEditor):
    def get_value(self) -> float:
        return float(self.spin.value())


class BoolEditor(ValueEditor):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.check = QCheckBox(text)
        _row(self).addWidget(self.check)
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
        self.combo = QComboBox()
        for value, label in choices:
            self.combo.addItem(label, value)
        _row(self).addWidget(self.combo)
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


class DurationEditor(ValueEditor):
    """`{"amount": N, "unit": ...}` as a number and a unit."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        layout = _row(self)
        self.amount = QSpinBox()
        self.amount.setRange(0, 100_000)
        self.amount.setValue(1)
        self.amount.setKeyboardTracking(False)
        self.unit = QComboBox()
        for unit in Unit:
            zh, en = UNIT_LABELS[unit]
            self.unit.addItem(ui(lang, en + "s", zh), unit.value)
        self.unit.setCurrentIndex(self.unit.findData(Unit.days.value))
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.unit, 1)
        self.amount.valueChanged.connect(self._changed)
        self.unit.currentIndexChanged.connect(self._changed)

    def get_value(self) -> dict:
        return {"amount": self.amount.value(), "unit": self.unit.currentData()}

    def set_value(self, value: Any) -> None:
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        value = value or {"amount": 1, "unit": "days"}
        with QSignalBlocker(self.amount), QSignalBlocker(self.unit):
            self.amount.setValue(int(value.get("amount", 0)))
            index = self.unit.findData(str(value.get("unit", "days")))
            self.unit.setCurrentIndex(max(index, 0))


class TimeOfDayEditor(ValueEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.time = QTimeEdit(QTime(9, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setKeyboardTracking(False)
        _row(self).addWidget(self.time)
        self.time.timeChanged.connect(self._changed)

    def get_value(self) -> str:
        return self.time.time().toString("HH:mm")

    def set_value(self, value: Any) -> None:
        parsed = QTime.fromString(str(value or "09:00"), "HH:mm")
        with QSignalBlocker(self.time):
            self.time.setTime(parsed if parsed.isValid() else QTime(9, 0))


class DateEditor(ValueEditor):
    """A calendar date, written `YYYY-MM-DD`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setKeyboardTracking(False)
        _row(self).addWidget(self.date)
        self.date.dateChanged.connect(self._changed)

    def get_value(self) -> str:
        return self.date.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        if isinstance(value, (date, datetime)):
            value = value.strftime("%Y-%m-%d")
        parsed = QDate.fromString(str(value or "")[:10], "yyyy-MM-dd")
        with QSignalBlocker(self.date):
            self.date.setDate(parsed if parsed.isValid() else QDate.currentDate())


class DateTimeEditor(ValueEditor):
    """An instant shown as wall time in the journey's zone; returned ISO with offset."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = _row(self)
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setKeyboardTracking(False)
        self.zone = QLabel(ctx.timezone)
        self.zone.setStyleSheet("color: gray")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.zone)
        self.set_value(None)
        self.edit.dateTimeChanged.connect(self._changed)

    def get_value(self) -> str:
        wall = self.edit.dateTime().toString("yyyy-MM-ddTHH:mm")
        return datetime.fromisoformat(wall).replace(tzinfo=self.ctx.zone).isoformat()

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                value = None
        if not isinstance(value, datetime):
            # A sensible start: tomorrow 09:00 in the journey's zone.
            tomorrow = datetime.now(self.ctx.zone) + timedelta(days=1)
            value = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
        if value.tzinfo is not None:
            value = value.astimezone(self.ctx.zone)
        with QSignalBlocker(self.edit):
            self.edit.setDateTime(QDateTime.fromString(value.strftime("%Y-%m-%dT%H:%M"),
                                                       "yyyy-MM-ddTHH:mm"))


WEEKDAYS = [("一", "Mon"), ("二", "Tue"), ("三", "Wed"), ("四", "Thu"), ("五", "Fri"),
            ("六", "Sat"), ("日", "Sun")]


class WeekdaysEditor(ValueEditor):
    """ISO weekdays 1..7 as checkboxes; none ticked means every day (None)."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        layout = _row(self)
        self.boxes: list[QCheckBox] = []
        for zh, en in WEEKDAYS:
            box = QCheckBox(ui(lang, en, "周" + zh))
            box.toggled.connect(self._changed)
            layout.addWidget(box)
            self.boxes.append(box)
        layout.addStretch(1)

    def get_value(self) -> list[int] | None:
        days = [i + 1 for i, box in enumerate(self.boxes) if box.isChecked()]
        return days or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for i, box in enumerate(self.boxes):
            with QSignalBlocker(box):
                box.setChecked(i + 1 in chosen)


def cron_reading(expr: str, lang: str) -> tuple[str, bool]:
    """(plain-language reading or error, is_valid) of a 5-field cron line."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expr)
    except (ValueError, TypeError) as exc:
        return ui(lang, f"Not a valid repeat rule: {exc}", f"重复规则无效：{exc}"), False
    try:
        from nodes.describe import describe_cron  # the lead's; may not have landed yet
    except ImportError:
        return ui(lang, "Valid repeat rule", "重复规则有效"), True
    try:
        return describe_cron(expr, lang), True
    except Exception:  # a reading is a nicety: never break the form over it
        return ui(lang, "Valid repeat rule", "重复规则有效"), True


class CronEditor(ValueEditor):
    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit("0 9 * * 1")
        self.line.setPlaceholderText("0 9 * * 1")
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        layout.addWidget(self.line)
        layout.addWidget(self.reading)
        self.line.textChanged.connect(self._update_reading)
        self.line.editingFinished.connect(self._changed)
        self._update_reading()

    def _update_reading(self) -> None:
        text, valid = cron_reading(self.line.text().strip(), self.lang)
        self.reading.setText(text)
        self.reading.setStyleSheet("color: #2e7d32" if valid else "color: #c62828")

    def get_value(self) -> str:
        return self.line.text().strip()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText(str(value or ""))
        self._update_reading()


_LIST_SPLIT = re.compile(r"[,，;；、]")


class StringListEditor(ValueEditor):
    """A list of short strings typed on one line, separated by commas."""

    def __init__(self, lang: str = "en", item_type: type = str, parent=None):
        super().__init__(parent)
        self.item_type = item_type
        self.line = QLineEdit()
        self.line.setPlaceholderText(ui(lang, "separate with commas", "用逗号分隔"))
        _row(self).addWidget(self.line)
        self.line.editingFinished.connect(self._changed)

    def get_value(self) -> list:
        items = [part.strip() for part in _LIST_SPLIT.split(self.line.text()) if part.strip()]
        if self.item_type in (int, float):
            return [_number(item) for item in items]
        return items

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText(", ".join(str(v) for v in (value or [])))


def _number(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text  # left for validation to report
    return int(number) if number.is_integer() else number


class JsonEditor(ValueEditor):
    """Last resort for `Any`: JSON when it parses, else the text itself."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QLineEdit()
        _row(self).addWidget(self.line)
        self.line.editingFinished.connect(self._changed)

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


class OptionalEditor(ValueEditor):
    """A tick box that turns a value on; unticked means None."""

    def __init__(self, inner: ValueEditor, text: str, parent=None):
        super().__init__(parent)
        self.inner = inner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(text)
        layout.addWidget(self.enabled)
        layout.addWidget(inner)
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


class AlternativesEditor(ValueEditor):
    """One of several shapes: fixed values (a Literal's or None) or an editor."""

    def __init__(self, alternatives: list[tuple[str, Any, ValueEditor | None]], parent=None):
        """`alternatives`: (label, fixed value, None) or (label, None, editor)."""
        super().__init__(parent)
        self.alternatives = alternatives
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
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
