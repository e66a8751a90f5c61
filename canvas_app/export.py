"""Export a journey as the canvas draws it: PNG, SVG or PDF, headless."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from nodes import fileformat

from . import i18n, theme

FORMATS = ("png", "svg", "pdf")
MARGIN = 40
_app = None  # kept alive for the process when we had to create one


def _ensure_app():
    """A QApplication, created offscreen when none runs (command line, CI)."""
    global _app
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = app = QApplication(["journey-canvas-export"])
    return app


def _paint(scene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, QColor(theme.CANVAS_BACKGROUND))
    scene.render(painter, target, source)


def export_file(journey_path: str | os.PathLike, out_path: str | os.PathLike, fmt: str,
                lang: str | None = None) -> None:
    """Render the journey at `journey_path` to `out_path`; raises JourneyFileError for a
    bad journey file and ValueError for an unknown format."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (use png, svg or pdf)")
    _ensure_app()
    journey = fileformat.load(journey_path)
    export_journey(journey, out_path, fmt, lang or i18n.current_language())


def canvas_scene(journey, lang: str = "en"):
    """The journey drawn as the canvas draws it, ready for vector output, and the
    part of the scene to show: (scene, source rect with a margin)."""
    from nodes.validation import validate

    from .document import JourneyDocument
    from .scene import JourneyScene

    document = JourneyDocument(journey)
    scene = JourneyScene(document, lang)
    scene.set_issues(validate(journey))
    for item in scene.items():
        # Vector output needs the real drawing calls, not the on-screen pixmap caches.
        item.setCacheMode(item.CacheMode.NoCache)
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if source.isEmpty():
        source = QRectF(0, 0, 400, 300)
    return scene, source


def paint_scene(scene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    """Draw `source` of `scene` into `target` on the canvas background."""
    _paint(scene, painter, target, source)


def export_journey(journey, out_path: str | os.PathLike, fmt: str, lang: str = "en") -> None:
    scene, source = canvas_scene(journey, lang)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    size = QSizeF(source.width(), source.height())
    if fmt == "png":
        scale = 2.0  # crisp on high-density screens and in slides
        image = QImage((size * scale).toSize(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        _paint(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        if not image.save(str(out_path), "PNG"):
            raise OSError(f"cannot write {out_path}")
    elif fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(out_path))
        generator.setSize(QSize(int(size.width()), int(size.height())))
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(journey.meta.name or journey.id)
        painter = QPainter(generator)
        _paint(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
    else:
        writer = QPdfWriter(str(out_path))
        writer.setResolution(96)  # one scene unit per device pixel: cards draw in full detail
        writer.setPageSize(QPageSize(QSizeF(size.width() * 72 / 96, size.height() * 72 / 96),
                                     QPageSize.Unit.Point))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        writer.setTitle(journey.meta.name or journey.id)
        painter = QPainter(writer)
        _paint(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
