"""File ▸ Connect to customer store…: type or pick a store; problems are shown
in the dialog in plain words, and it closes only once the store is open."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from .store_connection import StoreConnector


class StoreDialog(QDialog):
    store_opened = Signal(object, str, int)  # store, url, customer count

    def __init__(self, url: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("store_dialog")
        self.setMinimumWidth(520)
        self.connector = StoreConnector(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.url = QLineEdit(url, self)
        self.url.setPlaceholderText("sqlite:///var/demo.db")
        self.browse = QPushButton(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("store_message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        self.connector.connected.connect(self._connected)
        self.connector.failed.connect(self._failed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Connect to customer store"))
        self.intro.setText(self.tr(
            "The customer store supplies the attributes and events your conditions may use, "
            "and the live audience estimate. Enter a database address or choose a file."))
        self.browse.setText(self.tr("Choose file…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a customer store"), "",
            self.tr("Customer stores (*.db *.sqlite *.sqlite3);;All files (*)"))
        if path:
            self.url.setText(f"sqlite:///{path}")

    def try_connect(self) -> None:
        url = self.url.text().strip()
        if not url:
            self._show_problem(self.tr("Enter the address of a customer store."))
            return
        self.message.setStyleSheet("color: #455a64")
        self.message.setText(self.tr("Opening the store…"))
        self.buttons.setEnabled(False)
        self.connector.open(url)

    def _connected(self, store: Any, url: str, count: int) -> None:
        self.buttons.setEnabled(True)
        self.store_opened.emit(store, url, count)
        self.accept()

    def _failed(self, _url: str, message: str) -> None:
        self.buttons.setEnabled(True)
        self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        self.message.setStyleSheet("color: #b71c1c")
        self.message.setText(message)
