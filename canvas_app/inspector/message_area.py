"""Texts of the inspector that change while the operator edits, in boxes of a
fixed height: a message appearing or going away, or a reading growing a line,
never moves the form below it."""
from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy

from ..text_fit import fit_lines, line_height

_SAMPLE = "Ag中文"  # a line as tall as Latin and Chinese text make it

ERROR, WARNING = "error", "warning"
_COLOURS = {ERROR: "#b71c1c", WARNING: "#e65100"}
_MARKS = {ERROR: "✖", WARNING: "⚠"}  # a mark besides the colour, for colour-blind eyes


class MessageArea(QScrollArea):
    """Errors and warnings of the shown step, always `LINES` lines tall: more scroll
    inside; none say so in grey."""

    LINES = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setContentsMargins(2, 2, 2, 2)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = line_height(_SAMPLE, QFontMetricsF(self.label.font()))
        self.setFixedHeight(math.ceil(line * self.LINES) + 8)
        self.messages: list[tuple[str, str]] = []

    def show_messages(self, messages: list[tuple[str, str]], none_text: str) -> None:
        """`messages`: (severity, text), errors first."""
        self.messages = list(messages)
        if not messages:
            self.label.setText(f'<span style="color: gray">{html.escape(none_text)}</span>')
            return
        self.label.setText("<br>".join(
            f'<span style="color: {_COLOURS.get(severity, _COLOURS[WARNING])}">'
            f'{_MARKS.get(severity, _MARKS[WARNING])} {html.escape(text)}</span>'
            for severity, text in messages))

    def text(self) -> str:
        return self.label.text()


class LinesLabel(QLabel):
    """A word-wrapped label always `lines` lines tall; a longer text ends in "…" and
    shows whole in its tooltip."""

    def __init__(self, lines: int = 2, parent=None):
        super().__init__(parent)
        self.lines, self.full_text = lines, ""
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        line = line_height(_SAMPLE, QFontMetricsF(self.font()))
        self.setFixedHeight(math.ceil(line * lines) + 2)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        metrics = QFontMetricsF(self.font())
        shown = fit_lines(self.full_text, metrics, max(self.width() - 4, 40), self.lines)
        super().setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")
