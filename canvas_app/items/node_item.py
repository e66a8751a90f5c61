"""The node card: icon, title, plain-language summary, labelled outlets and a
validation badge. It shows what the document says; it never edits the model."""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
        QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle

from nodes.kinds import NodeKind, kind_label

from .. import theme
from .labels import outlet_display_name

PORT_RADIUS = 5.0
TILE_BELOW = 0.5  # zoom under which a card is a plain tile (its text would be < 7 px)
TITLE_ONLY_BELOW = 0.6  # zoom under which a card shows only its icon and title


def _fit_lines(text: str, metrics: QFontMetricsF, width: float, lines: int) -> str:
    """Cut `text` so that it wraps into at most `lines` lines, ending with an ellipsis."""
    flags = int(Qt.TextFlag.TextWordWrap)
    box = QRectF(0, 0, width, 10_000)
    limit = metrics.lineSpacing() * lines + 1
    if metrics.boundingRect(box, flags, text).height() <= limit:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if metrics.boundingRect(box, flags, text[:mid] + "…").height() <= limit:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


class OutletRef:
    """An outlet of a card, as a gesture sees it: where it is and whose it is."""

    def __init__(self, node: NodeItem, outlet: str):
        self.node, self.outlet = node, outlet

    def scenePos(self) -> QPointF:
        return self.node.mapToScene(self.node.outlet_pos(self.outlet))


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str, kind: str):
        super().__init__()
        self.node_id, self.kind = node_id, NodeKind(kind).value
        self.title = ""
        self.summary = ""
        self.outlets: list[str] = []
        self.outlet_names: dict[str, str] = {}
        self.edges: list = []
        self.severity: str | None = None
        self.snap = False
        self._title_shown = ""
        self._card_tooltip = ""
        self._far_title: tuple | None = None  # (key, font, elided title) when zoomed far out
        self.setAcceptHoverEvents(True)
        self._outlets_shown: list[tuple[QRectF, str]] = []
        self._height = theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemIsMovable
                      | flags.ItemSendsGeometryChanges)
        # Pan and scroll blit the cached card instead of re-running paint().
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.title_font = QFont()
        self.title_font.setPointSizeF(10)
        self.title_font.setBold(True)
        self.text_font = QFont()
        self.text_font.setPointSizeF(9)

    # -- content -----------------------------------------------------------------

    def refresh(self, journey, lang: str, summary: str) -> None:
        """Re-read title, summary and outlets from the journey."""
        self.title = journey.label(self.node_id) or kind_label(self.kind, lang)
        metrics = QFontMetricsF(self.text_font)
        self.summary = _fit_lines(summary, metrics, theme.CARD_WIDTH - 24, 2)
        outlets = journey.outlets(self.node_id)
        self.outlet_names = {o: outlet_display_name(self.kind, o) for o in outlets}
        if outlets != self.outlets:
            self.prepareGeometryChange()
            self.outlets = outlets
            rows = 0 if outlets == ["next"] else len(outlets)
            self._height = theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT + rows * theme.OUTLET_ROW
        self._card_tooltip = self.summary
        self.setToolTip(self.summary)
        self.invalidate()

    def outlet_at(self, pos: QPointF) -> str | None:
        """The outlet whose dot is under `pos` (item coordinates), with a forgiving margin."""
        for outlet in self.outlets:
            if (self.outlet_pos(outlet) - pos).manhattanLength() <= PORT_RADIUS + 5:
                return outlet
        return None

    def outlet_tooltip(self, outlet: str) -> str:
        name = self.outlet_names.get(outlet, outlet)
        return QCoreApplication.translate(
            "NodeItem", "Drag to another step to connect “%1”").replace("%1", name)

    def hoverMoveEvent(self, event) -> None:
        # The dots are drawn by the card (no item per outlet), so the card shows their hints.
        outlet = self.outlet_at(event.pos())
        self.setToolTip(self.outlet_tooltip(outlet) if outlet else self._card_tooltip)
        if outlet:
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()
        super().hoverMoveEvent(event)

    def set_issue(self, severity: str | None, messages: list[str]) -> None:
        if severity != self.severity:
            self.severity = severity
            self.invalidate()
        self._card_tooltip = "\n".join(messages) if messages else self.summary
        self.setToolTip(self._card_tooltip)

    # -- geometry ----------------------------------------------------------------

    def outlet_pos(self, outlet: str) -> QPointF:
        if self.outlets == ["next"] or outlet not in self.outlets:
            return QPointF(theme.CARD_WIDTH, self._height / 2)
        row = self.outlets.index(outlet)
        top = theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT
        return QPointF(theme.CARD_WIDTH, top + (row + 0.5) * theme.OUTLET_ROW)

    def input_pos(self) -> QPointF:
        return QPointF(0, theme.HEADER_HEIGHT / 2)

    def card_rect(self) -> QRectF:
        return QRectF(0, 0, theme.CARD_WIDTH, self._height)

    def boundingRect(self) -> QRectF:
        return self.card_rect().adjusted(-PORT_RADIUS - 2, -8, PORT_RADIUS + 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.card_rect(), 8, 8)
        for outlet in self.outlets:  # the dots stick out of the card; they must catch presses
            path.addEllipse(self.outlet_pos(outlet), PORT_RADIUS + 3, PORT_RADIUS + 3)
        return path.simplified()

    def itemChange(self, change, value):
        kind = QGraphicsItem.GraphicsItemChange
        if change == kind.ItemPositionChange and self.snap:
            step = theme.GRID
            return QPointF(round(value.x() / step) * step, round(value.y() / step) * step)
        if change == kind.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        return super().itemChange(change, value)

    # -- drawing -----------------------------------------------------------------
    # Texts are measured and elided in refresh(), never per frame; Qt's device cache
    # then blits the card while panning. Zoomed out, less is drawn (tile, then title).

    def invalidate(self) -> None:
        metrics = QFontMetricsF(self.title_font)
        self._title_shown = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight,
                                               theme.CARD_WIDTH - 60)
        small = QFontMetricsF(self.text_font)
        self._outlets_shown = [
            (QRectF(12, self.outlet_pos(o).y() - theme.OUTLET_ROW / 2, theme.CARD_WIDTH - 24,
                    theme.OUTLET_ROW),
             small.elidedText(self.outlet_names.get(o, o), Qt.TextElideMode.ElideRight,
                              theme.CARD_WIDTH - 24))
            for o in self.outlets
        ] if self.outlets != ["next"] else []
        self.update()

    def _paint_far_title(self, painter: QPainter, rect: QRectF, lod: float) -> None:
        """Zoomed far out (e.g. a long journey fitted to the window) the title is drawn
        large enough to stay readable (about 11 px on screen), beside a big icon."""
        icon = min(rect.height() - 8, max(40.0, 22 / max(lod, 0.05)))
        painter.drawPixmap(QRectF(12, 4, icon, icon), theme.kind_pixmap(self.kind), QRectF())
        # Sizes snap to 10 % steps so a zoom gesture reuses the laid-out title instead
        # of measuring and eliding it again on every frame for every card.
        wanted = max(12.0, 11 / max(lod, 0.05))
        pixel = round(12 * 1.1 ** round(math.log(wanted / 12, 1.1)))
        area = QRectF(icon + 20, 2, rect.width() - icon - 26, rect.height() - 4)
        cached = self._far_title
        if cached is None or cached[0] != (pixel, self.title, area.width()):
            font = QFont(self.title_font)
            font.setPixelSize(pixel)
            metrics = QFontMetricsF(font)
            lines = max(1, min(2, int(area.height() // metrics.lineSpacing())))
            # Wrapping wastes part of each line, hence the margin; the start stays readable.
            text = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight,
                                      area.width() * lines * 0.9)
            cached = self._far_title = ((pixel, self.title, area.width()), font, text)
        _, font, text = cached
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT))
        painter.save()
        painter.setClipRect(area)
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWrapAnywhere,
                         text)
        painter.restore()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = self.card_rect()
        accent = theme.accent(self.kind)
        if lod < TILE_BELOW:  # far out: a coloured tile is all the eye can read
            painter.setPen(QPen(QColor(theme.CARD_SELECTED), 4) if selected
                           else Qt.PenStyle.NoPen)
            painter.setBrush(theme.fill(self.kind))
            painter.drawRect(rect)
            painter.fillRect(QRectF(0, 0, 5, rect.height()), accent)
            self._paint_far_title(painter, rect, lod)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.CARD_SELECTED if selected else theme.CARD_BORDER),
                            2.2 if selected else 1.0))
        painter.setBrush(theme.fill(self.kind))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(0, 0, 5, rect.height()), 2.5, 2.5)
        painter.drawPixmap(QRectF(12, 6, 18, 18), theme.kind_pixmap(self.kind), QRectF())
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(self.title_font)
        painter.drawText(QRectF(36, 0, rect.width() - 60, theme.HEADER_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter, self._title_shown)
        self._paint_badge(painter)
        if lod < TITLE_ONLY_BELOW:  # the small print would be a grey smudge
            self._paint_dots(painter, accent)
            return
        painter.setPen(QPen(QColor(theme.CARD_BORDER), 1))
        painter.drawLine(QPointF(8, theme.HEADER_HEIGHT),
                         QPointF(rect.width() - 8, theme.HEADER_HEIGHT))
        painter.setFont(self.text_font)
        painter.setPen(QColor(theme.TEXT_SOFT))
        painter.drawText(QRectF(12, theme.HEADER_HEIGHT + 3, rect.width() - 24,
                                theme.SUMMARY_HEIGHT - 4),
                         int(Qt.TextFlag.TextWordWrap), self.summary)
        painter.setPen(QColor(theme.TEXT))
        for box, name in self._outlets_shown:
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             name)
        self._paint_dots(painter, accent)

    def _paint_dots(self, painter: QPainter, accent: QColor) -> None:
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(QColor("white"))
        if self.kind != NodeKind.trigger:  # nothing may lead into a trigger: no input dot
            painter.drawEllipse(self.input_pos(), PORT_RADIUS - 1, PORT_RADIUS - 1)
        for outlet in self.outlets:
            painter.drawEllipse(self.outlet_pos(outlet), PORT_RADIUS, PORT_RADIUS)

    def _paint_badge(self, painter: QPainter) -> None:
        if not self.severity:
            return
        colour = QColor(theme.ERROR if self.severity == "error" else theme.WARNING)
        centre = QPointF(theme.CARD_WIDTH - 14, theme.HEADER_HEIGHT / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(centre, 8, 8)
        painter.setPen(QColor("white"))
        painter.setFont(self.title_font)
        painter.drawText(QRectF(centre.x() - 8, centre.y() - 8, 16, 16),
                         Qt.AlignmentFlag.AlignCenter, "!")
