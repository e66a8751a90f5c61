"""The touch template editor: text, insertable variables, a sandboxed preview
for a sample customer, readable errors and an SMS length counter."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from nodes.catalog import AttrType, Catalog
from nodes.sandbox import render_capped, sandbox
from nodes.template_errors import describe_syntax_error

from .editors import EditorContext, narrow_combo
from .translator import translator_for
from .typed_input import TypedEditor

# GSM 03.38 basic set; the extension set costs two septets each.
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsCount:
    units: int  # characters as the network counts them (septets or UTF-16 units)
    segments: int
    unicode: bool  # UCS-2 (Chinese or other non-GSM text)

    @property
    def per_segment(self) -> int:
        single, multi = (70, 67) if self.unicode else (160, 153)
        return single if self.segments <= 1 else multi


def sms_segments(text: str) -> SmsCount:
    """How many SMS a text takes: 70 (then 67 per part) characters with any
    Chinese (UCS-2); 160 (then 153) for pure GSM-7."""
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, multi = 160, 153
        unicode = False
    else:
        units = len(text.encode("utf-16-le")) // 2  # emoji take two units
        single, multi = 70, 67
        unicode = True
    if units == 0:
        segments = 0
    elif units <= single:
        segments = 1
    else:
        segments = math.ceil(units / multi)
    return SmsCount(units, segments, unicode)


_SAMPLE = {
    "customer_id": "C00012345",
    "name": "张伟",
    "gender": "男",
    "age": 32,
    "city": "上海",
    "phone": "138****5678",
    "registered_at": "2026-11-01T10:24:00+08:00",
    "account_opened_at": "2026-11-03T15:02:00+08:00",
    "lifecycle_stage": "新客",
    "aum": 52000,
    "aum_tier": "金卡",
    "risk_level": "R3",
    "is_payroll": True,
    "payroll_day": 15,
    "birthday": "1994-05-18",
    "wealth_maturity_date": "2026-12-15",
    "points": 1280,
    "customer_manager": "李娜",
    "tags": ["年轻", "车主"],
}
_TYPE_SAMPLES = {
    AttrType.string: "示例", AttrType.number: 100, AttrType.bool: True,
    AttrType.date: "2026-12-01", AttrType.datetime: "2026-12-01T09:00:00+08:00",
    AttrType.tags: ["示例"],
}


def sample_customer(catalog: Catalog) -> dict[str, Any]:
    """A plausible customer with every catalog attribute filled in."""
    customer = {name: _TYPE_SAMPLES[a.type] for name, a in catalog.attributes.items()}
    customer.update({k: v for k, v in _SAMPLE.items()})
    for name in customer:
        if name.startswith("consent_"):
            customer[name] = True
    return customer


_ENV = sandbox(undefined=StrictUndefined)


def render_preview(template: str, customer: dict[str, Any], lang: str = "en"
                   ) -> tuple[str | None, str | None]:
    """(rendered text, None) or (None, a readable error)."""
    tr = translator_for(lang)
    try:
        compiled = _ENV.from_string(template)
    except TemplateSyntaxError as exc:
        zh, en = describe_syntax_error(exc)  # nodes explains them in both languages
        return None, tr.translate("Inspector", "Syntax error on line {line}: {reason}").format(
            line=exc.lineno, reason=zh if lang.startswith("zh") else en)
    try:
        # Same variables as the runtime's renderer: the customer's attributes by name.
        return render_capped(compiled, customer), None
    except UndefinedError as exc:
        name = re.search(r"'([^']+)' is undefined", str(exc))
        unknown = name.group(1) if name else str(exc)
        return None, tr.translate("Inspector", "Unknown variable: {name}").format(name=unknown)
    except SecurityError:
        return None, tr.translate("Inspector", "The template does something not allowed.")
    except Exception as exc:  # noqa: BLE001 — any other template failure is the operator's to read
        return None, tr.translate("Inspector", "Preview failed: {error}").format(error=exc)


class TemplateEditor(TypedEditor):
    """Edits a touch template; reports changes a moment after typing stops.

    The preview and a template error share one box of fixed height, so typing
    (which switches between them) never moves the fields below."""

    PREVIEW_LINES = 4

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.channel = "sms"
        self.customer = sample_customer(ctx.catalog)
        lang = ctx.lang
        tr = translator_for(lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(80)
        self.text.setPlaceholderText(tr.translate("Inspector", "e.g. Hello {{ name }}, …"))
        insert_row = QHBoxLayout()
        self.variables = narrow_combo(QComboBox())
        for name, attr in ctx.catalog.attributes.items():
            self.variables.addItem(f"{attr.label(lang)}  {{{{ {name} }}}}", name)
        self.insert_button = QPushButton(tr.translate("Inspector", "Insert"))
        insert_row.addWidget(self.variables, 1)
        insert_row.addWidget(self.insert_button)
        self.preview_title = QLabel(tr.translate("Inspector",
                                                 "Preview for a sample customer (张伟):"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setFrameShape(QFrame.Shape.NoFrame)
        lines = self.preview.fontMetrics().lineSpacing() * self.PREVIEW_LINES
        self.preview.setFixedHeight(lines + 2 * self.preview.frameWidth() + 8)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: gray")
        for widget in (self.text, self.preview_title, self.preview, self.counter):
            layout.addWidget(widget)
        layout.insertLayout(1, insert_row)
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)
        self.insert_button.clicked.connect(self.insert_variable)
        self._refresh()
        self._settled()

    def set_channel(self, channel: str) -> None:
        self.channel = str(getattr(channel, "value", channel))
        self._refresh()

    def focus_input(self) -> None:
        self.text.setFocus(Qt.FocusReason.TabFocusReason)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def insert_variable(self) -> None:
        name = self.variables.currentData()
        self.text.insertPlainText(f"{{{{ {name} }}}}")
        self.text.setFocus()

    def eventFilter(self, watched, event) -> bool:
        # Leaving the text (e.g. clicking another step) reports at once, not after the pause.
        if watched is self.text and event.type() == event.Type.FocusOut:
            self._left()
        return False

    def _typed(self, *_: Any) -> None:
        self._refresh()
        super()._typed()

    @property
    def error(self) -> str:
        """What is wrong with the template as typed ("" when it renders)."""
        return self._problem or ""

    def _refresh(self) -> None:
        lang = self.ctx.lang
        rendered, problem = render_preview(self.get_value(), self.customer, lang)
        self._problem = problem
        self.preview.setPlainText(rendered if rendered is not None else problem or "")
        self.preview.setStyleSheet(
            "background: #f5f5f5;" + (" color: #c62828;" if problem else ""))
        self.counter.setVisible(self.channel == "sms")
        count = sms_segments(rendered if rendered is not None else self.get_value())
        tr = translator_for(lang)
        if count.unicode:
            template = tr.translate(
                "Inspector", "{units} characters · {segments} SMS ({per} per SMS, Chinese text)")
        else:
            template = tr.translate("Inspector", "{units} characters · {segments} SMS ({per} per SMS)")
        self.counter.setText(template.format(units=count.units, segments=count.segments,
                                             per=count.per_segment))
        self.sms_count = count

    def get_value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.text):
            self.text.setPlainText(str(value or ""))
        self._refresh()
        self._settled()
