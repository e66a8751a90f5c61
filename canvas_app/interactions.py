"""Mouse gestures on the canvas, one small object each, with start/move/end/cancel.

A gesture never edits the model while it runs; on `end` it makes at most one
document call (one undo step), and `cancel` leaves the document untouched.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QToolTip

from nodes.errors import ConnectionRefused

from . import theme
from .items.edge_item import curve
from .items.node_item import HIT_TOLERANCE_PX, NodeItem, view_scale


class Interaction:
    def start(self, pos: QPointF) -> None: ...

    def move(self, pos: QPointF, screen_pos: QPoint | None = None) -> None: ...

    def end(self, pos: QPointF, screen_pos: QPoint | None = None) -> None: ...

    def cancel(self) -> None: ...


class MoveNodesInteraction(Interaction):
    """Qt moves the cards live; on release one MoveNodesCommand records the drag."""

    def __init__(self, scene):
        self.scene = scene
        self.before: dict[str, tuple[float, float]] = {}

    def start(self, pos: QPointF) -> None:
        self.before = {item.node_id: (item.pos().x(), item.pos().y())
                       for item in self.scene.selectedItems() if isinstance(item, NodeItem)}

    def end(self, pos: QPointF, screen_pos: QPoint | None = None) -> None:
        moves = {}
        for node_id, old in self.before.items():
            item = self.scene.node_items.get(node_id)
            if item is not None:
                moves[node_id] = (old, (item.pos().x(), item.pos().y()))
        self.scene.document.move_nodes(moves)

    def cancel(self) -> None:
        for node_id, (x, y) in self.before.items():
            if node_id in self.scene.node_items:
                self.scene.node_items[node_id].setPos(x, y)


class ConnectInteraction(Interaction):
    """Drag from an outlet to a card; a refused target turns the line red and says why."""

    def __init__(self, scene, port):
        self.scene, self.port = scene, port
        self.line = QGraphicsPathItem()
        self.line.setZValue(10)
        self.refusal: str | None = None

    def start(self, pos: QPointF) -> None:
        self.scene.addItem(self.line)
        self.move(pos)

    def _target(self, pos: QPointF) -> NodeItem | None:
        """The card the line would land on: the one under `pos`, else the one whose card
        or input dot is nearest within HIT_TOLERANCE_PX screen pixels."""
        reach = HIT_TOLERANCE_PX / max(view_scale(self.scene), 0.01)
        area = QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach)
        best, best_distance = None, reach
        for item in self.scene.items(area):  # topmost first: it wins a tie
            if isinstance(item, NodeItem) and item is not self.port.node:
                distance = item.drop_distance(item.mapFromScene(pos))
                if distance < best_distance or (best is None and distance <= reach):
                    best, best_distance = item, distance
                    if distance == 0:
                        break
        return best

    def move(self, pos: QPointF, screen_pos: QPoint | None = None) -> None:
        start = self.port.scenePos()
        target = self._target(pos)
        self.refusal = None
        if target is not None:
            try:
                self.scene.document.journey.check_connect(
                    self.port.node.node_id, self.port.outlet, target.node_id)
            except ConnectionRefused as refused:
                self.refusal = refused.message(self.scene.lang)
        colour = theme.EDGE_REFUSED if self.refusal else theme.CARD_SELECTED
        pen = QPen(QColor(colour), 2, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        end = target.mapToScene(target.input_pos()) if target and not self.refusal else pos
        self.line.setPath(curve(start, end))
        if screen_pos is not None:
            if self.refusal:
                QToolTip.showText(screen_pos, self.refusal)
            else:
                QToolTip.hideText()

    def end(self, pos: QPointF, screen_pos: QPoint | None = None) -> None:
        self.cancel()
        target = self._target(pos)
        if target is None:
            return
        try:
            self.scene.document.connect(self.port.node.node_id, self.port.outlet, target.node_id)
        except ConnectionRefused as refused:
            message = refused.message(self.scene.lang)
            self.scene.connection_refused.emit(message)
            if screen_pos is not None:
                QToolTip.showText(screen_pos, message)

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class PanInteraction(Interaction):
    """Drag the background (or hold Space and drag) to move the view; positions are the
    viewport's pixels, since the scene moves under the cursor while panning."""

    def __init__(self, view):
        self.view = view
        self.last = QPointF()

    def start(self, pos: QPointF) -> None:
        self.last = pos
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, pos: QPointF, screen_pos: QPoint | None = None) -> None:
        delta = pos - self.last
        self.last = pos
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - round(delta.x()))
        v.setValue(v.value() - round(delta.y()))

    def end(self, pos: QPointF, screen_pos: QPoint | None = None) -> None:
        self.cancel()

    def cancel(self) -> None:
        self.view.viewport().unsetCursor()
