"""Forms generated from pydantic models: one row per field, an editor chosen
by the field's type (factory.py). A field pydantic refuses gets its label
marked; the messages themselves (`error_lines`) go to the inspector's message
area, so an error coming or going never moves a control.

`ModelForm` edits one model, `UnionForm` a union discriminated on `type`
(a type switch that rebuilds the variant's fields, carrying over what both
variants share), `ModelListEditor` (list_editor.py) a list of models (paths, variants).
Forms only read and report: they never change a journey.
"""
from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .composite import AlternativesEditor, OptionalEditor
from .condition_leaves import WhereEditor
from .conditions import ConditionBuilder
from .editors import ChoiceEditor, EditorContext, ValueEditor, discard, enum_choices
from .factory import editor_for
from .labels import error_text, field_help, field_label
from .linked_fields import LABEL_WHEN, RELEVANT_WHEN, RESET_WHEN
from .list_editor import ModelListEditor
from .translator import translator_for

LABEL_WIDTH = 150
LABEL_MIN_WIDTH = 84
ERROR_COLOUR = "#c62828"

# Shown after the fields that say what a step does (who may enter comes last).
LAST_FIELDS = ("audience",)


def _wide(editor: ValueEditor) -> bool:
    """Editors that need the panel's full width get their label above them."""
    if isinstance(editor, OptionalEditor):
        return not editor.horizontal
    return isinstance(editor, (ModelForm, UnionForm, ModelListEditor, ConditionBuilder,
                               WhereEditor, AlternativesEditor)) or (
        editor.__class__.__name__ in ("TemplateEditor", "DictEditor", "CronEditor",
                                      "WeekdaysEditor", "MultilineEditor"))


def path_text(loc: tuple, lang: str) -> str:
    """A readable path inside a field, e.g. 第 2 项 · 名称."""
    parts = []
    for step in loc:
        if isinstance(step, int):
            parts.append(translator_for(lang).translate("Inspector", "item {number}")
                         .format(number=step + 1))
        elif step not in ("function-after[_check_time_of_day(), str]",):
            parts.append(field_label(str(step), None, lang))
    return " · ".join(parts)


class FieldRow(QWidget):
    """Label, editor and help line of one field; an error marks the label."""

    def __init__(self, name: str, label: str, help_text: str, editor: ValueEditor):
        super().__init__()
        self.name, self.editor, self.help_text = name, editor, help_text
        self.error_text = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.setSpacing(2)
        self.label = QLabel(label)
        self.label.setToolTip(help_text)
        self.label.setWordWrap(True)
        self.label_style = "font-weight: bold;" if _wide(editor) else ""
        self.label.setStyleSheet(self.label_style)
        if _wide(editor):
            outer.addWidget(self.label)
            outer.addWidget(editor)
        else:
            line = QHBoxLayout()
            # Up to LABEL_WIDTH when there is room; narrower (wrapping) in a narrow dock,
            # so the row never overflows the inspector. Equal stretches keep columns aligned.
            self.label.setMinimumWidth(LABEL_MIN_WIDTH)
            self.label.setMaximumWidth(LABEL_WIDTH)
            line.addWidget(self.label, 2)
            line.addWidget(editor, 3)
            outer.addLayout(line)
        self.help = QLabel(help_text)
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: gray; font-size: 11px")
        outer.addWidget(self.help)
        # Only once it has a parent: shown before, a label is a window of its own, which
        # flashes on screen and takes the focus away from the field being typed in.
        self.help.setVisible(bool(help_text))

    def show_error(self, text: str) -> None:
        """Mark the label (a colour: the row keeps its size) and say why on hover."""
        self.error_text = text
        colour = f" color: {ERROR_COLOUR};" if text else ""
        self.label.setStyleSheet(self.label_style + colour)
        self.label.setToolTip("\n".join(t for t in (text, self.help_text) if t))


def _single_literal(annotation: Any) -> tuple[bool, Any]:
    if get_origin(annotation) is Literal and len(get_args(annotation)) == 1:
        return True, get_args(annotation)[0]
    return False, None


