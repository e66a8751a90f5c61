"""A speech-bubble badge above a card that has comments, with the number still
open; a click opens the comments panel at that card's first comment.

A child item of the card, so it moves with it and goes when it goes; the card
itself draws nothing for it (its cached pixmap stays as it was)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from .. import theme

WIDTH, HEIGHT, TAIL = 30.0, 18.0, 5.0
_OPEN, _DONE = QColor("#f29900"), QColor("#9aa0a6")
TOOLTIP = QT_TRANSLATE_NOOP("ReviewPanel", "%1 open comment(s), %2 in all: click to read them")


class CommentMarker(QGraphicsItem):
    def __init__(self, card, on_click: Callable[[str], None]):
        super().__init__(card)
        self.card, self.on_click = card, on_click
        self.open_count = self.total = 0
        self.font = QFont()
        self.font.setPointSizeF(8)
        self.font.setBold(True)
        # Above the card's top edge, its tail on the card: clear of the title and badge.
        self.setPos(theme.CARD_WIDTH - WIDTH - 24, -HEIGHT - TAIL + 3)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_counts(self, open_count: int, total: int) -> None:
        if (open_count, total) != (self.open_count, self.total):
            self.open_count, self.total = open_count, total
            self.update()
        self.setToolTip(QCoreApplication.translate("ReviewPanel", TOOLTIP)
                        .replace("%1", str(open_count)).replace("%2", str(total)))

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, WIDTH + 2, HEIGHT + TAIL + 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, WIDTH, HEIGHT), 6, 6)
        return path

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        colour = _OPEN if self.open_count else _DONE
        bubble = QPainterPath()
        bubble.addRoundedRect(QRectF(0, 0, WIDTH, HEIGHT), 6, 6)
        tail = QPainterPath()
        tail.addPolygon(QPolygonF([QPointF(7, HEIGHT - 1), QPointF(15, HEIGHT - 1),
                                   QPointF(8, HEIGHT + TAIL)]))
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(colour)
        painter.drawPath(bubble.united(tail))
        painter.setPen(QColor("white"))
        painter.setFont(self.font)
        painter.drawText(QRectF(0, 0, WIDTH, HEIGHT), int(Qt.AlignmentFlag.AlignCenter),
                         str(self.open_count) if self.open_count else "✓")

    def mousePressEvent(self, event) -> None:
        event.accept()  # the release opens the panel, as a button's does

    def mouseReleaseEvent(self, event) -> None:
        if self.shape().contains(event.pos()):
            self.on_click(self.card.node_id)
        event.accept()


def marker_of(card) -> CommentMarker | None:
    return next((c for c in card.childItems() if isinstance(c, CommentMarker)), None)


def sync_markers(scene, journey, on_click: Callable[[str], None]) -> None:
    """A marker on each card with comments (open ones counted), none on the others."""
    totals: dict[str, list[int]] = {}
    for comment in journey.meta.review.comments:
        if comment.node_id is not None:
            counts = totals.setdefault(comment.node_id, [0, 0])
            counts[0] += not comment.resolved
            counts[1] += 1
    for node_id, card in scene.node_items.items():
        marker = marker_of(card)
        if node_id in totals:
            marker = marker or CommentMarker(card, on_click)
            marker.set_counts(*totals[node_id])
        elif marker is not None:
            scene.removeItem(marker)
