"""`InspectorPanel`: the settings of the selected node, or of the journey.

It reads the journey and reports edits through signals; the document (main
window) applies them as undoable commands and calls `show_node` again. A
re-show of the config the panel itself just reported keeps the form as it is,
so typing is never interrupted.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from nodes.catalog import STANDARD_CATALOG, Catalog
from nodes.describe import describe_config
from nodes.kinds import config_type, kind_label, parse_config
from nodes.meta import JourneyMeta

from ..look import look_for
from .editors import EditorContext, TextEditor
from .estimate import EstimateLabel
from .form import FieldRow, ModelForm, UnionForm, form_for
from .translator import translator_for

JOURNEY_HIDDEN = ("id", "review")  # the id is fixed; review has its own panel


def describe(kind: str, config: Any, lang: str, catalog: Catalog) -> str:
    """A one-line reading of a node."""
    try:
        return describe_config(kind, config, lang, catalog)
    except Exception:  # noqa: BLE001 — a summary is a nicety; never break the panel over it
        return kind_label(kind, lang)


class InspectorPanel(QWidget):
    config_edited = Signal(str, object)
    label_edited = Signal(str, str)
    meta_edited = Signal(object)
    estimate_counted = Signal(object)  # customers matching the shown audience, or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = "en"
        self.catalog: Catalog = STANDARD_CATALOG
        self.store: Any = None
        self.counter: Any = None
        self.journey: Any = None
        self.node_id: str | None = None
        self.mode: str | None = None
        self.shown: Any = None  # the config or meta the form currently holds
        self.form: ModelForm | UnionForm | None = None
        self.label_editor: TextEditor | None = None
        self.estimate: EstimateLabel | None = None
        # (journey, catalog) -> issues; a host that has already validated can share that.
        self.find_issues: Callable[[Any, Catalog], list] | None = None
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #455a64")
        self.issues = QLabel()
        self.issues.setWordWrap(True)
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.issues)
        layout.addWidget(self.scroll_area, 1)
        self.clear()

    # -- public API ------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._reshow()

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._reshow()

    def set_store(self, store: Any, counter: Any = None) -> None:
        """Connect the customer store used for live estimates (None: none)."""
        self.store, self.counter = store, counter
        if self.estimate is not None:
            self.estimate.set_store(store, counter)
            self._request_estimate()

    def clear(self) -> None:
        self.journey, self.node_id, self.mode, self.shown = None, None, None, None
        self.form = self.label_editor = self.estimate = None
        tr = translator_for(self.lang)
        self.title.setText(tr.translate("Inspector", "Nothing selected"))
        self.summary.setText(tr.translate("Inspector", "Select a step on the canvas to edit it."))
        self.scroll_area.setWidget(QWidget())
        self.issues.hide()

    def show_node(self, journey: Any, node_id: str) -> None:
        config = journey.config(node_id)
        if self.mode == "node" and node_id == self.node_id and config == self.shown:
            self.journey = journey  # our own edit coming back: keep the form
            self._sync_label(journey.label(node_id))
            self._show_issues()
            return
        self.journey, self.node_id, self.mode, self.shown = journey, node_id, "node", config
        kind = journey.kind(node_id)
        ctx = self._context(journey)
        content, layout = self._content()
        self.label_editor = TextEditor()
        self.label_editor.set_value(journey.label(node_id))
        self.label_editor.line.setPlaceholderText(kind_label(kind, self.lang))
        self.label_editor.value_changed.connect(self._label_changed)
        layout.addWidget(FieldRow(
            "label", translator_for(self.lang).translate("Inspector", "Step name"), "",
            self.label_editor))
        self.form = form_for(config_type(kind), ctx)
        self.form.set_value(config)
        self.form.value_changed.connect(self._config_changed)
        layout.addWidget(self.form)
        self.estimate = None
        if look_for(kind).estimated_field:
            self.estimate = EstimateLabel(self.lang)
            self.estimate.set_store(self.store, self.counter)
            self.estimate.counted.connect(self.estimate_counted)
            layout.addWidget(self.estimate)
            self._request_estimate()
        layout.addStretch(1)
        self.title.setText(translator_for(self.lang).translate("Inspector", "{kind} step")
                           .format(kind=kind_label(kind, self.lang)))
        self.summary.setText(describe(kind, config, self.lang, self.catalog))
        self.scroll_area.setWidget(content)
        self._show_issues()

    def show_journey(self, journey: Any) -> None:
        if self.mode == "journey" and journey.meta == self.shown:
            self.journey = journey
            self._show_issues()
            return
        self.journey, self.node_id, self.mode, self.shown = journey, None, "journey", journey.meta
        self.label_editor = self.estimate = None
        ctx = self._context(journey)
        content, layout = self._content()
        # Two lines: a long id on one line would widen the whole form.
        tr = translator_for(self.lang)
        ident = QLabel(tr.translate("Inspector", "Journey ID:\n{id}").format(id=journey.meta.id))
        ident.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ident.setStyleSheet("color: gray")
        layout.addWidget(ident)
        self.form = ModelForm(JourneyMeta, ctx, hidden=JOURNEY_HIDDEN)
        self.form.set_value(journey.meta)
        self.form.value_changed.connect(self._meta_changed)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.title.setText(tr.translate("Inspector", "Journey settings"))
        self.summary.setText(journey.meta.name or self._untitled())
        self.scroll_area.setWidget(content)
        self._show_issues()

    # -- internals ---------------------------------------------------------------

    def _context(self, journey: Any) -> EditorContext:
        return EditorContext(self.lang, self.catalog, journey.meta.timezone)

    def _untitled(self) -> str:
        return translator_for(self.lang).translate("Inspector", "Untitled journey")

    def _content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 12, 4)
        return content, layout

    def _reshow(self) -> None:
        journey, node_id, mode = self.journey, self.node_id, self.mode
        self.clear()
        if mode == "node" and journey is not None and node_id in journey:
            self.show_node(journey, node_id)
        elif mode == "journey" and journey is not None:
            self.show_journey(journey)

    def _show_issues(self) -> None:
        """What validation says about the shown step (or the journey as a whole):
        rules that span fields, e.g. split shares adding up to 100."""
        from nodes.validation import Severity, validate

        issues = (self.find_issues or validate)(self.journey, self.catalog)
        mine = sorted((i for i in issues if i.node_id == self.node_id),
                      key=lambda i: i.severity != "error")
        lines = [
            f'<span style="color: {"#b71c1c" if i.severity == Severity.error else "#e65100"}">'
            f'{"✖" if i.severity == Severity.error else "⚠"} {html.escape(i.message(self.lang))}'
            "</span>"
            for i in mine
        ]
        self.issues.setText("<br>".join(lines))
        self.issues.setVisible(bool(lines))

    def _sync_label(self, label: str) -> None:
        editor = self.label_editor
        if editor is not None and editor.get_value() != label and not editor.line.hasFocus():
            editor.set_value(label)

    def _label_changed(self, label: str) -> None:
        if self.node_id is not None:
            self.label_edited.emit(self.node_id, label)

    def _config_changed(self, *_: Any) -> None:
        assert self.form is not None and self.node_id is not None
        model, errors = self.form.validate()
        self.form.show_errors(errors)
        if model is None:
            return
        kind = self.journey.kind(self.node_id)
        config = parse_config(kind, model)
        self.shown = config
        self.summary.setText(describe(kind, config, self.lang, self.catalog))
        self._request_estimate()
        self.config_edited.emit(self.node_id, config)

    def _meta_changed(self, *_: Any) -> None:
        assert isinstance(self.form, ModelForm)
        data = self.form.get_value()
        zone = data.get("timezone")
        if zone and zone != self.form.ctx.timezone:
            # Instants keep their wall time in the newly chosen zone.
            self.form.ctx.timezone = zone
        model, errors = self.form.validate()
        self.form.show_errors(errors)
        if model is None:
            return
        self.shown = model
        self.summary.setText(model.name or self._untitled())
        self.meta_edited.emit(model)

    def _request_estimate(self) -> None:
        if self.estimate is None or self.form is None or self.node_id is None:
            return
        field = look_for(self.journey.kind(self.node_id)).estimated_field
        value = self.shown if isinstance(self.shown, BaseModel) else None
        self.estimate.request(getattr(value, field, None))
