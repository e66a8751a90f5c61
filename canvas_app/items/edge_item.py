"""A connection line from a node's outlet to another node's input.

It follows both cards: NodeItem.itemChange calls `adjust()` whenever a card moves.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from .. import theme

ARROW = 7.0
FAST_BELOW = 0.6


def _pen(colour: str, width: float, cosmetic: bool) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(cosmetic)  # cosmetic: width in screen pixels whatever the zoom
    if not cosmetic:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


# (selected, fast) -> pen; made once, as every visible edge is painted every frame.
_PENS = {(selected, fast): _pen(theme.CARD_SELECTED if selected else theme.EDGE,
                                (2 if selected else 1) if fast else (2.5 if selected else 1.6),
                                fast)
         for selected in (False, True) for fast in (False, True)}
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal S-curve, so lines leave to the right and enter from the left."""
    path = QPainterPath(start)
    bend = max(40.0, abs(end.x() - start.x()) * 0.5)
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
    return path


class EdgeItem(QGraphicsPathItem):
    def __init__(self, source, outlet: str, target):
        super().__init__()
        self.source, self.outlet, self.target = source, outlet, target
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        self._shape: QPainterPath | None = None
        self._flow_pen: QPen | None = None  # set while numbers are drawn on the canvas
        self.end = QPointF()
        self.adjust()

    def set_flow(self, width: float | None, colour: str | None) -> None:
        """Draw the line `width` wide in `colour` (the flow along it); None: as usual."""
        if width is None:
            self._flow_pen = None
        else:
            self._flow_pen = _pen(colour or theme.EDGE, width, False)
            self._flow_pen.setColor(QColor(self._flow_pen.color().red(),
                                           self._flow_pen.color().green(),
                                           self._flow_pen.color().blue(), 150))
        self.setPen(self._flow_pen or QPen())  # so the bounding rect holds a wide line
        self.update()

    @property
    def key(self) -> tuple[str, str]:
        return self.source.node_id, self.outlet

    def adjust(self) -> None:
        start = self.source.mapToScene(self.source.outlet_pos(self.outlet))
        # Stop at the input dot's rim so the arrow head stays visible.
        end = self.target.mapToScene(self.target.input_pos()) - QPointF(4, 0)
        self.end = end
        path = curve(start, end)
        # The arrow head is part of the path so the cached bounding rect covers it.
        path.moveTo(end)
        path.lineTo(end - QPointF(ARROW, ARROW * 0.6))
        path.moveTo(end)
        path.lineTo(end - QPointF(ARROW, -ARROW * 0.6))
        self._shape = None  # made when a click or hover first needs it: drags move lines a lot
        self._path = path  # self.path() would hand back a fresh copy every frame
        self.setPath(path)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        scene = self.scene()
        # Zoomed out or mid-zoom, a hairline without antialiasing reads the same and
        # costs far less; the smooth line returns once the zoom settles.
        fast = (scene is not None and not scene.cache_on) or option.levelOfDetailFromTransform(
            painter.worldTransform()) < FAST_BELOW
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not fast)
        flow = self._flow_pen if self._flow_pen is not None and not self.isSelected() else None
        painter.setPen(flow or _PENS[self.isSelected(), fast])
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self._path)
