"""Charts for the operate screens, on pyqtgraph: a line per series over days,
grouped or stacked bars over categories, and a sparkline painted straight
into a pixmap for table cells (a plot widget per row would be far too heavy).

Colours come from one palette so a channel keeps its colour on every chart."""
from __future__ import annotations

import os
from collections.abc import Sequence

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

PALETTE = ("#2f6fdf", "#e8833a", "#3aa876", "#c84b6b", "#8a63d2", "#9a8a3a", "#3a9ab0",
           "#777777")
CHANNEL_COLOURS = {"sms": "#2f6fdf", "email": "#e8833a", "push": "#3aa876",
                   "wechat": "#9a8a3a", "in_app": "#c84b6b", "call": "#3a9ab0",
                   "crm_lead": "#8a63d2", "webhook": "#777777"}

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")


def colour(name: str, index: int, colours: dict[str, str] | None = None) -> str:
    """`colours` (series name → colour) first, e.g. a translated channel name
    mapped to its channel's colour; then the channel's; then the palette."""
    return ((colours or {}).get(name) or CHANNEL_COLOURS.get(name)
            or PALETTE[index % len(PALETTE)])


class _LabelAxis(pg.AxisItem):
    """Ticks at 0, 1, 2 … named by `labels` (days or categories), thinned to fit."""

    def __init__(self, labels: Sequence[str], orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.labels = list(labels)

    def tickValues(self, minVal, maxVal, size):
        if not self.labels:
            return []
        room = max(1, int(size // 64))  # about one label per 64 px
        step = max(1, -(-len(self.labels) // room))
        return [(step, list(range(0, len(self.labels), step)))]

    def tickStrings(self, values, scale, spacing):
        return [self.labels[int(v)] if 0 <= int(v) < len(self.labels) else "" for v in values]


def _plot(labels: Sequence[str], title: str, y_label: str, parent) -> pg.PlotWidget:
    widget = pg.PlotWidget(parent=parent, axisItems={"bottom": _LabelAxis(labels)})
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    widget.showGrid(y=True, alpha=0.25)
    if title:
        widget.setTitle(title, color="#333333", size="10pt")
    if y_label:
        widget.setLabel("left", y_label)
    # A light box behind the legend, so the bars and lines under it stay readable.
    widget.addLegend(offset=(8, 8), brush=pg.mkBrush(255, 255, 255, 210))
    widget.setMinimumHeight(160)
    return widget


def line_chart(labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str = "",
               y_label: str = "", colours: dict[str, str] | None = None,
               parent=None) -> pg.PlotWidget:
    """One line per series; `labels` name the x positions (e.g. dates)."""
    widget = _plot(labels, title, y_label, parent)
    for index, (name, values) in enumerate(series.items()):
        widget.plot(list(range(len(values))), list(values), name=name,
                    pen=pg.mkPen(colour(name, index, colours), width=2),
                    symbol="o" if len(values) <= 31 else None, symbolSize=5,
                    symbolBrush=colour(name, index, colours))
    widget.setYRange(0, max([1.0, *(max(v, default=0) for v in series.values())]) * 1.1)
    return widget


def bar_chart(categories: Sequence[str], series: dict[str, Sequence[float]], *,
              stacked: bool = False, title: str = "", y_label: str = "",
              colours: dict[str, str] | None = None, parent=None) -> pg.PlotWidget:
    """Bars per category, one colour per series: side by side, or stacked."""
    widget = _plot(categories, title, y_label, parent)
    count = max(1, len(series))
    width = 0.8 if stacked else 0.8 / count
    base = [0.0] * len(categories)
    for index, (name, values) in enumerate(series.items()):
        xs = [i if stacked else i - 0.4 + width * (index + 0.5) for i in range(len(values))]
        bars = pg.BarGraphItem(x=xs, height=list(values), y0=list(base) if stacked else 0,
                               width=width, brush=colour(name, index, colours), pen=None, name=name)
        widget.addItem(bars)  # named, so the legend lists it by itself
        if stacked:
            base = [b + v for b, v in zip(base, values, strict=False)]
    top = max(base) if stacked else max([0.0, *(max(v, default=0) for v in series.values())])
    widget.setYRange(0, max(1.0, top) * 1.15)
    widget.setXRange(-0.6, len(categories) - 0.4)
    return widget


def set_line_data(widget: pg.PlotWidget, labels: Sequence[str],
                  series: dict[str, Sequence[float]]) -> None:
    """Replace a line chart's data in place (a refresh without a new widget)."""
    widget.plotItem.getAxis("bottom").labels = list(labels)
    widget.plotItem.clear()
    for index, (name, values) in enumerate(series.items()):
        widget.plot(list(range(len(values))), list(values), name=name,
                    pen=pg.mkPen(colour(name, index), width=2))


def sparkline_pixmap(values: Sequence[float], width: int = 96, height: int = 22,
                     line: str = "#2f6fdf") -> QPixmap:
    """A small line of `values` (e.g. 14 days), scaled to its own maximum."""
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    if not values:
        return pixmap
    top = max(values) or 1
    step = (width - 4) / max(1, len(values) - 1)
    path = QPainterPath()
    for i, value in enumerate(values):
        point = QPointF(2 + i * step, height - 3 - (height - 6) * value / top)
        path.moveTo(point) if i == 0 else path.lineTo(point)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(line), 1.6))
    painter.drawPath(path)
    painter.end()
    return pixmap
