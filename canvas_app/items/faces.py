"""Card faces for zoom gestures: a card painted once into a pixmap per detail level.

While the zoom changes every frame, painting each card afresh (text laid out and
glyphs rasterised at a new scale) costs far more than scaling one pixmap. A face is
rendered at a resolution at or just above the zoom, so it is only ever shrunk a
little; the view repaints crisply from the real drawing once the zoom settles.
"""
from __future__ import annotations

import functools
import itertools
import math
from collections import OrderedDict

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

BUDGET_BYTES = 32 * 1024 * 1024  # least recently used faces go beyond this
TILE_STEP = math.sqrt(2)  # far out, a face serves zooms down to 1/TILE_STEP of its own

_AA, _SMOOTH = QPainter.RenderHint.Antialiasing, QPainter.RenderHint.SmoothPixmapTransform
_faces: OrderedDict[tuple, tuple[QPixmap, QRectF]] = OrderedDict()  # key -> face, source
_bytes = 0
_versions = itertools.count(1)


def new_version() -> int:
    """A key part no other card content ever had, so stale faces are never found again."""
    return next(_versions)


@functools.lru_cache(maxsize=64)  # every card of a frame asks with the same zoom
def face_level(lod: float, tile_below: float, title_only_below: float) -> tuple[float, float]:
    """(resolution, detail level to paint at) for a card seen at `lod`.

    Each detail band of the card (see NodeItem.paint_card) gets its own faces, so a face
    shows what the settled card will show. Full cards are the same at any zoom, so a few
    resolutions do; far-out titles are sized for the zoom, so those faces step by √2."""
    if lod >= title_only_below:
        resolution = 1.0 if lod <= 1.0 else float(min(math.ceil(lod), 3))
        return resolution, resolution
    if lod >= tile_below:
        return title_only_below, (tile_below + title_only_below) / 2
    # The nudge keeps rounding from picking a step just below `lod` at a step's edge.
    steps = max(0, math.floor(math.log(tile_below / max(lod, 0.01), TILE_STEP) - 1e-9))
    resolution = tile_below / TILE_STEP ** steps
    return resolution, resolution / math.sqrt(TILE_STEP)  # text mid-size over the step


def draw(item, painter: QPainter, level: tuple[float, float], selected: bool) -> None:
    """Paint `item` from its face at `level` (see face_level), rendering it if missing."""
    resolution, detail = level
    scale = resolution * painter.device().devicePixelRatioF()
    key = (item.face_version, scale, detail, selected)
    face = _faces.get(key)
    if face is None:
        face = _faces[key] = _render(item, scale, detail, selected)
        _account(face[0])
    else:
        _faces.move_to_end(key)
    # Smooth scaling, but no antialiased rect edges: that would halve the blit's speed
    # for half a pixel of the face's transparent margin.
    painter.setRenderHint(_AA, False)
    painter.setRenderHint(_SMOOTH)
    painter.drawPixmap(item.boundingRect(), *face)


def _render(item, scale: float, detail: float, selected: bool) -> tuple[QPixmap, QRectF]:
    """The face and the part of it the card covers (the pixmap rounds up to whole pixels)."""
    bounds = item.boundingRect()
    face = QPixmap(math.ceil(bounds.width() * scale), math.ceil(bounds.height() * scale))
    face.fill(Qt.GlobalColor.transparent)
    painter = QPainter(face)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(scale, scale)
    painter.translate(-bounds.topLeft())
    item.paint_card(painter, detail, selected)
    painter.end()
    return face, QRectF(0, 0, bounds.width() * scale, bounds.height() * scale)


def _account(face: QPixmap) -> None:
    global _bytes
    _bytes += face.width() * face.height() * 4
    while _bytes > BUDGET_BYTES and len(_faces) > 1:
        old, _ = _faces.popitem(last=False)[1]
        _bytes -= old.width() * old.height() * 4
