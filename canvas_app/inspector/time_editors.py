"""Editors for time: a duration, a time of day, a date, an instant in the
journey's zone, weekdays and a cron repeat rule with a plain reading."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QSignalBlocker, QSize, Qt, QTime
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from nodes.cron import cron_problem, describe_cron
from nodes.durations import Duration, Unit

from .editors import SPIN_MIN_WIDTH, EditorContext, ValueEditor, hbox, narrow_combo
from .translator import CONTEXT, translator_for
from .typed_input import TypedEditor, typed_spin

UNIT_NAMES = {
    Unit.minutes: QT_TRANSLATE_NOOP("Inspector", "minutes"),
    Unit.hours: QT_TRANSLATE_NOOP("Inspector", "hours"),
    Unit.days: QT_TRANSLATE_NOOP("Inspector", "days"),
    Unit.weeks: QT_TRANSLATE_NOOP("Inspector", "weeks"),
}


# One click each for the lengths most waits have; the number stays selected after,
# so typing refines it (1 小时, then "2": 2 小时).
DURATION_PRESETS = (Duration(amount=1, unit=Unit.hours), Duration(amount=1, unit=Unit.days),
                    Duration(amount=3, unit=Unit.days), Duration(amount=7, unit=Unit.days))


def _preset_text(duration: Duration, lang: str) -> str:
    """1 小时 / 3 天 — or 1 h / 3 d: "3 days" four times over is wider than the field."""
    if lang.startswith("zh"):
        return duration.describe(lang)
    return f"{duration.amount} {duration.unit.value[0]}"


class LinkButton(QAbstractButton):
    """A word that acts when clicked, drawn as a link: tight enough that a row of them
    is no wider than the number and unit above it (tool and push buttons have margins
    and minimum widths the narrow inspector cannot spare)."""

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setText(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 8, metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        colour = QColor("#2d6cdf" if self.isEnabled() else "#9aa5b1")
        painter.setPen(colour)
        font = self.font()
        font.setUnderline(self.underMouse() and self.isEnabled())
        painter.setFont(font)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


class DurationEditor(TypedEditor):
    """`{"amount": N, "unit": ...}` as a number and a unit; with `presets`, a row of
    the usual lengths below (DURATION_PRESETS)."""

    def __init__(self, lang: str = "en", parent=None, presets: bool = False):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        layout = QHBoxLayout()
        column.addLayout(layout)
        self.amount = typed_spin(QSpinBox(), self)
        self.amount.setRange(0, 100_000)
        self.amount.setValue(1)
        self.amount.setMinimumWidth(SPIN_MIN_WIDTH)
        self.unit = narrow_combo(QComboBox())
        tr = translator_for(lang)
        for unit in Unit:
            self.unit.addItem(tr.translate(CONTEXT, UNIT_NAMES.get(unit, unit.value)), unit.value)
        self.unit.setCurrentIndex(self.unit.findData(Unit.days.value))
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.unit, 1)
        self.amount.valueChanged.connect(self._typed)
        self.unit.currentIndexChanged.connect(self._left)  # a choice: no typing to wait for
        self.presets: list[LinkButton] = []
        if presets:
            column.addLayout(self._preset_row(lang))
        self._settled()

    def _preset_row(self, lang: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        for duration in DURATION_PRESETS:
            button = LinkButton(_preset_text(duration, lang))
            button.setToolTip(duration.describe(lang))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the number keeps the cursor
            button.clicked.connect(lambda _=False, d=duration: self.choose(d))
            row.addWidget(button)
            self.presets.append(button)
        row.addStretch(1)
        return row

    def choose(self, duration: Duration) -> None:
        """A preset clicked: applied at once, the number selected to be typed over."""
        self.set_value(duration.model_dump(mode="json"))
        self._reported = None  # set_value settled it: report it as a person's choice
        self._left()
        self.amount.setFocus(Qt.FocusReason.TabFocusReason)
        self.amount.selectAll()

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
        self._settled()


class TimeOfDayEditor(TypedEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.time = typed_spin(QTimeEdit(QTime(9, 0)), self)
        self.time.setDisplayFormat("HH:mm")
        hbox(self).addWidget(self.time)
        self.time.timeChanged.connect(self._typed)
        self._settled()

    def get_value(self) -> str:
        return self.time.time().toString("HH:mm")

    def set_value(self, value: Any) -> None:
        parsed = QTime.fromString(str(value or "09:00"), "HH:mm")
        with QSignalBlocker(self.time):
            self.time.setTime(parsed if parsed.isValid() else QTime(9, 0))
        self._settled()


class DateEditor(TypedEditor):
    """A calendar date, written `YYYY-MM-DD`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.date = typed_spin(QDateEdit(QDate.currentDate()), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        hbox(self).addWidget(self.date)
        self.date.dateChanged.connect(self._typed)
        self._settled()

    def get_value(self) -> str:
        return self.date.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        if isinstance(value, (date, datetime)):
            value = value.strftime("%Y-%m-%d")
        parsed = QDate.fromString(str(value or "")[:10], "yyyy-MM-dd")
        with QSignalBlocker(self.date):
            self.date.setDate(parsed if parsed.isValid() else QDate.currentDate())
        self._settled()


class DateTimeEditor(TypedEditor):
    """An instant shown as wall time in the journey's zone; returned ISO with offset."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = hbox(self)
        self.edit = typed_spin(QDateTimeEdit(), self)
        self.edit.setToolTip(translator_for(ctx.lang).translate("Inspector", "Time in {zone}")
                             .format(zone=ctx.timezone))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setMinimumWidth(130)
        layout.addWidget(self.edit, 1)
        self.set_value(None)
        self.edit.dateTimeChanged.connect(self._typed)

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
        self._settled()


WEEKDAYS = (QT_TRANSLATE_NOOP("Inspector", "Mon"), QT_TRANSLATE_NOOP("Inspector", "Tue"),
            QT_TRANSLATE_NOOP("Inspector", "Wed"), QT_TRANSLATE_NOOP("Inspector", "Thu"),
            QT_TRANSLATE_NOOP("Inspector", "Fri"), QT_TRANSLATE_NOOP("Inspector", "Sat"),
            QT_TRANSLATE_NOOP("Inspector", "Sun"))


class WeekdaysEditor(ValueEditor):
    """ISO weekdays 1..7 as checkboxes; none ticked means every day (None)."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)  # two lines of boxes: one line overflows a narrow dock
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        tr = translator_for(lang)
        for i, day in enumerate(WEEKDAYS):
            box = QCheckBox(tr.translate(CONTEXT, day))
            box.toggled.connect(self._changed)
            layout.addWidget(box, i // 4, i % 4)
            self.boxes.append(box)
        layout.setColumnStretch(4, 1)

    def get_value(self) -> list[int] | None:
        days = [i + 1 for i, box in enumerate(self.boxes) if box.isChecked()]
        return days or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for i, box in enumerate(self.boxes):
            with QSignalBlocker(box):
                box.setChecked(i + 1 in chosen)


def cron_reading(expr: str, lang: str, timezone: str = "UTC") -> tuple[str, bool]:
    """(plain-language reading or error, is_valid) of a 5-field cron line, checked
    by nodes.cron like the journey's validation (weekdays 0 or 7 = Sunday)."""
    problem = cron_problem(expr, timezone)
    if problem is not None:
        invalid = translator_for(lang).translate("Inspector", "Not a valid repeat rule: {reason}")
        return invalid.format(reason=problem), False
    return describe_cron(expr, lang), True


class CronEditor(TypedEditor):
    def __init__(self, lang: str = "en", timezone: str = "UTC", parent=None):
        super().__init__(parent)
        self.lang, self.timezone = lang, timezone
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit("0 9 * * 1")
        self.line.setPlaceholderText("0 9 * * 1")
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        layout.addWidget(self.line)
        layout.addWidget(self.reading)
        self.line.textChanged.connect(self._update_reading)
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._left)
        self._update_reading()
        self._settled()

    def _update_reading(self) -> None:
        text, self.valid = cron_reading(self.line.text().strip(), self.lang, self.timezone)
        self.reading.setText(text)
        self.reading.setStyleSheet("color: #2e7d32" if self.valid else "color: #c62828")

    def get_value(self) -> str:
        return self.line.text().strip()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText(str(value or ""))
        self._update_reading()
        self._settled()
