"""Application setup: `run_app(argv)` starts the editor."""
from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import i18n, look, settings, theme
from .main_window import MainWindow


def language_from_settings() -> str:
    """The override chosen in the settings dialog, else the system language."""
    return i18n.normalize(settings.language_override() or i18n.system_language())


def create_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("JourneyCanvas")
    app.setWindowIcon(QIcon(str(look.ICONS_DIR / "trigger.svg")))
    app.setStyleSheet(theme.STYLE_SHEET)
    i18n.install(language_from_settings())
    return app


def create_main_window(paths: list[str]) -> MainWindow:
    """Show a window (opening `paths[0]` if given) and, after a crash, offer the unsaved work."""
    window = MainWindow(i18n.current_language())
    window.show()
    window.connect_configured_store()  # in the background; the window is usable at once
    if paths:
        window.open_file(paths[0])
    else:
        window.offer_restore()
    return window


def run_app(argv: list[str]) -> int:
    app = create_app(argv)
    paths = [a for a in argv[1:] if not a.startswith("-")]
    window = create_main_window(paths)  # noqa: F841 (kept alive while the loop runs)
    return app.exec()


if __name__ == "__main__":
    sys.exit(run_app(sys.argv))
