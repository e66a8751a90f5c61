"""Colours, sizes and the small style sheet: calm cards (each kind's own colour
and icon are its look, `canvas_app.look`)."""
from __future__ import annotations

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


STYLE_SHEET = f"""
QMainWindow, QDockWidget {{ background: #f4f4f1; }}
QDockWidget::title {{ padding: 6px; background: #ecece8; color: {TEXT}; }}
QListWidget {{ background: white; border: 1px solid {CARD_BORDER}; border-radius: 4px; }}
QListWidget::item {{ padding: 5px; }}
QToolBar {{ spacing: 4px; border: none; background: #f4f4f1; }}
QStatusBar {{ color: {TEXT_SOFT}; }}
"""
