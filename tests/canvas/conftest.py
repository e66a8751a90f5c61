"""Qt tests run offscreen, each with its own QSettings and autosave folder."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from canvas_app import i18n, settings


@pytest.fixture(autouse=True, scope="session")
def empty_clipboard_at_exit(qapp):
    """Qt's offscreen platform crashes at exit (SIGSEGV) if the clipboard still holds
    data set from Python; the real platforms do not. Empty it once the tests are done."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("JOURNEY_CANVAS_STORE", raising=False)  # `make test` sets it
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    qapp.setOrganizationName(settings.ORGANIZATION)
    qapp.setApplicationName(settings.APPLICATION)
    i18n.install("en")
    yield tmp_path
    i18n.install("en")


@pytest.fixture
def window(qtbot):
    from canvas_app.main_window import MainWindow

    win = MainWindow("en", autosave_interval_ms=60_000)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Closed here rather than by qtbot, after marking it clean, so no "save changes?"
    # dialog waits for an answer.
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


from tests.canvas.operate_fixtures import (  # noqa: F401 (fixtures of the operate screens)
    draft,
    operate_store,
    operate_store_file,
)
