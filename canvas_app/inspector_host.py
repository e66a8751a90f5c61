"""Hosts the inspector and turns its edits into commands."""
from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from nodes.errors import JourneyError
from nodes.validation import validate

from .inspector import InspectorPanel
from .inspector.field_edit import FieldEdit


class InspectorHost(QWidget):
    edit_refused = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.lang = "en"
        self.node_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panel = InspectorPanel(self)
        layout.addWidget(self.panel)
        self.panel.config_edited.connect(self._config_edited)
        self.panel.label_edited.connect(self._label_edited)
        self.panel.meta_edited.connect(self._meta_edited)
        self.panel.find_issues = self._issues

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.panel.set_language(lang)

    def show_selection(self, node_ids: list[str]) -> None:
        journey = self.document.journey
        if len(node_ids) == 1 and node_ids[0] in journey:
            self.node_id = node_ids[0]
            self.panel.show_node(journey, self.node_id)
        else:
            self.node_id = None
            self.panel.show_journey(journey)

    def refresh(self, rebuild: bool = False) -> None:
        """Show the document as it now is (after an undo, say), unless the user is typing
        in the inspector: rebuilding the form under the cursor would lose their place,
        so then only its messages are checked again. `rebuild`: even so (Edit ▸ Undo
        while a field has the focus must show the value undone)."""
        focus = QApplication.focusWidget()
        if rebuild:
            self.panel.clear()  # a form showing what was, even in the field being typed in
        elif focus is not None and self.panel.isAncestorOf(focus):
            self.panel.show_issues()
            return
        journey = self.document.journey
        if self.node_id is not None and self.node_id in journey:
            self.panel.show_node(journey, self.node_id)
        else:
            self.node_id = None
            self.panel.show_journey(journey)

    def _issues(self, journey, catalog) -> list:
        # The document keeps the issues of its current state: no second validation.
        # A blank journey is a beginning, not an error (the canvas says how to start).
        if not journey.graph:
            return []
        if journey is self.document.journey:
            return self.document.issues(catalog)
        return validate(journey, catalog)

    def _guard(self, action) -> None:
        try:
            action()
        except (ValidationError, JourneyError, ValueError) as exc:
            message = exc.message(self.lang) if isinstance(exc, JourneyError) else str(exc)
            self.edit_refused.emit(message)

    def _current(self) -> bool:
        # Typing reported as the panel turns to another journey (File ▸ New, say)
        # belongs to the one that is gone.
        return self.panel.journey is self.document.journey

    def _config_edited(self, node_id: str, config, edit: FieldEdit | None = None) -> None:
        if self._current():
            self._guard(lambda: self.document.set_config(node_id, config, *_named(edit, node_id)))

    def _label_edited(self, node_id: str, label: str, edit: FieldEdit | None = None) -> None:
        if self._current():
            self._guard(lambda: self.document.set_label(node_id, label, *_named(edit, node_id)))

    def _meta_edited(self, meta, edit: FieldEdit | None = None) -> None:
        if self._current():
            self._guard(lambda: self.document.set_meta(meta, *_named(edit, None)))


def _named(edit: FieldEdit | None, owner: str | None) -> tuple[str | None, tuple | None]:
    """The undo step's name and merge key of an edit (None, None: a step of its own)."""
    return (None, None) if edit is None else (edit.text, edit.merge_key(owner))
