"""Help ▸ User Guide (a dock beside the step settings, to read while working) and
Help ▸ About. The guide's text is a resource per language
(resources/help/guide_<lang>.md), so it can be written and reviewed as a page."""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QTextBrowser, QWidget

HELP_DIR = Path(__file__).resolve().parent.parent / "resources" / "help"
DISTRIBUTION = "journey-canvas"


def guide_text(lang: str) -> str:
    """The guide in `lang` (Markdown), English when there is none in that language."""
    path = HELP_DIR / f"guide_{lang}.md"
    if not path.exists():
        path = HELP_DIR / "guide_en.md"
    return path.read_text(encoding="utf-8")


class GuideDock(QDockWidget):
    """The guide, docked below the step settings: readable while building."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guide")  # saveState needs stable names
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.setWidget(self.browser)
        self.lang = ""
        self.neighbour: QDockWidget | None = None

    @classmethod
    def below(cls, neighbour: QDockWidget, window: QMainWindow) -> GuideDock:
        """A hidden guide dock under `neighbour` (side by side, never a tab over it)."""
        dock = cls(window)
        dock.neighbour = neighbour
        window.addDockWidget(window.dockWidgetArea(neighbour), dock)
        window.splitDockWidget(neighbour, dock, Qt.Orientation.Vertical)
        dock.hide()
        return dock

    def open(self) -> None:
        self.show()
        self.raise_()
        window, neighbour = self.parent(), self.neighbour
        if neighbour is not None and not self.isFloating() and self.height() < 300:
            # Room to read it, and the step settings keep most of theirs.
            room = neighbour.height() + self.height()
            window.resizeDocks([neighbour, self], [room * 3 // 5, room * 2 // 5],
                               Qt.Orientation.Vertical)

    def set_language(self, lang: str) -> None:
        self.setWindowTitle(_tr(GUIDE_TITLE))
        if lang != self.lang:
            self.lang = lang
            self.browser.setMarkdown(guide_text(lang))


def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree never installed
        return "?"


def licence() -> str | None:
    """The licence the package metadata declares, if any."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    return meta.get("License-Expression") or meta.get("License") or None


# Kept as source strings (lupdate reads them here); translated when shown.
ABOUT_TITLE = QT_TRANSLATE_NOOP("MainWindow", "About JourneyCanvas")
GUIDE_TITLE = QT_TRANSLATE_NOOP("MainWindow", "User Guide")
ABOUT_LINES = (
    QT_TRANSLATE_NOOP("MainWindow", "JourneyCanvas, version %1"),
    QT_TRANSLATE_NOOP("MainWindow", "Draw, check and run customer journeys for banks and "
                      "brokerages."),
    QT_TRANSLATE_NOOP("MainWindow", "Built with Qt %1 and PySide6 %2 (Qt for Python, "
                      "GNU LGPL v3)."),
    QT_TRANSLATE_NOOP("MainWindow", "Licence: %1"),
    QT_TRANSLATE_NOOP("MainWindow", "Licence: none is declared in this build's package "
                      "metadata."),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def about_text() -> str:
    version_line, purpose, built_with, licence_line, no_licence = map(_tr, ABOUT_LINES)
    declared = licence()
    return "\n\n".join((
        version_line.replace("%1", version()),
        purpose,
        built_with.replace("%1", qVersion()).replace("%2", PySide6.__version__),
        licence_line.replace("%1", declared) if declared else no_licence,
    ))


def show_about(parent: QWidget) -> QMessageBox:
    """The About box, opened without blocking (the caller may keep working)."""
    box = QMessageBox(QMessageBox.Icon.Information, _tr(ABOUT_TITLE), about_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about")
    icon = parent.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(48, 48))
    box.open()
    return box
