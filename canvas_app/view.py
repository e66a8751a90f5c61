"""`JourneyView`: zoom with the wheel, pan by dragging the background or holding
Space, Shift-drag to select several, zoom to fit, drop kinds from the palette,
and a minimap in a corner (minimap.py)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsView

from nodes.kinds import kind_of

from . import quick_add, theme
from .interactions import PanInteraction
from .minimap import MinimapWidget

KIND_MIME = "application/x-journey-node-kind"
MIN_SCALE, MAX_SCALE = 0.1, 3.0
READABLE_SCALE = 0.65  # cards show their summaries from 0.6 up (node_item.TITLE_ONLY_BELOW)


def _grid_brush() -> QBrush:
    tile = QPixmap(theme.GRID, theme.GRID)
    tile.fill(QColor(theme.CANVAS_BACKGROUND))
    painter = QPainter(tile)
    painter.fillRect(0, 0, 2, 2, QColor(theme.GRID_DOT))
    painter.end()
    return QBrush(tile)


class JourneyView(QGraphicsView):
    zoom_changed = Signal(float)
    context_menu_requested = Signal(QPoint, QPointF)  # global position, scene position

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setBackgroundBrush(_grid_brush())
        self.setAcceptDrops(True)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.minimap: MinimapWidget | None = None
        self._space_held = False
        self._pan: PanInteraction | None = None
        self.minimap = MinimapWidget(self)
        # While a zoom gesture lasts, cards draw scaled faces; the crisp cache returns after.
        self.zoom_settled = QTimer(self, singleShot=True, interval=300)
        self.zoom_settled.timeout.connect(lambda: self.scene().set_item_cache(True))
        document = scene.document
        for signal in (document.node_added, document.node_removed, document.reset):
            signal.connect(self._hint_may_change)

    # -- zoom --------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_SCALE, min(MAX_SCALE, factor))
        if self.scene().cache_on:
            self.scene().set_item_cache(False)
        self.zoom_settled.start()
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.zoom_changed.emit(self.zoom())
        self.minimap.follow_view()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def zoom_to_fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.resetTransform()
        else:
            self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:  # a small journey stays at its natural size
                self.resetTransform()
                self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())
        self.minimap.follow_view()

    def show_start(self, readable: float = READABLE_SCALE) -> None:
        """Show the journey at a zoom where the cards can be read: all of it if it fits,
        else from its trigger (journeys read left to right), scrolling for the rest."""
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.set_zoom(1.0)
            return
        viewport = self.viewport().rect()
        fit = min(viewport.width() / (rect.width() + 80), viewport.height() / (rect.height() + 80))
        self.set_zoom(max(readable, min(1.0, fit)))
        seen = self.mapToScene(viewport).boundingRect()
        x, y = rect.center().x(), rect.center().y()
        if seen.width() < rect.width() + 80:  # too wide: its left end
            x = rect.left() - 40 + seen.width() / 2
        if seen.height() < rect.height() + 80:  # too tall: level with the (first) trigger
            entries = [i for i in self.scene().node_items.values() if not i.takes_input]
            if entries:
                first = min(entries, key=lambda i: (i.pos().x(), i.pos().y()))
                y = first.sceneBoundingRect().center().y()
            y = min(max(y, rect.top() - 40 + seen.height() / 2),
                    rect.bottom() + 40 - seen.height() / 2)
        self.centerOn(x, y)

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom() * (1.15 ** steps))
        event.accept()

    # -- pan -----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:
        on_background = self.itemAt(event.position().toPoint()) is None
        left = event.button() == Qt.MouseButton.LeftButton
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (left and self._space_held) or event.button() == Qt.MouseButton.MiddleButton or (
                left and on_background and not shift):
            self.scene().clearSelection()
            self._pan = PanInteraction(self)
            self._pan.start(event.position())
            event.accept()
            return
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if left and on_background
                         else QGraphicsView.DragMode.NoDrag)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan is not None:
            self._pan.move(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan is not None:
            self._pan.end(event.position())
            self._pan = None
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)

    def contextMenuEvent(self, event) -> None:
        self.context_menu_requested.emit(event.globalPos(), self.mapToScene(event.pos()))
        event.accept()

    # -- drop from the palette -----------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)
        if event.mimeData().hasFormat(KIND_MIME):  # the "+" it would land on lights up
            quick_add.show_drop_target(self.scene(), self.mapToScene(event.position().toPoint()))

    def dragLeaveEvent(self, event) -> None:
        quick_add.show_drop_target(self.scene(), None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        """A kind dropped on a free outlet (its "+" or dot) follows it, connected;
        anywhere else it lands where it was dropped."""
        if not event.mimeData().hasFormat(KIND_MIME):
            super().dropEvent(event)
            return
        kind = bytes(event.mimeData().data(KIND_MIME)).decode()
        scene_pos = self.mapToScene(event.position().toPoint())
        quick_add.show_drop_target(self.scene(), None)
        target = self.scene().free_outlet_at(scene_pos)
        if target is not None and not kind_of(kind).entry:
            quick_add.add_after(self.scene(), *target, kind)
        else:
            self.add_node_at(kind, scene_pos)
        event.acceptProposedAction()

    def add_node_at(self, kind: str, scene_pos: QPointF, *, beside_others: bool = False) -> str:
        """Add a card centred on `scene_pos` (snapped to the grid when snapping is on),
        as a person's addition: it gets selected, ready to fill (quick_add.QuickAdd).
        `beside_others`: step down past cards already there, so cards added one after
        another from the palette never hide each other."""
        x = scene_pos.x() - theme.CARD_WIDTH / 2
        y = scene_pos.y() - theme.HEADER_HEIGHT / 2
        if self.scene().snap:
            x, y = round(x / theme.GRID) * theme.GRID, round(y / theme.GRID) * theme.GRID
        if beside_others:
            x, y = quick_add.clear_spot(self.scene(), x, y)
        node_id = self.scene().document.add_node(kind, (x, y))
        self.scene().node_created.emit(node_id)
        return node_id

    def _hint_may_change(self, *_args) -> None:
        # Adding the first card or removing the last shows or hides the blank-canvas
        # hint, which lies outside the card's own repaint.
        if len(self.scene().node_items) <= 1:
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """A blank canvas says how to begin (in view pixels, whatever the zoom)."""
        super().drawForeground(painter, rect)
        if self.scene().node_items:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(QColor(theme.TEXT_SOFT))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        area = self.viewport().rect().adjusted(40, 0, -40, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.tr("Drag a Trigger from Steps on the left to begin,\n"
                                 "or start from a ready-made journey: File → New from Template."))
        painter.restore()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.minimap is not None:
            self.minimap.place()
            self.minimap.follow_view()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.minimap is not None:
            self.minimap.follow_view()

