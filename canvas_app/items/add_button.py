"""The "+" beside each free outlet of a card: a click offers the steps that can follow
there and adds the chosen one already connected (canvas_app/quick_add.py); a kind
dragged from the palette onto it lands connected too.

A child of its card, so it moves with it. It is drawn only in the view and where
the card can be read: exports and the minimap (which render the scene without a
widget) and far zooms show the journey, not the editing handles."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from .. import theme
from .node_item import TILE_BELOW, view_scale

RADIUS = 8.0
# From the outlet dot's centre: clear of its hit zone (a press there drags a line) and
# of the few pixels beside it that still pan, with a short stub leading to it.
OFFSET = 42.0
_STUB_FROM = 7.0  # the dot's rim
_PEN = QPen(QColor(theme.CARD_SELECTED), 1.4)
_STUB_PEN = QPen(QColor(theme.EDGE), 1.0, Qt.PenStyle.DotLine)
_HOT_FILL = QColor(theme.CARD_SELECTED)
_FILL = QColor("white")
_CROSS = 3.5


class AddStepItem(QGraphicsItem):
    def __init__(self, card, outlet: str):
        super().__init__(card)
        self.card, self.outlet = card, outlet
        self.hot = False  # pressed, or a palette drag is over it
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1)
        self.place()

    def place(self) -> None:
        self.setPos(self.card.outlet_pos(self.outlet) + QPointF(OFFSET, 0))
        name = self.card.outlet_names.get(self.outlet, self.outlet)
        self.setToolTip(QCoreApplication.translate("NodeItem", "Add the next step")
                        if self.card.outlets == ["next"] else
                        QCoreApplication.translate("NodeItem", "Add a step after “%1”")
                        .replace("%1", name))

    def set_hot(self, hot: bool) -> None:
        if hot != self.hot:
            self.hot = hot
            self.update()

    def shown(self) -> bool:
        """Seen (and so clickable): not at zooms where cards are plain tiles."""
        return view_scale(self.scene()) >= TILE_BELOW

    def boundingRect(self) -> QRectF:
        return QRectF(-OFFSET + _STUB_FROM - 1, -RADIUS - 1, OFFSET - _STUB_FROM + RADIUS + 2,
                      2 * RADIUS + 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.shown():
            path.addEllipse(QPointF(0, 0), RADIUS + 1, RADIUS + 1)
        return path

    def paint(self, painter, option, widget=None) -> None:
        if widget is None or option.levelOfDetailFromTransform(
                painter.worldTransform()) < TILE_BELOW:
            return
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(_STUB_PEN)
        painter.drawLine(QPointF(-OFFSET + _STUB_FROM, 0), QPointF(-RADIUS, 0))
        painter.setPen(_PEN)
        painter.setBrush(_HOT_FILL if self.hot else _FILL)
        painter.drawEllipse(QPointF(0, 0), RADIUS, RADIUS)
        cross = QPen(_FILL if self.hot else _HOT_FILL, 1.8)
        cross.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(cross)
        painter.drawLine(QPointF(-_CROSS, 0), QPointF(_CROSS, 0))
        painter.drawLine(QPointF(0, -_CROSS), QPointF(0, _CROSS))

    def hoverEnterEvent(self, event) -> None:
        self.set_hot(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.set_hot(False)
        super().hoverLeaveEvent(event)


def add_buttons(card) -> dict[str, AddStepItem]:
    return {child.outlet: child for child in card.childItems() if isinstance(child, AddStepItem)}


def sync_add_buttons(card, free: list[str]) -> None:
    """A "+" on each of `free` (the card's outlets no line leaves), none elsewhere."""
    shown = add_buttons(card)
    for outlet, button in shown.items():
        if outlet not in free:
            if button.scene() is not None:
                button.scene().removeItem(button)
            button.setParentItem(None)
    for outlet in free:
        if outlet in shown:
            shown[outlet].place()
        else:
            AddStepItem(card, outlet)