class ModelForm(ValueEditor):
    """Every field of `model_type` (except `hidden`) as a labelled editor."""

    def __init__(self, model_type: type[BaseModel], ctx: EditorContext, nested: bool = False,
                 hidden: tuple[str, ...] = (), parent=None):
        super().__init__(parent)
        self.model_type, self.ctx = model_type, ctx
        self.rows: dict[str, FieldRow] = {}
        self.fixed: dict[str, Any] = {}
        self._base: dict[str, Any] = {}
        self._values: dict[str, Any] = {}  # as shown before the latest edit
        self.last_edited: str | None = None  # the field a person changed last
        self.loose_errors: list[str] = []  # errors of no one field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8 if nested else 0, 0, 0, 0)
        if nested:
            self.setObjectName("nestedForm")
            self.setStyleSheet("#nestedForm { border-left: 2px solid #cfd8dc; }")
        fields = sorted(model_type.model_fields.items(), key=lambda f: f[0] in LAST_FIELDS)
        for name, info in fields:
            if name in hidden:
                continue
            single, value = _single_literal(info.annotation)
            if single:
                self.fixed[info.alias or name] = value
                continue
            editor = editor_for(name, info.annotation, info, ctx)
            row = FieldRow(name, field_label(name, info, ctx.lang),
                           field_help(name, info, ctx.lang), editor)
            self.rows[name] = row
            layout.addWidget(row)
            editor.value_changed.connect(lambda *_, name=name: self._edited(name))
        self._refresh_links()
        self._values = self.get_value()

    def editor(self, name: str) -> ValueEditor:
        return self.rows[name].editor

    def row(self, name: str) -> FieldRow | None:
        return self.rows.get(name)

    def focus_input(self) -> None:
        for row in self.rows.values():
            if not row.isHidden():
                row.editor.focus_input()
                return

    def _key(self, name: str) -> str:
        return self.model_type.model_fields[name].alias or name

    def _edited(self, name: str) -> None:
        self.last_edited = name
        if name in RESET_WHEN:
            self._reset_after(name)
        self._refresh_links()
        self._values = self.get_value()
        self._changed()

    def _reset_after(self, name: str) -> None:
        """A person changed `name`: siblings whose meaning changed with it start afresh."""
        values = RESET_WHEN[name](self._values, self.rows[name].editor.get_value())
        for field, row in self.rows.items():
            key = self._key(field)
            if field != name and key in values and values[key] != self._values.get(key):
                getattr(row.editor, "start_afresh", row.editor.set_value)(values[key])

    def _refresh_links(self) -> None:
        """Keep fields that depend on a sibling in step with it."""
        data = {name: row.editor.get_value() for name, row in self.rows.items()}
        where, event = self.rows.get("where"), self.rows.get("event")
        if where is not None and event is not None and isinstance(where.editor, WhereEditor):
            where.editor.set_event(event.editor.get_value())
        template, channel = self.rows.get("template"), self.rows.get("channel")
        if template is not None and channel is not None and hasattr(template.editor,
                                                                    "set_channel"):
            template.editor.set_channel(channel.editor.get_value())
        for name, (sibling, relevant) in RELEVANT_WHEN.items():
            if name in self.rows and sibling in data:
                self.rows[name].setVisible(relevant(data[sibling]))
        for name, (sibling, label_for) in LABEL_WHEN.items():
            if name in self.rows and sibling in data:
                row = self.rows[name]
                row.label.setText(label_for(data[sibling], self.ctx.lang)
                                  or field_label(name, self.model_type.model_fields[name],
                                                 self.ctx.lang))

    def get_value(self) -> dict:
        data = dict(self._base)
        data.update(self.fixed)
        for name, row in self.rows.items():
            data[self._key(name)] = row.editor.get_value()
        return data

    def set_value(self, value: Any) -> None:
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", by_alias=True)
        self._base = dict(value or {})
        for name, row in self.rows.items():
            key = self._key(name)
            if key in self._base:
                row.editor.set_value(self._base[key])
        self._refresh_links()
        self._values = self.get_value()

    def validate(self) -> tuple[BaseModel | None, list[dict]]:
        try:
            return self.model_type.model_validate(self.get_value()), []
        except ValidationError as exc:
            return None, exc.errors()

    def show_errors(self, errors: list[dict]) -> None:
        lang = self.ctx.lang
        inside = translator_for(lang).translate("Inspector", "{where}: {message}")
        by_field: dict[str, list[str]] = {}
        loose: list[str] = []
        keys = {self._key(name): name for name in self.rows}
        for error in errors:
            loc = tuple(error.get("loc", ()))
            message = error_text(error, lang)
            if loc and loc[0] in keys:
                inner = path_text(loc[1:], lang)
                by_field.setdefault(keys[loc[0]], []).append(
                    inside.format(where=inner, message=message) if inner else message)
            else:
                loose.append(message)
        for name, row in self.rows.items():
            row.show_error("\n".join(by_field.get(name, [])))
        self.loose_errors = loose

    def error_lines(self) -> list[str]:
        """The errors shown, each naming its field: "券批次: 必填"."""
        inside = translator_for(self.ctx.lang).translate("Inspector", "{where}: {message}")
        lines = [inside.format(where=row.label.text(), message=line)
                 for row in self.rows.values() if row.error_text
                 for line in row.error_text.split("\n")]
        return lines + self.loose_errors

    def field_name(self, place: tuple) -> str:
        """What the operator calls a place in this form, e.g. 路径 · 第 2 项 · 名称."""
        if not place or place[0] not in self.rows:
            return path_text(place, self.ctx.lang)
        head = self.rows[place[0]].label.text()
        rest = path_text(place[1:], self.ctx.lang)
        return f"{head} · {rest}" if rest else head


