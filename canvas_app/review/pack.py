"""The review pack: one PDF a lead reads on paper or forwards to compliance.

The canvas picture, every step in plain words in path order, the validation
results, the comparison with the last approved version, the latest simulation
numbers (when there are any), the comments and the approval history; A4 pages,
each with a footer naming the journey, its content hash and the page number.

What it says is canvas_app.review.pack_content's; here it is laid out by Qt
(QTextDocument) and painted onto a QPdfWriter, so Chinese is real, selectable
text. The file is written atomically: a temp
file in the same folder takes the target's place only once it is complete.

    pack_file("a.journey.json", "a-review.pdf", "zh_CN", against="approved.journey.json")
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from nodes import fileformat
from nodes.approval import content_hash
from nodes.atomic import atomic_path
from nodes.journey import Journey
from nodes.lang import shipped

from ..export import _ensure_app, canvas_scene, paint_scene
from .pack_content import HASH_SHOWN, STYLE, Against, _t, body_html, cover_html

# A4 in 96-dpi units (the unit the text is laid out in), margins and footer.
PAGE_W, PAGE_H = 793.7, 1122.5
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 56.0, 72.0
FOOTER_GAP = 22.0  # from the body's bottom to the footer's baseline area
BODY_W = PAGE_W - 2 * MARGIN_X
BODY_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
COVER_MAX = BODY_H * 0.6  # the most of page 1 the cover text takes; the canvas has the rest
LABEL_H = 24.0  # the line naming the canvas above its picture
# A canvas that page 1 can only show smaller than OVERVIEW_LEGIBLE (where cards
# drop their summaries: items.node_item.TITLE_ONLY_BELOW) is shown again in parts,
# one per page, at DETAIL_SCALE: card text about 6 pt on paper.
OVERVIEW_LEGIBLE = 0.6
DETAIL_SCALE = 0.7
PART_GAP = 18.0  # between two parts on one page
PART_OVERLAP = (260.0, 160.0)  # scene units: a card's width and height, and some
# Latin first: a CJK font shapes digits in Latin text with glyphs Qt's PDF writer
# cannot name, so "2026" would copy as nothing. Chinese falls back to the CJK fonts.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica",
                 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
                 "Microsoft YaHei", "WenQuanYi Micro Hei"]


class PackError(OSError):
    """The pack could not be written; the target file is untouched."""


def _layout_device() -> QImage:
    """Text is laid out at 96 dpi whatever the screen, so pages break the same everywhere."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(3780)
    image.setDotsPerMeterY(3780)
    return image


def _font(points: float = 10) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    return font


def _text_document(html_text: str, device: QImage, height: float | None = None) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(_font())
    document.setDefaultStyleSheet(STYLE)
    document.setDocumentMargin(0)
    option = QTextOption()  # a long unbroken word (an id, a URL) wraps instead of running off
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setHtml(html_text)
    if height is None:  # one block of text, as tall as it is
        document.setTextWidth(BODY_W)
    else:  # lines wrap and pages break (setTextWidth would make it one endless page)
        document.setPageSize(QSizeF(BODY_W, height))
    return document


