"""The node card: icon, title, plain-language summary, labelled outlets and a
validation badge. It shows what the document says; it never edits the model."""
from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nodes.kinds import kind_label, kind_of

from .. import look, theme
from ..text_fit import fit_lines, line_height
from . import faces

PORT_RADIUS = 5.0
# A press this many screen pixels around an outlet dot still starts a connection (and a
# drop this close to a card still lands on it), whatever the zoom.
HIT_TOLERANCE_PX = 6.0
_DOT_RIM = PORT_RADIUS + 1  # the dot with its pen
# The card's bounds leave room for the outlets' hit zones down to the zoom where the
# dots first show (TILE_BELOW); scenes find items by their bounds, so the zones end there.
_ZONE_REACH = _DOT_RIM + 2 * HIT_TOLERANCE_PX
_MAX_HIT_RADIUS = 30.0  # far out, a zone this size is already a good part of a tile
TILE_BELOW = 0.5  # zoom under which a card is a plain tile (its text would be < 7 px)
TITLE_ONLY_BELOW = 0.6  # zoom under which a card shows only its icon and title

# Made once: paint_card runs for every card in a frame.
_TEXT_PEN = QPen(QColor(theme.TEXT))
_SOFT_PEN = QPen(QColor(theme.TEXT_SOFT))
_BORDER_PEN = QPen(QColor(theme.CARD_BORDER), 1.0)
_SELECTED_PEN = QPen(QColor(theme.CARD_SELECTED), 2.2)
_TILE_SELECTED_PEN = QPen(QColor(theme.CARD_SELECTED), 4)
_WHITE = QColor("white")
_ERROR, _WARNING = QColor(theme.ERROR), QColor(theme.WARNING)
_ICON_RECT = QRectF(12, 6, 18, 18)
_TITLE_RECT = QRectF(36, 0, theme.CARD_WIDTH - 60, theme.HEADER_HEIGHT)
_SUMMARY_RECT = QRectF(12, theme.HEADER_HEIGHT + 3, theme.CARD_WIDTH - 24,
                       theme.SUMMARY_HEIGHT - 4)
_HEADER_LINE = QLineF(8, theme.HEADER_HEIGHT, theme.CARD_WIDTH - 8, theme.HEADER_HEIGHT)
_INPUT_POS = QPointF(0, theme.HEADER_HEIGHT / 2)
_BADGE_RECT = QRectF(theme.CARD_WIDTH - 22, theme.HEADER_HEIGHT / 2 - 8, 16, 16)
_TITLE_FLAGS = int(Qt.AlignmentFlag.AlignVCenter)
_FAR_TITLE_FLAGS = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
# Runs of letters that must not break inside (CJK text may break between any two characters).
_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
_SHRINK_FLOOR = 0.6  # a far title shrinks at most this much for its longest word to fit
_FAR_ICON = 0.3  # of the card's width at most, for the far-out icon
_SUMMARY_FLAGS = int(Qt.TextFlag.TextWordWrap)
_OUTLET_FLAGS = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
_BADGE_FLAGS = int(Qt.AlignmentFlag.AlignCenter)
# Looked up once: itemChange runs for every change of every card, a dozen per new card.
_POSITION_CHANGE = QGraphicsItem.GraphicsItemChange.ItemPositionChange
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
_NO_CACHE = QGraphicsItem.CacheMode.NoCache


def view_scale(scene) -> float:
    """Screen pixels per scene unit in the scene's view (1 without one)."""
    views = scene.views() if scene is not None else ()
    if not views:
        return 1.0
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(views[0].transform())


def hit_radius(scale: float) -> float:
    """Radius, in scene units, of the zone around an outlet dot that catches a press
    when one scene unit is `scale` screen pixels: the dot plus HIT_TOLERANCE_PX."""
    return min(_MAX_HIT_RADIUS, _DOT_RIM + HIT_TOLERANCE_PX / max(scale, 0.01))


