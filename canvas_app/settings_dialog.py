"""The settings dialog: interface language and snapping."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
)

from . import settings


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.language = QComboBox(self)
        self.snap = QCheckBox(self)
        self.language_label = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QFormLayout(self)
        layout.addRow(self.language_label, self.language)
        layout.addRow(self.snap)
        layout.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        current = settings.language_override()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.snap.setChecked(settings.snap_to_grid())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.snap.setText(self.tr("Snap steps to the grid"))
        index = self.language.currentIndex()
        self.language.clear()
        self.language.addItem(self.tr("Same as the system"), "")
        # Each language is named in itself, so anyone can find their own.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, index))

    def chosen_language(self) -> str:
        return self.language.currentData() or ""
