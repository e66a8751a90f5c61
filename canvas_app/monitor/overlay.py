"""Numbers drawn on the canvas: how many customers reached each card, wait
there now and left by each outlet, and edges as wide as the flow along them.

The same overlay shows a simulation (预演) and the live counts of a published
journey; its tags are children of the cards, so they follow a card that is
dragged, and they take no mouse clicks, so editing goes on underneath."""
from __future__ import annotations

import math
from typing import Any

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

SIMULATED, LIVE = "#7a4fd0", "#1f8a5b"  # violet for a what-if, green for the real thing
MAX_EXTRA_WIDTH = 9.0


def _count(n: int) -> str:
    return f"{n:,}"


class CountTag(QGraphicsItem):
    """A small rounded label with a number, anchored at a point of its card."""

    def __init__(self, parent: QGraphicsItem, text: str, colour: str, anchor: QPointF,
                 align: str) -> None:
        super().__init__(parent)
        self.text, self.colour = text, QColor(colour)
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setBold(True)
        width = QFontMetricsF(self.font).horizontalAdvance(text) + 12
        height = QFontMetricsF(self.font).height() + 4
        left = {"left": anchor.x(), "right": anchor.x() - width,
                "outlet": anchor.x() + 10}[align]
        top = anchor.y() - height if align != "outlet" else anchor.y() - height - 2
        self.rect = QRectF(left, top, width, height)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawRoundedRect(self.rect, 6, 6)
        painter.setPen(QPen(QColor("white")))
        painter.setFont(self.font)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class FlowOverlay:
    """Shows `counts` ({node: {"reached", "waiting", "outlets": {outlet: n}}}, the
    report's "nodes") on a JourneyScene; `clear()` takes it all away again."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self.tags: list[CountTag] = []
        self.counts: dict[str, Any] = {}
        self.mode = SIMULATED
        self.words = {"reached": "{n}", "waiting": "{n}"}

    def show(self, counts: dict[str, Any], mode: str = SIMULATED,
             reached_text: str = "{n}", waiting_text: str = "{n}") -> None:
        """`reached_text` / `waiting_text` are the translated labels with "{n}"."""
        self.clear()
        self.counts, self.mode = counts, mode
        self.words = {"reached": reached_text, "waiting": waiting_text}
        self._draw()

    def redraw(self) -> None:
        """After the scene was rebuilt (a file reloaded, an undo): draw again."""
        if self.counts:
            counts, mode = self.counts, self.mode
            self._remove_tags()
            self.counts, self.mode = counts, mode
            self._draw()

    def _draw(self) -> None:
        top = max([1, *(n for c in self.counts.values() for n in c.get("outlets", {}).values())])
        for node_id, item in self.scene.node_items.items():
            counts = self.counts.get(node_id)
            if counts is None:
                continue
            text = self.words["reached"].format(n=_count(counts.get("reached", 0)))
            if counts.get("waiting"):
                text += " · " + self.words["waiting"].format(n=_count(counts["waiting"]))
            card = item.card_rect()
            self.tags.append(CountTag(item, text, self.mode, QPointF(card.left() + 8,
                                                                     card.top() - 3), "left"))
            for outlet, n in counts.get("outlets", {}).items():
                if outlet not in item.outlets:
                    continue
                if item.outlets != ["next"]:
                    self.tags.append(CountTag(item, _count(n), self.mode,
                                              item.outlet_pos(outlet), "outlet"))
                edge = self.scene.edge_items.get((node_id, outlet))
                if edge is not None:
                    edge.set_flow(1.6 + MAX_EXTRA_WIDTH * math.sqrt(n / top) if n else 1.0,
                                  self.mode)

    def _remove_tags(self) -> None:
        for tag in self.tags:
            if shiboken6.isValid(tag) and tag.scene() is not None:  # a rebuild deleted the rest
                tag.scene().removeItem(tag)
        self.tags.clear()
        for edge in self.scene.edge_items.values():
            edge.set_flow(None, None)

    def clear(self) -> None:
        self._remove_tags()
        self.counts = {}


def canvas_overlay(window) -> FlowOverlay:
    """The window's one overlay (simulation and live counts take turns on it)."""
    overlay = getattr(window, "flow_overlay", None)
    if overlay is None:
        overlay = window.flow_overlay = FlowOverlay(window.scene)
        window.document.reset.connect(overlay.redraw)  # after the scene has rebuilt its cards
    return overlay