def far_title(title: str, base: QFont, pixel: int, area: QRectF) -> tuple[QFont, str]:
    """The font and text of a title drawn about `pixel` px high in `area`, on at most
    two lines. A word never breaks inside ("Branc / h"): the font shrinks (down to
    _SHRINK_FLOOR) until the title fits whole; past that it ends in "…"."""
    font = QFont(base)
    size = float(pixel)
    while True:
        font.setPixelSize(max(1, round(size)))
        metrics = QFontMetricsF(font)
        words_fit = all(metrics.horizontalAdvance(w) <= area.width()
                        for w in _UNBREAKABLE.findall(title))
        lines = min(2, int(area.height() // line_height(title, metrics)))
        shown = fit_lines(title, metrics, area.width(), max(lines, 1))
        if words_fit and lines >= 1 and shown == title:
            return font, title
        if size * 0.9 < pixel * _SHRINK_FLOOR:
            break
        size *= 0.9
    if words_fit and lines >= 1:
        return font, shown
    return font, metrics.elidedText(title, Qt.TextElideMode.ElideRight, area.width())


class OutletRef:
    """An outlet of a card, as a gesture sees it: where it is and whose it is."""

    def __init__(self, node: NodeItem, outlet: str):
        self.node, self.outlet = node, outlet

    def scenePos(self) -> QPointF:
        return self.node.mapToScene(self.node.outlet_pos(self.outlet))


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str, kind: str):
        super().__init__()
        self.node_id, self.kind = node_id, kind_of(kind).name
        self.takes_input = not kind_of(kind).entry  # nothing may lead into an entry
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
        self._shape: tuple[float, QPainterPath] | None = None  # (hit radius, shape)
        self.face_version = faces.new_version()  # changes whenever the drawing would
        self.setAcceptHoverEvents(True)
        self._outlets_shown: list[tuple[QRectF, str]] = []
        self._dots: list[QPointF] = []
        self._fill, self._accent = look.fill(self.kind), look.accent(self.kind)
        self._port_pen = QPen(self._accent, 1.5)
        self._icon = look.kind_pixmap(self.kind)
        self._set_height(theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT)
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
        self.summary = fit_lines(summary, metrics, theme.CARD_WIDTH - 24, 2)
        outlets = journey.offered_outlets(self.node_id)
        self.outlet_names = {o: look.outlet_display_name(self.kind, o) for o in outlets}
        if outlets != self.outlets:
            self.prepareGeometryChange()
            self.outlets = outlets
            rows = 0 if outlets == ["next"] else len(outlets)
            self._set_height(theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT
                             + rows * theme.OUTLET_ROW)
        self._card_tooltip = self.summary
        self.setToolTip(self.summary)
        self.invalidate()

    def outlet_at(self, pos: QPointF, scale: float | None = None) -> str | None:
        """The outlet whose dot is nearest `pos` (item coordinates) within its hit zone:
        the dot plus HIT_TOLERANCE_PX screen pixels at `scale` (default: the view's zoom).
        The zones are part of shape(), so the view never takes such a press for the
        background, and the scene turns it into a connection, not a move."""
        if not self.outlets or not self._bounds.contains(pos):
            return None
        radius = hit_radius(view_scale(self.scene()) if scale is None else scale)
        best, best_distance = None, radius
        for outlet in self.outlets:
            offset = self.outlet_pos(outlet) - pos
            distance = math.hypot(offset.x(), offset.y())
            if distance <= best_distance:
                best, best_distance = outlet, distance
        return best

    def drop_distance(self, pos: QPointF) -> float:
        """How far `pos` (item coordinates) is from the card or its input dot; 0 on them.
        A connection dropped within HIT_TOLERANCE_PX screen pixels lands on the card."""
        card = self._card
        dx = max(card.left() - pos.x(), 0.0, pos.x() - card.right())
        dy = max(card.top() - pos.y(), 0.0, pos.y() - card.bottom())
        distance = math.hypot(dx, dy)
        if self.takes_input and distance:
            offset = pos - _INPUT_POS
            distance = min(distance, max(0.0, math.hypot(offset.x(), offset.y()) - PORT_RADIUS))
        return distance

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

    def _set_height(self, height: float) -> None:
        # Kept, not rebuilt: Qt asks for the bounding rect several times a frame.
        self._height = height
        self._card = QRectF(0, 0, theme.CARD_WIDTH, height)
        # Right of and below the card there is room for the outlets' hit zones (hit_radius).
        below = max(2.0, _ZONE_REACH - theme.OUTLET_ROW / 2)
        self._bounds = self._card.adjusted(-PORT_RADIUS - 2, -8, _ZONE_REACH, below)
        self._stripe = QRectF(0, 0, 5, height)

    def card_rect(self) -> QRectF:
        return QRectF(self._card)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """The card, its input dot and each outlet's hit zone (see outlet_at), which is
        sized in screen pixels, so the shape follows the zoom."""
        radius = hit_radius(view_scale(self.scene()))
        cached = self._shape
        if cached is None or cached[0] != radius:  # kept: hovering asks on every mouse move
            # United, not just added: added subpaths overlap under the odd-even fill rule,
            # which would cut the half of each dot lying on the card out of the shape.
            path = QPainterPath()
            path.addRoundedRect(self._card, 8, 8)
            if self.takes_input:
                dot = QPainterPath()
                dot.addEllipse(_INPUT_POS, PORT_RADIUS, PORT_RADIUS)
                path = path.united(dot)
            for outlet in self.outlets:
                zone = QPainterPath()
                zone.addEllipse(self.outlet_pos(outlet), radius, radius)
                path = path.united(zone)
            bounds = QPainterPath()
            bounds.addRect(self._bounds)  # scenes find items by their bounds
            cached = self._shape = (radius, path.intersected(bounds))
        return cached[1]

    def itemChange(self, change, value):
        if change == _POSITION_CHANGE and self.snap:
            step = theme.GRID
            return QPointF(round(value.x() / step) * step, round(value.y() / step) * step)
        if change == _POSITION_CHANGED:
            for edge in self.edges:
                edge.adjust()
        elif change == _SELECTED_CHANGED:
            self._forget_pixmaps()  # Qt repaints the selection, but only for one device
        return super().itemChange(change, value)

    # -- drawing -----------------------------------------------------------------
    # Texts are measured and elided in refresh(), never per frame; Qt's device cache
    # then blits the card while panning, and mid-zoom a face of it is scaled (faces.py).
    # Zoomed out, less is drawn (tile, then title).

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
        self._dots = [self.outlet_pos(o) for o in self.outlets]
        self._shape = None
        self.face_version = faces.new_version()
        self._forget_pixmaps()
        self.update()

    def _forget_pixmaps(self) -> None:
        """Drop the card's DeviceCoordinateCache pixmaps, one per device that painted it.

        Qt keeps a pixmap per device (the view's viewport, and one more for scene.render(),
        which the minimap uses) but a single "needs repainting" mark for all of them:
        update() sets it and the first device to paint the card clears it. When the
        minimap rendered first, the view kept blitting its old pixmap, e.g. a problem
        badge validation had cleared. Setting the cache mode again purges them all."""
        mode = self.cacheMode()
        if mode != _NO_CACHE:
            self.setCacheMode(mode)

    def far_title_place(self, lod: float) -> tuple[QRectF, QRectF, int]:
        """Zoomed far out: the icon's rect, the title's area and its pixel size. The
        icon grows with the card's height but leaves the title most of the width."""
        rect = self._card
        icon = min(rect.height() - 8, max(40.0, 22 / max(lod, 0.05)), rect.width() * _FAR_ICON)
        # Sizes snap to 10 % steps so a zoom gesture reuses the laid-out title instead
        # of measuring and eliding it again on every frame for every card.
        wanted = max(12.0, 11 / max(lod, 0.05))
        pixel = round(12 * 1.1 ** round(math.log(wanted / 12, 1.1)))
        area = QRectF(icon + 20, 2, rect.width() - icon - 26, rect.height() - 4)
        return QRectF(12, 4, icon, icon), area, pixel

    def _paint_far_title(self, painter: QPainter, lod: float) -> None:
        """Zoomed far out (e.g. a long journey fitted to the window) the title is drawn
        large enough to stay readable (about 11 px on screen), beside a big icon."""
        icon, area, pixel = self.far_title_place(lod)
        painter.drawPixmap(icon, self._icon, QRectF())
        cached = self._far_title
        if cached is None or cached[0] != (pixel, self.title, area.width()):
            font, text = far_title(self.title, self.title_font, pixel, area)
            cached = self._far_title = ((pixel, self.title, area.width()), font, text)
        _, font, text = cached
        painter.setFont(font)
        painter.setPen(_TEXT_PEN)
        painter.drawText(area, _FAR_TITLE_FLAGS, text)  # clips itself if it overflows

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        scene = self.scene()
        if widget is not None and scene is not None and not scene.cache_on:
            # Mid-zoom in a view: scaling a ready face beats painting the card afresh.
            faces.draw(self, painter, faces.face_level(lod, TILE_BELOW, TITLE_ONLY_BELOW),
                       self.isSelected())
            return
        self.paint_card(painter, lod, self.isSelected())

    def paint_card(self, painter: QPainter, lod: float, selected: bool) -> None:
        """The card itself, with as much detail as `lod` (its scale on screen) can show.
        Pens, colours and rects are made once: this runs for every card a frame shows."""
        rect = self._card
        if lod < TILE_BELOW:  # far out: a coloured tile is all the eye can read
            painter.setPen(_TILE_SELECTED_PEN if selected else Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawRect(rect)
            painter.fillRect(self._stripe, self._accent)
            self._paint_far_title(painter, lod)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_SELECTED_PEN if selected else _BORDER_PEN)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent)
        painter.drawRoundedRect(self._stripe, 2.5, 2.5)
        painter.drawPixmap(_ICON_RECT, self._icon, QRectF())
        painter.setPen(_TEXT_PEN)
        painter.setFont(self.title_font)
        painter.drawText(_TITLE_RECT, _TITLE_FLAGS, self._title_shown)
        self._paint_badge(painter)
        if lod < TITLE_ONLY_BELOW:  # the small print would be a grey smudge
            self._paint_dots(painter)
            return
        painter.setPen(_BORDER_PEN)
        painter.drawLine(_HEADER_LINE)
        painter.setFont(self.text_font)
        painter.setPen(_SOFT_PEN)
        painter.drawText(_SUMMARY_RECT, _SUMMARY_FLAGS, self.summary)
        painter.setPen(_TEXT_PEN)
        for box, name in self._outlets_shown:
            painter.drawText(box, _OUTLET_FLAGS, name)
        self._paint_dots(painter)

    def _paint_dots(self, painter: QPainter) -> None:
        painter.setPen(self._port_pen)
        painter.setBrush(_WHITE)
        if self.takes_input:  # an entry has no input dot
            painter.drawEllipse(_INPUT_POS, PORT_RADIUS - 1, PORT_RADIUS - 1)
        for centre in self._dots:
            painter.drawEllipse(centre, PORT_RADIUS, PORT_RADIUS)

    def _paint_badge(self, painter: QPainter) -> None:
        if not self.severity:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_ERROR if self.severity == "error" else _WARNING)
        painter.drawEllipse(_BADGE_RECT)
        painter.setPen(_WHITE)
        painter.setFont(self.title_font)
        painter.drawText(_BADGE_RECT, _BADGE_FLAGS, "!")
