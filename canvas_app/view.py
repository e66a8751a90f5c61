"""`JourneyView`: zoom with the wheel, pan by dragging the background or holding
Space, Shift-drag to select several, zoom to fit, drop kinds from the palette,
and a minimap in the corner."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

from . import theme
from .interactions import PanInteraction

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
        """Open on the journey's beginning at a zoom where the cards can be read: all of it
        if it fits, else its left end (journeys read left to right)."""
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.set_zoom(1.0)
            return
        viewport = self.viewport().rect()
        fit = min(viewport.width() / (rect.width() + 80), viewport.height() / (rect.height() + 80))
        self.set_zoom(max(readable, min(1.0, fit)))
        if fit >= readable:
            self.centerOn(rect.center())
        else:
            seen = self.mapToScene(viewport).boundingRect()
            self.centerOn(rect.left() - 40 + seen.width() / 2, rect.center().y())

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

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        if not event.mimeData().hasFormat(KIND_MIME):
            super().dropEvent(event)
            return
        kind = bytes(event.mimeData().data(KIND_MIME)).decode()
        self.add_node_at(kind, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()

    def add_node_at(self, kind: str, scene_pos: QPointF, *, beside_others: bool = False) -> str:
        """Add a card centred on `scene_pos` (snapped to the grid when snapping is on).
        `beside_others`: step down past cards already there, so cards added one after
        another from the palette never hide each other."""
        x = scene_pos.x() - theme.CARD_WIDTH / 2
        y = scene_pos.y() - theme.HEADER_HEIGHT / 2
        if self.scene().snap:
            x, y = round(x / theme.GRID) * theme.GRID, round(y / theme.GRID) * theme.GRID
        while beside_others and (below := self._blocking(QRectF(
                x, y, theme.CARD_WIDTH, theme.HEADER_HEIGHT).adjusted(-8, -8, 8, 8))) is not None:
            y = below + theme.GRID
        return self.scene().document.add_node(kind, (x, y))

    def _blocking(self, rect: QRectF) -> float | None:
        """The lowest bottom edge of the cards overlapping `rect`, if any."""
        bottoms = [item.sceneBoundingRect().bottom() for item in self.scene().node_items.values()
                   if item.sceneBoundingRect().intersects(rect)]
        return max(bottoms) if bottoms else None

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


class MinimapWidget(QWidget):
    """The whole journey in miniature with the visible area outlined; click to go there.

    The miniature is a pixmap re-rendered shortly after the journey changes, so
    panning the main view costs one small rectangle, not a second scene paint."""

    SIZE = (180, 120)

    def __init__(self, view: JourneyView):
        super().__init__(view)
        self.view = view
        self.setFixedSize(*self.SIZE)
        self.pixmap = QPixmap()
        self.source = QRectF()
        self.rendered: tuple | None = None  # (document revision, language) shown
        self.timer = QTimer(self, singleShot=True, interval=300)
        self.timer.timeout.connect(self.render_scene)
        view.scene().changed.connect(self._scene_changed)
        # A drop moves cards the drag has already moved: only the document tells.
        view.scene().document.undo_stack.indexChanged.connect(self.timer.start)
        self.hide()
        self.place()

    def _scene_changed(self, _regions) -> None:
        # Most updates only repaint (selection, cache switches around a zoom gesture):
        # re-rendering the whole journey for them would stall the GUI each time.
        scene = self.view.scene()
        if (scene.document.revision, scene.lang) != self.rendered:
            self.timer.start()

    def place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.move(viewport.right() - self.width() - 12, viewport.bottom() - self.height() - 12)

    def visible_area(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def follow_view(self) -> None:
        """Shown only while part of the journey is out of sight; it is clutter otherwise."""
        needed = not self.source.isEmpty() and not self.visible_area().contains(
            self.source.adjusted(50, 50, -50, -50))
        if needed != self.isVisible():
            self.setVisible(needed)
        elif needed:
            self.update()

    def render_scene(self) -> None:
        scene = self.view.scene()
        self.rendered = (scene.document.revision, scene.lang)
        self.source = QRectF()
        if scene.items():
            self.source = scene.itemsBoundingRect().adjusted(-60, -60, 60, 60)
        self.pixmap = QPixmap(self.size())
        self.pixmap.fill(QColor(255, 255, 255, 220))
        if not self.source.isEmpty():
            scale, dx, dy = self._to_map()
            target = QRectF(self.source.left() * scale + dx, self.source.top() * scale + dy,
                            self.source.width() * scale, self.source.height() * scale)
            painter = QPainter(self.pixmap)
            scene.render(painter, target, self.source, Qt.AspectRatioMode.IgnoreAspectRatio)
            painter.end()
        self.follow_view()
        self.update()

    def _to_map(self) -> tuple[float, float, float]:
        scale = min(self.width() / max(self.source.width(), 1),
                    self.height() / max(self.source.height(), 1))
        dx = (self.width() - self.source.width() * scale) / 2 - self.source.left() * scale
        dy = (self.height() - self.source.height() * scale) / 2 - self.source.top() * scale
        return scale, dx, dy

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.pixmap)
        painter.setPen(QPen(QColor(theme.CARD_BORDER)))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.source.isEmpty():
            return
        scale, dx, dy = self._to_map()
        seen = self.visible_area().intersected(self.source)
        painter.setPen(QPen(QColor(theme.CARD_SELECTED), 1.5))
        painter.drawRect(QRectF(seen.left() * scale + dx, seen.top() * scale + dy,
                                seen.width() * scale, seen.height() * scale))

    def mousePressEvent(self, event) -> None:
        self._go(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._go(event.position())

    def _go(self, point: QPointF) -> None:
        if self.source.isEmpty():
            return
        scale, dx, dy = self._to_map()
        self.view.centerOn(QPointF((point.x() - dx) / scale, (point.y() - dy) / scale))
        self.update()