def render_pack(journey: Journey, path: str | os.PathLike, lang: str = "en", *,
                against: Against | None = None, simulation: Mapping[str, int] | None = None,
                generated: datetime | None = None) -> int:
    """Paint the pack into the PDF at `path` (not atomically: see `write_pack`);
    return the number of pages."""
    lang = shipped(lang)
    digest = content_hash(journey)
    generated = generated or datetime.now(UTC)
    device = _layout_device()
    cover = _text_document(cover_html(journey, lang, digest, generated), device)
    long_description = cover.size().height() > COVER_MAX
    if long_description:
        cover = _text_document(cover_html(journey, lang, digest, generated, False), device)
    body = _text_document(body_html(journey, lang, digest, against, simulation,
                                    long_description), device, BODY_H)
    scene, source = canvas_scene(journey, lang)

    # The canvas goes on page 1 under the cover text, scaled to fit. Cards drawn that
    # small show their titles only (as the canvas does when zoomed out), so then
    # the canvas follows in full detail, in parts, on the next pages.
    title_h = min(cover.size().height(), COVER_MAX) + 14
    fit = min(BODY_W / source.width(), (BODY_H - title_h - LABEL_H) / source.height(), 1.0)
    parts = _canvas_parts(scene, source) if fit < OVERVIEW_LEGIBLE else []

    sheets = _stack(parts)
    pages = 1 + len(sheets) + body.pageCount()
    writer = QPdfWriter(str(path))
    writer.setResolution(96)  # one layout unit per device pixel, as the text was laid out
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setTitle(f"{_t('title', lang)} · {journey.meta.name or journey.id}")
    writer.setCreator("JourneyCanvas")
    painter = QPainter()
    if not painter.begin(writer):
        raise PackError(f"cannot write {path}")
    page = 1
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        # Page 1: the cover and the whole canvas.
        painter.save()
        painter.translate(MARGIN_X, MARGIN_TOP)
        cover.drawContents(painter)
        painter.translate(0, title_h)
        _canvas_label(painter, _t("canvas", lang))
        size = QSizeF(source.width() * fit, source.height() * fit)
        _draw_canvas(painter, scene, source,
                     QRectF(QPointF((BODY_W - size.width()) / 2, LABEL_H), size))
        painter.restore()
        _footer(painter, journey, digest, lang, page, pages)
        # A wide or tall canvas again, in legible parts, as many to a page as fit.
        for sheet in sheets:
            writer.newPage()
            page += 1
            for top, (number, row, col, part) in sheet:
                painter.save()
                painter.translate(MARGIN_X, MARGIN_TOP + top)
                _canvas_label(painter, _t("canvas_part", lang, n=number, m=len(parts),
                                          row=row + 1, col=col + 1))
                _draw_canvas(painter, scene, part,
                             QRectF(QPointF(0, LABEL_H), part.size() * DETAIL_SCALE))
                painter.restore()
            _footer(painter, journey, digest, lang, page, pages)
        # The steps, checks, comparison, comments and history.
        for index in range(body.pageCount()):
            writer.newPage()
            page += 1
            painter.save()
            painter.translate(MARGIN_X, MARGIN_TOP - index * BODY_H)
            body.drawContents(painter, QRectF(0, index * BODY_H, BODY_W, BODY_H))
            painter.restore()
            _footer(painter, journey, digest, lang, page, pages)
    finally:
        painter.end()
    _fix_copied_text(Path(path))
    return pages


def _canvas_parts(scene, source: QRectF) -> list[tuple[int, int, QRectF]]:
    """(row, column, scene rect) of each page-sized part of the canvas with
    something in it, at DETAIL_SCALE, rows first."""
    width, height = BODY_W / DETAIL_SCALE, (BODY_H - LABEL_H) / DETAIL_SCALE

    def starts(length: float, room: float, overlap: float) -> list[float]:
        # Neighbouring parts overlap by a card, so a card cut at one's edge is whole
        # in the next.
        if length <= room:
            return [0.0]
        count = math.ceil((length - room) / (room - overlap)) + 1
        step = (length - room) / (count - 1)
        return [i * step for i in range(count)]

    found = []
    for row, top in enumerate(starts(source.height(), height, PART_OVERLAP[1])):
        for col, left in enumerate(starts(source.width(), width, PART_OVERLAP[0])):
            part = QRectF(source.left() + left, source.top() + top,
                          width, height).intersected(source)
            if scene.items(part):
                found.append((row, col, part))
    return found


