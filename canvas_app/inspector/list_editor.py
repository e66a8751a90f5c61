"""`ModelListEditor`: an ordered list of models (a branch's paths, a split's groups),
each with its own form, moved, removed or duplicated from its header. A path added
or duplicated opens with its name selected, ready to be typed over."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from .editors import EditorContext, ValueEditor, discard
from .translator import translator_for

DUPLICATE, REMOVE = "duplicate", 0


class _ListItem(QFrame):
    def __init__(self, owner: ModelListEditor, form):
        super().__init__()
        self.form = form
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold")
        head.addWidget(self.title, 1)
        tr = translator_for(owner.ctx.lang)
        self.buttons: dict[Any, QToolButton] = {}
        # Words, not a symbol: no copy glyph is in every font an office PC has.
        for text, tip, step in ((tr.translate("Inspector", "Copy"),
                                 tr.translate("Inspector", "Duplicate below"), DUPLICATE),
                                ("↑", tr.translate("Inspector", "Move up"), -1),
                                ("↓", tr.translate("Inspector", "Move down"), 1),
                                ("✕", tr.translate("Inspector", "Remove"), REMOVE)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=step: owner.act(self, s))
            head.addWidget(button)
            self.buttons[step] = button
        layout.addLayout(head)
        layout.addWidget(form)


def _item_words(list_name: str, lang: str) -> tuple[str, str]:
    """The noun for one item of a list field, and the text of its add button."""
    tr = translator_for(lang)
    if list_name == "paths":
        return tr.translate("Inspector", "Path"), tr.translate("Inspector", "+ Add path")
    if list_name == "variants":
        return tr.translate("Inspector", "Group"), tr.translate("Inspector", "+ Add group")
    return tr.translate("Inspector", "Item"), tr.translate("Inspector", "+ Add item")


class ModelListEditor(ValueEditor):
    """An ordered list of models, each with its own form."""

    def __init__(self, name: str, item_type: type[BaseModel], ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.name, self.item_type, self.ctx = name, item_type, ctx
        self.items: list[_ListItem] = []
        self.noun, add = _item_words(name, ctx.lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QVBoxLayout()
        layout.addLayout(self.box)
        self.add_button = QPushButton(add)
        layout.addWidget(self.add_button)
        self.add_button.clicked.connect(self._add_clicked)

    def _add_clicked(self) -> None:
        name = translator_for(self.ctx.lang).translate("Inspector", "{noun} {number}")
        start = {"name": name.format(noun=self.noun, number=len(self.items) + 1)}
        form = self.add_item(start if "name" in self.item_type.model_fields else {})
        self._changed()
        form.focus_input()

    def add_item(self, value: Any, at: int | None = None):
        from .form import ModelForm  # the form builds list editors for list fields

        form = ModelForm(self.item_type, self.ctx, nested=True)
        form.set_value(value)
        form.value_changed.connect(self._changed)
        item = _ListItem(self, form)
        at = len(self.items) if at is None else at
        self.items.insert(at, item)
        self.box.insertWidget(at, item)
        self._retitle()
        return form

    def act(self, item: _ListItem, step: Any) -> None:
        index = self.items.index(item)
        if step == DUPLICATE:
            self._duplicate(index)
            return
        if step == REMOVE:
            self.items.pop(index)
            discard(item)
        else:
            target = index + step
            if not 0 <= target < len(self.items):
                return
            self.items.insert(target, self.items.pop(index))
            self.box.removeWidget(item)
            self.box.insertWidget(target, item)
        self._retitle()
        self._changed()

    def _duplicate(self, index: int) -> None:
        """A copy just below, named so it stays apart (outlets are named by it), with
        its name selected: the usual next step is to say how it differs."""
        value = self.items[index].form.get_value()
        if "name" in value:
            value = {**value, "name": self._copy_name(str(value["name"]))}
        form = self.add_item(value, at=index + 1)
        self._changed()
        form.focus_input()

    def _copy_name(self, name: str) -> str:
        taken = {str(item.form.get_value().get("name")) for item in self.items}
        copy = translator_for(self.ctx.lang).translate("Inspector", "{name} (copy)")
        candidate, number = copy.format(name=name), 2
        while candidate in taken:
            candidate, number = f"{copy.format(name=name)} {number}", number + 1
        return candidate

    def _retitle(self) -> None:
        for index, item in enumerate(self.items):
            item.title.setText(f"{self.noun} {index + 1}")

    def focus_input(self) -> None:
        if self.items:
            self.items[0].form.focus_input()
        else:
            self.add_button.setFocus()

    def get_value(self) -> list[dict]:
        return [item.form.get_value() for item in self.items]

    def set_value(self, value: Any) -> None:
        for item in self.items:
            discard(item)
        self.items = []
        with QSignalBlocker(self):
            for entry in value or []:
                self.add_item(entry)
