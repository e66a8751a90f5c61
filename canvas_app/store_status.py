"""The window's customer store: the status-bar indicator, connecting at start,
and handing the store and its catalog to the inspector and to validation."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QToolButton

from . import settings
from .store_connection import StoreConnector, configured_store_url, store_label
from .store_dialog import StoreDialog


class StoreStatus(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store: Any = None
        self.catalog: Any = None  # None until a store is connected
        self.url = ""
        self.count = 0
        self.state = "none"  # none | opening | connected | failed
        self.problem = ""
        self.button = QToolButton(window)
        self.button.setObjectName("store_status")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(lambda: self.open_dialog())
        self.connector = StoreConnector(self)
        self.connector.connected.connect(self.use_store)
        self.connector.failed.connect(self._failed)
        self.retranslate_ui()

    def connect_configured(self) -> None:
        """Connect to the environment's or the saved store, if any (in the background)."""
        url = configured_store_url()
        if url:
            self.url, self.state = url, "opening"
            self.retranslate_ui()
            self.connector.open(url)

    def open_dialog(self) -> StoreDialog:
        dialog = StoreDialog(self.url, self.window)
        dialog.store_opened.connect(lambda store, url, count: self.use_store(
            store, url, count, remember=True))
        dialog.open()
        return dialog

    def use_store(self, store: Any, url: str, count: int, remember: bool = False) -> None:
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store, self.url, self.count, self.state = store, url, count, "connected"
        self.catalog = store.catalog()
        if remember:
            settings.set_store_url(url)
        self.window.scene.catalog = self.catalog  # card summaries name its attributes
        self.window.scene.set_language(self.window.lang)
        panel = self.window.inspector.panel
        if panel is not None:
            panel.set_catalog(self.catalog)
            panel.set_store(store)
        self.window.refresh_validation()
        self.retranslate_ui()

    def _failed(self, url: str, message: str) -> None:
        self.url, self.state, self.problem = url, "failed", message
        self.retranslate_ui()
        self.window.statusBar().showMessage(message, 10000)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    def retranslate_ui(self) -> None:
        name = store_label(self.url) if self.url else ""
        if self.state == "connected":
            text = self.tr("Store: %1 · %2 customers").replace("%1", name).replace(
                "%2", f"{self.count:,}")
            tip = self.tr("Conditions are checked against this store, and audiences are "
                          "estimated from it. Click to connect another store.")
        elif self.state == "opening":
            text = self.tr("Store: opening %1…").replace("%1", name)
            tip = ""
        elif self.state == "failed":
            text = self.tr("Store: not connected")
            tip = self.problem + "\n" + self.tr("Click to choose a customer store.")
        else:
            text = self.tr("Store: not connected")
            tip = self.tr("Click to choose a customer store.")
        self.button.setText(text)
        self.button.setToolTip(tip)