class UnionForm(ValueEditor):
    """A union discriminated on `tag`: a type choice and the variant's form."""

    def __init__(self, union_type: Any, tag: str, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.tag, self.ctx = tag, ctx
        self.variants: dict[str, type[BaseModel]] = {}
        for member in get_args(union_type):
            (value,) = get_args(member.model_fields[tag].annotation)
            self.variants[value] = member
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.type_editor = ChoiceEditor(enum_choices(list(self.variants), ctx.lang))
        self.type_row = FieldRow(tag, field_label(tag, None, ctx.lang), "", self.type_editor)
        layout.addWidget(self.type_row)
        self.form = ModelForm(self.variants[self.type_editor.get_value()], ctx)
        layout.addWidget(self.form)
        self.type_editor.value_changed.connect(self._switched)
        self.form.value_changed.connect(self._changed)

    @property
    def model_type(self) -> type[BaseModel]:
        return self.form.model_type

    def editor(self, name: str) -> ValueEditor:
        return self.form.editor(name)

    def row(self, name: str) -> FieldRow | None:
        return self.type_row if name == self.tag else self.form.row(name)

    def focus_input(self) -> None:
        self.form.focus_input()

    def _replace_form(self, tag_value: str, carried: dict) -> None:
        fresh = ModelForm(self.variants[tag_value], self.ctx)
        fields = fresh.model_type.model_fields
        fresh.set_value({k: v for k, v in carried.items() if k in fields and k != self.tag})
        self.layout().replaceWidget(self.form, fresh)
        discard(self.form)
        self.form = fresh
        fresh.value_changed.connect(self._changed)

    def _switched(self, tag_value: str) -> None:
        # Keep what both variants share (audience, event, where…); the rest starts fresh.
        self._replace_form(tag_value, self.form.get_value())
        self.form.last_edited = self.tag
        self._changed()

    @property
    def last_edited(self) -> str | None:
        return self.form.last_edited

    def error_lines(self) -> list[str]:
        return self.form.error_lines()

    def field_name(self, place: tuple) -> str:
        if place[:1] == (self.tag,):
            return self.type_row.label.text()
        return self.form.field_name(place)

    def get_value(self) -> dict:
        return self.form.get_value()

    def set_value(self, value: Any) -> None:
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", by_alias=True)
        value = dict(value or {})
        tag_value = value.get(self.tag, self.type_editor.get_value())
        if tag_value in self.variants and tag_value != self.type_editor.get_value():
            self.type_editor.set_value(tag_value)
            self._replace_form(tag_value, {})
        self.form.set_value(value)

    def validate(self) -> tuple[BaseModel | None, list[dict]]:
        return self.form.validate()

    def show_errors(self, errors: list[dict]) -> None:
        self.form.show_errors(errors)


def form_for(config_type: Any, ctx: EditorContext) -> ModelForm | UnionForm:
    """The form for a node kind's config type (a model or a discriminated union)."""
    from typing import Annotated

    from pydantic.fields import FieldInfo

    if get_origin(config_type) is Annotated:
        base, *metadata = get_args(config_type)
        for item in metadata:
            if isinstance(item, FieldInfo) and isinstance(item.discriminator, str):
                return UnionForm(base, item.discriminator, ctx)
    return ModelForm(config_type, ctx)
