"""`InspectorPanel`: the settings of the selected node, or of the journey.

It reads the journey and reports edits through signals, each with a
`FieldEdit` saying which field changed; the document (main window) applies
them as undoable commands and calls `show_node` again. A re-show of the config
the panel itself just reported keeps the form as it is, so typing is never
interrupted. Typed values are reported as they are typed (editors.TypedEditor);
whatever is still waiting is reported before the form changes or is left.

The title, the summary and the messages sit above the form in boxes of fixed
height, so nothing the operator's edits change there moves the form.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from nodes.catalog import STANDARD_CATALOG, Catalog
from nodes.describe import describe_config
from nodes.kinds import config_type, dump_config, kind_label, kind_of, parse_config
from nodes.meta import JourneyMeta

from ..look import look_for
from .editors import EditorContext, TextEditor
from .estimate import EstimateLabel
from .field_edit import FieldEdit, changed_place
from .form import FieldRow, ModelForm, UnionForm, form_for
from .message_area import ERROR, LinesLabel, MessageArea
from .path_estimates import PathEstimates
from .translator import translator_for
from .typed_input import TypingPause

JOURNEY_HIDDEN = ("id", "review")  # the id is fixed; review has its own panel


def describe(kind: str, config: Any, lang: str, catalog: Catalog) -> str:
    """A one-line reading of a node."""
    try:
        return describe_config(kind, config, lang, catalog)
    except Exception:  # noqa: BLE001 — a summary is a nicety; never break the panel over it
        return kind_label(kind, lang)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return dump_config(value)
    return value


class InspectorPanel(QWidget):
    config_edited = Signal(str, object, object)  # node id, config, FieldEdit
    label_edited = Signal(str, str, object)  # node id, label, FieldEdit
    meta_edited = Signal(object, object)  # meta, FieldEdit
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
        self.path_estimates: PathEstimates | None = None  # a branch's, per path
        self.form_errors: list[str] = []  # what the form refuses, naming the field
        # Counts the fields left: edits of one field in one go merge into one undo step.
        self.edit_session = 0
        self._replacing = False  # the form is being swapped: focus moves mean nothing
        # (journey, catalog) -> issues; a host that has already validated can share that.
        self.find_issues: Callable[[Any, Catalog], list] | None = None
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold")
        self.summary = LinesLabel(2)
        self.summary.setStyleSheet("color: #455a64")
        self.issues = MessageArea()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.issues)
        layout.addWidget(self.scroll_area, 1)
        QApplication.instance().focusChanged.connect(self._focus_moved)
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
        for estimate in (self.estimate, self.path_estimates):
            if estimate is not None:
                estimate.set_store(store, counter)
        self._request_estimate()

    def flush_typing(self) -> None:
        """Report at once what was typed and still waits for the typing pause."""
        content = self.scroll_area.widget()
        if content is not None:
            for pause in content.findChildren(TypingPause):
                pause.flush()

    def clear(self) -> None:
        self.flush_typing()
        self.journey, self.node_id, self.mode, self.shown = None, None, None, None
        self.form = self.label_editor = self.estimate = self.path_estimates = None
        self.form_errors = []
        tr = translator_for(self.lang)
        self.title.setText(tr.translate("Inspector", "Nothing selected"))
        self.summary.set_full_text(
            tr.translate("Inspector", "Select a step on the canvas to edit it."))
        self._set_content(QWidget())
        self.issues.show_messages([], "")

    def show_node(self, journey: Any, node_id: str) -> None:
        config = journey.config(node_id)
        if self.mode == "node" and node_id == self.node_id and config == self.shown:
            self.journey = journey  # our own edit coming back: keep the form
            self._sync_label(journey.label(node_id))
            self.show_issues()
            return
        self._start_over()
        self.journey, self.node_id, self.mode, self.shown = journey, node_id, "node", config
        kind = journey.kind(node_id)
        ctx = self._context(journey)
        ctx.event_window = look_for(kind).event_window
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
        self.path_estimates = None
        if kind_of(kind).conditions_by_outlet(config) is not None:
            self.path_estimates = PathEstimates(kind, self.lang)
            self.path_estimates.set_store(self.store, self.counter)
            layout.addWidget(self.path_estimates)
        self._request_estimate()
        layout.addStretch(1)
        self.title.setText(translator_for(self.lang).translate("Inspector", "{kind} step")
                           .format(kind=kind_label(kind, self.lang)))
        self.summary.set_full_text(describe(kind, config, self.lang, self.catalog))
        self._set_content(content)
        self.show_issues()

    def show_journey(self, journey: Any) -> None:
        if self.mode == "journey" and journey.meta == self.shown:
            self.journey = journey
            self.show_issues()
            return
        self._start_over()
        self.journey, self.node_id, self.mode, self.shown = journey, None, "journey", journey.meta
        self.label_editor = self.estimate = self.path_estimates = None
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
        self.summary.set_full_text(journey.meta.name or self._untitled())
        self._set_content(content)
        self.show_issues()

    def focus_first_field(self) -> bool:
        """Put the cursor in the field a person fills first in the step shown: the
        first of its look's `first_fields` the form shows (an SMS its text, a coupon
        its batch). False when there is none."""
        if self.mode != "node" or self.form is None:
            return False
        for name in look_for(self.journey.kind(self.node_id)).first_fields:
            row = self.form.row(name)
            if row is not None and not row.isHidden():
                row.editor.focus_input()
                self.scroll_area.ensureWidgetVisible(row)
                return True
        return False

    def show_issues(self) -> None:
        """What the form refuses, then what validation says about the shown step (or
        the journey as a whole): rules that span fields, e.g. split shares adding up
        to 100. Asked again after every applied change, so it is never stale."""
        from nodes.validation import Severity, validate

        messages = [(ERROR, line) for line in self.form_errors]
        if self.journey is not None:
            issues = (self.find_issues or validate)(self.journey, self.catalog)
            mine = sorted((i for i in issues if i.node_id == self.node_id),
                          key=lambda i: i.severity != Severity.error)
            messages += [(str(i.severity), i.message(self.lang)) for i in mine]
        tr = translator_for(self.lang)
        none = (tr.translate("Inspector", "No problems in this step.") if self.mode == "node"
                else tr.translate("Inspector", "No problems in the journey settings.")
                if self.mode == "journey" else "")
        self.issues.show_messages(messages, none)

    # -- internals ---------------------------------------------------------------

    def _start_over(self) -> None:
        """Before another form replaces this one: what was typed is reported first."""
        self.flush_typing()
        self.edit_session += 1
        self.form_errors = []

    def _set_content(self, content: QWidget) -> None:
        # The old form goes (and focus with it) only after what was typed is reported.
        self._replacing = True
        try:
            self.scroll_area.setWidget(content)
        finally:
            self._replacing = False

    def _focus_moved(self, old: QWidget | None, _new: QWidget | None) -> None:
        if self._replacing:
            return
        if old is not None and self.isAncestorOf(old):  # a field was left
            self.flush_typing()
            self.edit_session += 1

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

    def _sync_label(self, label: str) -> None:
        editor = self.label_editor
        if editor is not None and editor.get_value() != label and not editor.line.hasFocus():
            editor.set_value(label)

    def _step_name(self) -> str:
        return (self.journey.label(self.node_id)
                or kind_label(self.journey.kind(self.node_id), self.lang))

    def _edit(self, owner: str, place: tuple) -> FieldEdit:
        tr = translator_for(self.lang)
        field = (tr.translate("Inspector", "Step name") if place == ("label",)
                 else self.form.field_name(place))
        text = tr.translate("Inspector", "“{step}”: {field}").format(step=owner, field=field)
        return FieldEdit(text, place, self.edit_session)

    def _place(self, old: Any, new: Any) -> tuple:
        """The field a person changed last, down to the list item and its field."""
        old, new = _plain(old) or {}, _plain(new) or {}
        top = self.form.last_edited if self.form is not None else None
        if top is None:
            return changed_place(old, new)
        return (top, *changed_place(old.get(top), new.get(top)))

    def _label_changed(self, label: str) -> None:
        if self.node_id is not None:
            edit = self._edit(self._step_name(), ("label",))
            self.label_edited.emit(self.node_id, label, edit)
            self.show_issues()

    def _check_form(self) -> Any:
        """The form's value as a model, or None with the errors shown."""
        assert self.form is not None
        model, errors = self.form.validate()
        self.form.show_errors(errors)
        self.form_errors = self.form.error_lines()
        if model is None:
            self.show_issues()
        return model

    def _config_changed(self, *_: Any) -> None:
        assert self.node_id is not None
        model = self._check_form()
        if model is None:
            return
        kind = self.journey.kind(self.node_id)
        config = parse_config(kind, model)
        edit = self._edit(self._step_name(), self._place(self.shown, config))
        self.shown = config
        self.summary.set_full_text(describe(kind, config, self.lang, self.catalog))
        self._request_estimate()
        self.config_edited.emit(self.node_id, config, edit)
        self.show_issues()

    def _meta_changed(self, *_: Any) -> None:
        assert isinstance(self.form, ModelForm)
        data = self.form.get_value()
        zone = data.get("timezone")
        if zone and zone != self.form.ctx.timezone:
            # Instants keep their wall time in the newly chosen zone.
            self.form.ctx.timezone = zone
        model = self._check_form()
        if model is None:
            return
        place = self._place(self.shown.dump() if self.shown else {}, model.dump())
        edit = self._edit(translator_for(self.lang).translate("Inspector", "Journey settings"),
                          place)
        self.shown = model
        self.summary.set_full_text(model.name or self._untitled())
        self.meta_edited.emit(model, edit)
        self.show_issues()

    def _request_estimate(self) -> None:
        if self.form is None or self.node_id is None:
            return
        value = self.shown if isinstance(self.shown, BaseModel) else None
        if self.estimate is not None:
            field = look_for(self.journey.kind(self.node_id)).estimated_field
            self.estimate.request(getattr(value, field, None))
        if self.path_estimates is not None and value is not None:
            self.path_estimates.request(value)
