"""The node card: icon, title, plain-language summary, labelled outlets and a
validation badge. It shows what the document says; it never edits the model."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QStyle

from nodes.kinds import NodeKind, kind_label

from .. import theme
from .labels import outlet_display_name

PORT_RADIUS = 5.0
SIMPLE_BELOW = 0.45  # zoom level under which cards are drawn as plain tiles


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


class OutletPortItem(QGraphicsEllipseItem):
    """A dot on the card's right edge; dragging from it draws a new connection."""

    def __init__(self, node: "NodeItem", outlet: str):
        super().__init__(-PORT_RADIUS, -PORT_RADIUS, 2 * PORT_RADIUS, 2 * PORT_RADIUS, node)
        self.node, self.outlet = node, outlet
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAcceptHoverEvents(True)
        self.setPen(QPen(theme.accent(node.kind), 1.5))
        self.setBrush(QBrush(QColor("white")))

    def retranslate(self) -> None:
        name = outlet_display_name(self.node.kind, self.outlet)
        self.setToolTip(QCoreApplication.translate(
            "NodeItem", "Drag to another step to connect “%1”").replace("%1", name))


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str, kind: str):
        super().__init__()
        self.node_id, self.kind = node_id, NodeKind(kind).value
        self.title = ""
        self.summary = ""
        self.outlets: list[str] = []
        self.outlet_names: dict[str, str] = {}
        self.ports: dict[str, OutletPortItem] = {}
        self.edges: list = []
        self.severity: str | None = None
        self.snap = False
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
            for port in self.ports.values():
                port.setParentItem(None)
                if port.scene() is not None:
                    port.scene().removeItem(port)
            self.ports = {o: OutletPortItem(self, o) for o in outlets}
            rows = 0 if outlets == ["next"] else len(outlets)
            self._height = theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT + rows * theme.OUTLET_ROW
            for outlet, port in self.ports.items():
                port.setPos(self.outlet_pos(outlet))
        for port in self.ports.values():
            port.retranslate()
        self.setToolTip(self.summary)
        self.update()

    def set_issue(self, severity: str | None, messages: list[str]) -> None:
        if severity != self.severity:
            self.severity = severity
            self.update()
        self.setToolTip("\n".join(messages) if messages else self.summary)

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
        return path

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

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.card_rect()
        accent = theme.accent(self.kind)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QPen(QColor(theme.CARD_SELECTED if selected else theme.CARD_BORDER),
                      2.2 if selected else 1.0)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(border)
        painter.setBrush(theme.fill(self.kind))
        painter.drawRoundedRect(rect, 8, 8)
        if lod < SIMPLE_BELOW:  # far out: a coloured tile is all the eye can read
            painter.fillRect(QRectF(0, 0, rect.width(), theme.HEADER_HEIGHT), accent)
            return
        # Accent strip on the left, icon and title in the header.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(0, 0, 5, rect.height()), 2.5, 2.5)
        theme.kind_icon(self.kind).paint(painter, QRectF(12, 6, 18, 18).toRect())
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(self.title_font)
        title_rect = QRectF(36, 0, rect.width() - 60, theme.HEADER_HEIGHT)
        title = QFontMetricsF(self.title_font).elidedText(
            self.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter, title)
        painter.setPen(QPen(QColor(theme.CARD_BORDER), 1))
        painter.drawLine(QPointF(8, theme.HEADER_HEIGHT), QPointF(rect.width() - 8,
                                                                   theme.HEADER_HEIGHT))
        painter.setFont(self.text_font)
        painter.setPen(QColor(theme.TEXT_SOFT))
        painter.drawText(QRectF(12, theme.HEADER_HEIGHT + 3, rect.width() - 24,
                                theme.SUMMARY_HEIGHT - 4),
                         int(Qt.TextFlag.TextWordWrap), self.summary)
        self._paint_outlets(painter, accent)
        self._paint_input(painter, accent)
        self._paint_badge(painter)

    def _paint_outlets(self, painter: QPainter, accent: QColor) -> None:
        if self.outlets == ["next"]:
            return
        painter.setFont(self.text_font)
        painter.setPen(QColor(theme.TEXT))
        for outlet in self.outlets:
            centre = self.outlet_pos(outlet)
            box = QRectF(12, centre.y() - theme.OUTLET_ROW / 2, theme.CARD_WIDTH - 24,
                         theme.OUTLET_ROW)
            name = QFontMetricsF(self.text_font).elidedText(
                self.outlet_names.get(outlet, outlet), Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             name)

    def _paint_input(self, painter: QPainter, accent: QColor) -> None:
        if self.kind == NodeKind.trigger:
            return  # nothing may lead into a trigger, so it shows no input
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(self.input_pos(), PORT_RADIUS - 1, PORT_RADIUS - 1)

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