def _stack(parts: list[tuple[int, int, QRectF]]) -> list[list[tuple[float, tuple]]]:
    """The parts, numbered, grouped into pages: (top on the page, part) each."""
    sheets: list[list[tuple[float, tuple]]] = []
    top = BODY_H
    for number, (row, col, part) in enumerate(parts, 1):
        height = LABEL_H + part.height() * DETAIL_SCALE
        if top + height > BODY_H + 0.5:
            sheets.append([])
            top = 0.0
        sheets[-1].append((top, (number, row, col, part)))
        top += height + PART_GAP
    return sheets


def _canvas_label(painter: QPainter, text: str) -> None:
    painter.setFont(_font(13))
    painter.setPen(QColor("#1f3a5f"))
    painter.drawText(QRectF(0, 0, BODY_W, LABEL_H),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def _draw_canvas(painter: QPainter, scene, shown: QRectF, target: QRectF) -> None:
    """`shown` of the scene into `target` (the scene clips to it), framed."""
    painter.save()
    paint_scene(scene, painter, target, shown)
    painter.restore()
    painter.setPen(QColor("#c8d0da"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)


def _fix_copied_text(path: Path) -> None:
    """Chinese copies as the characters it shows (see pdf_text)."""
    from . import pdf_text

    fonts = [_font(), QFont()]  # the pack's text and the canvas's cards
    for font in list(fonts):
        bold = QFont(font)
        bold.setBold(True)
        fonts.append(bold)
    data = path.read_bytes()
    fixed = pdf_text.fix_radicals(data, pdf_text.tables_for(fonts))
    if fixed != data:
        path.write_bytes(fixed)


def _footer(painter: QPainter, journey: Journey, digest: str, lang: str,
            page: int, pages: int) -> None:
    painter.save()
    top = PAGE_H - MARGIN_BOTTOM + FOOTER_GAP
    painter.setPen(QColor("#d5dbe3"))
    painter.drawLine(QPointF(MARGIN_X, top - 6), QPointF(PAGE_W - MARGIN_X, top - 6))
    painter.setPen(QColor("#5b6b7f"))
    painter.setFont(_font(8))
    box = QRectF(MARGIN_X, top, BODY_W, 18)
    metrics = painter.fontMetrics()
    number = _t("page", lang, n=page, m=pages)
    room = BODY_W - metrics.horizontalAdvance(number) - 24
    name = f"{journey.meta.name or journey.id} · {digest[:HASH_SHOWN]}"
    name = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, int(room))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)
    painter.restore()


def write_pack(journey: Journey, out_path: str | os.PathLike, lang: str = "en", *,
               against: Against | None = None, simulation: Mapping[str, int] | None = None,
               generated: datetime | None = None) -> int:
    """Write the pack atomically: the PDF appears whole or not at all (a file it
    replaces keeps its permissions); return the number of pages."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)  # as `export --pdf` does
    with atomic_path(out_path) as tmp:
        pages = render_pack(journey, str(tmp), lang, against=against, simulation=simulation,
                            generated=generated)
        with open(tmp, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise PackError(f"cannot write {out_path}")
    return pages


def pack_file(journey_path: str | os.PathLike, out_path: str | os.PathLike,
              lang: str | None = None, against_path: str | os.PathLike | None = None,
              simulation: Mapping[str, int] | None = None) -> int:
    """Headless: the pack of the journey file at `journey_path`, compared with the
    approved file at `against_path` when given. Raises JourneyFileError for a
    journey file that cannot be read (naming it) and OSError when the PDF cannot
    be written."""
    from PySide6.QtWidgets import QApplication

    from .. import i18n

    headless = QApplication.instance() is None
    _ensure_app()
    if headless and lang:  # our own process: the canvas's outlet names in that language too
        i18n.install(lang)
    journey = fileformat.load(journey_path)
    against = None
    if against_path is not None:
        against = Against(fileformat.load(against_path), Path(against_path).name)
    return write_pack(journey, out_path, lang or i18n.current_language(),
                      against=against, simulation=simulation)
