"""Colours, sizes and the small style sheet: calm cards, one soft colour per kind."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPixmap

from nodes.kinds import NodeKind

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"

# (accent, soft fill) per kind: accent for the header stripe and icon, fill for the card.
KIND_COLORS: dict[NodeKind, tuple[str, str]] = {
    NodeKind.trigger: ("#3f7d58", "#eef6f0"),
    NodeKind.filter: ("#4a6fa5", "#edf2f9"),
    NodeKind.wait: ("#8a7a3c", "#f8f5e9"),
    NodeKind.branch: ("#7a5aa6", "#f3eff9"),
    NodeKind.split: ("#a3627a", "#f9eef2"),
    NodeKind.touch: ("#2f7f8f", "#ebf5f7"),
    NodeKind.reward: ("#b0713a", "#fbf1e8"),
    NodeKind.update: ("#5f6b78", "#f0f2f4"),
}

CANVAS_BACKGROUND = "#fafaf8"
GRID_DOT = "#dcdcd6"
CARD_BORDER = "#d5d8dc"
CARD_SELECTED = "#2d6cdf"
TEXT = "#2b2f33"
TEXT_SOFT = "#6b7178"
EDGE = "#8d959e"
EDGE_REFUSED = "#c0392b"
ERROR = "#c0392b"
WARNING = "#c98a16"

GRID = 20  # snap step and background dot spacing, in scene units
CARD_WIDTH = 220
HEADER_HEIGHT = 30
SUMMARY_HEIGHT = 38
OUTLET_ROW = 22


def accent(kind: str) -> QColor:
    return QColor(KIND_COLORS[NodeKind(kind)][0])


def fill(kind: str) -> QColor:
    return QColor(KIND_COLORS[NodeKind(kind)][1])


_ICON_CACHE: dict[str, QIcon] = {}
_PIXMAP_CACHE: dict[str, QPixmap] = {}


def kind_pixmap(kind: str) -> QPixmap:
    """The kind's icon rendered once, large enough to stay sharp up to 200% zoom."""
    kind = NodeKind(kind).value
    if kind not in _PIXMAP_CACHE:
        _PIXMAP_CACHE[kind] = kind_icon(kind).pixmap(72, 72)
    return _PIXMAP_CACHE[kind]


def kind_icon(kind: str) -> QIcon:
    kind = NodeKind(kind).value
    if kind not in _ICON_CACHE:
        _ICON_CACHE[kind] = QIcon(str(ICONS_DIR / f"{kind}.svg"))
    return _ICON_CACHE[kind]


STYLE_SHEET = f"""
QMainWindow, QDockWidget {{ background: #f4f4f1; }}
QDockWidget::title {{ padding: 6px; background: #ecece8; color: {TEXT}; }}
QListWidget {{ background: white; border: 1px solid {CARD_BORDER}; border-radius: 4px; }}
QListWidget::item {{ padding: 5px; }}
QToolBar {{ spacing: 4px; border: none; background: #f4f4f1; }}
QStatusBar {{ color: {TEXT_SOFT}; }}
"""
