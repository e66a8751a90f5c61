"""Text cut to a number of wrapped lines, for labels of a fixed height."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

_WRAP = int(Qt.TextFlag.TextWordWrap)


def line_height(text: str, metrics: QFontMetricsF) -> float:
    """How tall one line of `text` is: Chinese comes from a fallback font whose lines
    are taller than the font's own metrics say (17 px against 14 at 9 pt)."""
    return max(metrics.height(), metrics.boundingRect(QRectF(0, 0, 1e6, 1e4), 0, text).height())


def fit_lines(text: str, metrics: QFontMetricsF, width: float, lines: int) -> str:
    """Cut `text` so that it wraps into at most `lines` lines, ending with an ellipsis."""
    box = QRectF(0, 0, width, 10_000)
    limit = line_height(text, metrics) * lines + 1
    if metrics.boundingRect(box, _WRAP, text).height() <= limit:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if metrics.boundingRect(box, _WRAP, text[:mid] + "…").height() <= limit:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
