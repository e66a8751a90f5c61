"""The settings dialog: interface language, your name (for comments and review
steps) and snapping."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from . import settings


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.language = QComboBox(self)
        self.snap = QCheckBox(self)
        self.user_name = QLineEdit(self)
        self.user_name.setObjectName("user_name")
        self.user_name_label = QLabel(self)
        self.language_label = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QFormLayout(self)
        layout.addRow(self.language_label, self.language)
        layout.addRow(self.user_name_label, self.user_name)
        layout.addRow(self.snap)
        layout.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        current = settings.language_override()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.snap.setChecked(settings.snap_to_grid())
        self.user_name.setText(settings.user_name())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.snap.setText(self.tr("Snap steps to the grid"))
        self.user_name_label.setText(self.tr("Your name"))
        self.user_name.setToolTip(self.tr("Shown on your comments and review steps; "
                                          "approving needs a name other than the last editor's"))
        index = self.language.currentIndex()
        self.language.clear()
        self.language.addItem(self.tr("Same as the system"), "")
        # Each language is named in itself, so anyone can find their own.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, index))

    def chosen_language(self) -> str:
        return self.language.currentData() or ""
