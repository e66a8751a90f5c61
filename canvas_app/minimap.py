"""The minimap: the whole journey in miniature in a corner of the canvas, the
visible area outlined; click or drag in it to go there.

It is shown only while part of the journey is out of sight, and only when
View ▸ Minimap is on. It never covers what the operator is working on: of the
four corners it takes the one covering fewest cards, staying where it is on a
tie so it does not jump about, and never one over a selected card or the card
added last (just dropped). When every corner would cover one of those, it
steps aside (hides) until the view or the selection moves."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from . import theme

if TYPE_CHECKING:
    from .view import JourneyView

MARGIN = 12  # from the canvas's edges
CORNERS = ("bottom_right", "bottom_left", "top_right", "top_left")  # preferred first


class MinimapWidget(QWidget):
    """The miniature is a pixmap re-rendered shortly after the journey changes, so
    panning the main view costs one small rectangle, not a second scene paint."""

    SIZE = (180, 120)

    def __init__(self, view: JourneyView, switched_on: bool = True):
        super().__init__(view)
        self.view = view
        self.setFixedSize(*self.SIZE)
        self.switched_on = switched_on  # View ▸ Minimap
        self.corner = CORNERS[0]
        self.stepped_aside = False  # every corner would cover the cards being worked on
        self.recent: str | None = None  # the card added last
        self.pixmap = QPixmap()
        self.source = QRectF()
        self.rendered: tuple | None = None  # (document revision, language) shown
        self.timer = QTimer(self, singleShot=True, interval=300)
        self.timer.timeout.connect(self.render_scene)
        self.scene = scene = view.scene()
        scene.changed.connect(self._scene_changed)
        scene.selectionChanged.connect(self.follow_view)
        # A drop moves cards the drag has already moved: only the document tells.
        scene.document.undo_stack.indexChanged.connect(self.timer.start)
        scene.document.node_added.connect(self._node_added)
        scene.document.reset.connect(self._forget_recent)
        self.hide()
        self.place()

    def set_switched_on(self, on: bool) -> None:
        self.switched_on = on
        self.follow_view()

    def _node_added(self, node_id: str) -> None:
        self.recent = node_id
        self.follow_view()

    def _forget_recent(self) -> None:
        self.recent = None

    def _scene_changed(self, _regions) -> None:
        # Most updates only repaint (selection, cache switches around a zoom gesture):
        # re-rendering the whole journey for them would stall the GUI each time.
        scene = self.view.scene()
        if (scene.document.revision, scene.lang) != self.rendered:
            self.timer.start()

    # -- where it sits ---------------------------------------------------------------

    def corner_rect(self, corner: str) -> QRect:
        """Where the minimap would sit in `corner`, in the view's coordinates."""
        area = self.view.viewport().geometry()
        left = area.left() + MARGIN if corner.endswith("left") else (
            area.right() - self.width() - MARGIN)
        top = area.top() + MARGIN if corner.startswith("top") else (
            area.bottom() - self.height() - MARGIN)
        return QRect(left, top, self.width(), self.height())

    def _covered(self, corner: str) -> tuple[bool, int]:
        """(covers a card being worked on, how many cards it covers) in `corner`."""
        view = self.view
        rect = self.corner_rect(corner).translated(-view.viewport().pos())
        items = self.scene.node_items
        covered = [item for item in view.items(rect) if items.get(
            getattr(item, "node_id", None)) is item]
        mine = any(item.isSelected() or item.node_id == self.recent for item in covered)
        return mine, len(covered)

    def place(self) -> None:
        """Take the corner covering fewest cards and none being worked on; stay put
        on a tie. Sets `stepped_aside` when no corner is clear of those."""
        if not self._scene_alive():
            return
        order = [self.corner] + [c for c in CORNERS if c != self.corner]
        scores = {corner: self._covered(corner) for corner in order}
        best = min(order, key=lambda c: scores[c])  # min keeps the first of equals
        self.stepped_aside = scores[best][0]
        self.corner = best
        self.move(self.corner_rect(best).topLeft())

    def _scene_alive(self) -> bool:
        # While the window is taken down, scrolls still arrive after the scene is gone.
        return isValid(self.scene) and self.view.scene() is self.scene

    def visible_area(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def follow_view(self) -> None:
        """Shown only while part of the journey is out of sight (it is clutter
        otherwise), when switched on, and where it covers nothing being worked on."""
        needed = self.switched_on and not self.source.isEmpty() and self._scene_alive() and not (
            self.visible_area().contains(self.source.adjusted(50, 50, -50, -50)))
        if needed:
            self.place()
            needed = not self.stepped_aside
        if needed != self.isVisible():
            self.setVisible(needed)
        elif needed:
            self.update()

    # -- drawing ---------------------------------------------------------------------

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
