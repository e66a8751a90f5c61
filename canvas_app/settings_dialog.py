"""The settings dialog: interface language, your name (for comments and review
steps), snapping, the SMS price for cost forecasts and whether drill-down
shows customers' names and numbers in full."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
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
        self.sms_price = QDoubleSpinBox(self)
        self.sms_price.setObjectName("sms_price")
        self.sms_price.setRange(0.0, 10.0)
        self.sms_price.setDecimals(3)
        self.sms_price.setSingleStep(0.01)
        self.sms_price_label = QLabel(self)
        self.show_details = QCheckBox(self)
        self.show_details.setObjectName("show_customer_details")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QFormLayout(self)
        layout.addRow(self.language_label, self.language)
        layout.addRow(self.user_name_label, self.user_name)
        layout.addRow(self.snap)
        layout.addRow(self.sms_price_label, self.sms_price)
        layout.addRow(self.show_details)
        layout.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        current = settings.language_override()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.snap.setChecked(settings.snap_to_grid())
        self.user_name.setText(settings.user_name())
        self.sms_price.setValue(settings.message_price("sms"))
        self.show_details.setChecked(settings.show_customer_details())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.snap.setText(self.tr("Snap steps to the grid"))
        self.user_name_label.setText(self.tr("Your name"))
        self.user_name.setToolTip(self.tr("Shown on your comments and review steps; "
                                          "approving needs a name other than the last editor's"))
        self.sms_price_label.setText(self.tr("SMS price per message"))
        self.sms_price.setToolTip(self.tr("Used for the cost forecast of a simulation"))
        self.show_details.setText(self.tr("Show customers' names and phone numbers in full"))
        self.show_details.setToolTip(self.tr("Off: drill-down tables mask them, "
                                             "e.g. 张* and 138****5678"))
        index = self.language.currentIndex()
        self.language.clear()
        self.language.addItem(self.tr("Same as the system"), "")
        # Each language is named in itself, so anyone can find their own.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, index))

    def chosen_language(self) -> str:
        return self.language.currentData() or ""
