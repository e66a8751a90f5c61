"""Type → editor: picks the editor for a pydantic field from its annotation.

A field gets its editor from its type (str, int, bool, StrEnum, Literal,
Duration, datetime, nested model, list of models, condition, unions…), so a
new config field shows up with no form code. A few field names carry meaning
the type cannot (an `event: str` is an event name, `cron` a repeat rule);
`Field(json_schema_extra={"editor": "event"})` asks for the same on any field.
"""
from __future__ import annotations

import types
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import AwareDatetime, BaseModel, NaiveDatetime
from pydantic.fields import FieldInfo
from PySide6.QtCore import QT_TRANSLATE_NOOP

from nodes.catalog import AttrType
from nodes.conditions import AllCondition, AttributeCondition
from nodes.durations import Duration, _check_time_of_day

from .composite import AlternativesEditor, OptionalEditor
from .editors import (
    INT_LIMIT,
    BoolEditor,
    ChoiceEditor,
    EditorContext,
    FloatEditor,
    IntEditor,
    JsonEditor,
    MultilineEditor,
    NumberEditor,
    StringListEditor,
    TextEditor,
    ValueEditor,
    enum_choices,
)
from .labels import choice_label
from .time_editors import (
    CronEditor,
    DateEditor,
    DateTimeEditor,
    DurationEditor,
    TimeOfDayEditor,
    WeekdaysEditor,
)
from .translator import CONTEXT, translator_for

NoneType = type(None)

# zone -> its name for the operator
TIME_ZONES = {
    "Asia/Shanghai": QT_TRANSLATE_NOOP("Inspector", "China"),
    "Asia/Hong_Kong": QT_TRANSLATE_NOOP("Inspector", "Hong Kong"),
    "Asia/Taipei": QT_TRANSLATE_NOOP("Inspector", "Taipei"),
    "Asia/Singapore": QT_TRANSLATE_NOOP("Inspector", "Singapore"),
    "Asia/Tokyo": QT_TRANSLATE_NOOP("Inspector", "Tokyo"),
    "UTC": QT_TRANSLATE_NOOP("Inspector", "UTC"),
    "Europe/London": QT_TRANSLATE_NOOP("Inspector", "London"),
    "America/New_York": QT_TRANSLATE_NOOP("Inspector", "New York"),
}


def _zone_choices(lang: str) -> list[tuple[str, str]]:
    tr = translator_for(lang)
    shown = tr.translate("Inspector", "{name} ({zone})")
    return [(zone, shown.format(name=tr.translate(CONTEXT, name), zone=zone))
            for zone, name in TIME_ZONES.items()]


def _hinted(hint: str, ctx: EditorContext) -> ValueEditor | None:
    from .condition_leaves import WhereEditor
    from .pickers import AttributePicker, DictEditor, EventPicker
    from .template_editor import TemplateEditor

    builders = {
        "event": lambda: EventPicker(ctx),
        "attribute": lambda: AttributePicker(ctx, (AttrType.date, AttrType.datetime)),
        "cron": lambda: CronEditor(ctx.lang, ctx.zone.key),
        "weekdays": lambda: WeekdaysEditor(ctx.lang),
        "template": lambda: TemplateEditor(ctx),
        "where": lambda: WhereEditor(ctx),
        "set": lambda: DictEditor(ctx),
        "description": lambda: MultilineEditor(),
        "timezone": lambda: ChoiceEditor(_zone_choices(ctx.lang)),
    }
    build = builders.get(hint)
    return build() if build else None


# field name -> the annotation it must have for the name to mean the hint
_NAME_HINTS: dict[str, Any] = {
    "event": str, "attribute": str, "cron": str, "template": str, "description": str,
    "timezone": str, "weekdays": list, "where": list, "set": dict,
}


# Durations offered as 1 h / 1 d / 3 d / 7 d at a click: how long a wait lasts, how long
# it waits for an action. (A goal's window or a cooldown is rarer and mostly longer.)
PRESET_DURATIONS = ("duration", "timeout")


def _flat_args(annotation: Any) -> list[Any]:
    """Union members, with Annotated wrappers taken off, recursively."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _flat_args(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [a for arg in get_args(annotation) for a in _flat_args(arg)]
    return [annotation]


def is_condition(annotation: Any) -> bool:
    members = _flat_args(annotation)
    return AllCondition in members and AttributeCondition in members


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_constraints(item.metadata))
        for key, kind in (("ge", annotated_types.Ge), ("gt", annotated_types.Gt),
                          ("le", annotated_types.Le), ("lt", annotated_types.Lt)):
            if isinstance(item, kind):
                found[key] = getattr(item, key)
        if getattr(item, "func", None) is _check_time_of_day:
            found["time_of_day"] = True
    return found


def _discriminator(metadata: list[Any]) -> str | None:
    for item in metadata:
        if isinstance(item, FieldInfo) and isinstance(item.discriminator, str):
            return item.discriminator
    return None


def _is_number(annotation: Any) -> bool:
    return annotation in (int, float)


def editor_for(name: str, annotation: Any, info: FieldInfo | None,
               ctx: EditorContext) -> ValueEditor:
    """The editor for field `name` of type `annotation`."""
    extra = info.json_schema_extra if info is not None else None
    hint = extra.get("editor") if isinstance(extra, dict) else None
    members = [a for a in _flat_args(annotation) if a is not NoneType]
    kinds = {get_origin(a) or a for a in members}
    if hint is None and name in _NAME_HINTS and kinds == {_NAME_HINTS[name]}:
        hint = name
    if hint is not None and (editor := _hinted(str(hint), ctx)) is not None:
        return editor
    return _editor_for_type(name, annotation, list(info.metadata) if info else [], ctx)


def _editor_for_type(name: str, annotation: Any, metadata: list[Any],
                     ctx: EditorContext) -> ValueEditor:
    from .conditions import ConditionBuilder
    from .form import ModelForm, UnionForm
    from .list_editor import ModelListEditor

    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        if (tag := _discriminator(more)) is not None:
            return UnionForm(base, tag, ctx)
        return _editor_for_type(name, base, metadata + more, ctx)
    if is_condition(annotation):
        return ConditionBuilder(ctx, optional=NoneType in _flat_args(annotation))
    if origin in (Union, types.UnionType):
        return _union_editor(name, annotation, metadata, ctx)
    if origin is Literal:
        return ChoiceEditor(enum_choices(list(get_args(annotation)), ctx.lang))
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        item_base = get_args(item)[0] if get_origin(item) is Annotated else item
        if isinstance(item_base, type) and issubclass(item_base, BaseModel):
            return ModelListEditor(name, item_base, ctx)
        return StringListEditor(ctx.lang, item_base if _is_number(item_base) else str)
    if origin is dict:
        return _hinted("set", ctx)  # type: ignore[return-value]
    if not isinstance(annotation, type):
        return JsonEditor()
    limits = _constraints(metadata)
    if issubclass(annotation, Enum):
        return ChoiceEditor(enum_choices(list(annotation), ctx.lang))
    if annotation is bool:
        return BoolEditor()
    if annotation is int:
        low = limits.get("ge", limits["gt"] + 1 if "gt" in limits else -INT_LIMIT)
        high = limits.get("le", limits["lt"] - 1 if "lt" in limits else INT_LIMIT)
        return IntEditor(int(low), int(high))
    if annotation is float:
        return FloatEditor(float(limits.get("ge", -1e12)), float(limits.get("le", 1e12)))
    if annotation is str:
        return TimeOfDayEditor() if limits.get("time_of_day") else TextEditor()
    if issubclass(annotation, datetime) or annotation in (AwareDatetime, NaiveDatetime):
        return DateTimeEditor(ctx)
    if issubclass(annotation, date):
        return DateEditor()
    if issubclass(annotation, Duration):
        return DurationEditor(ctx.lang, presets=name in PRESET_DURATIONS)
    if issubclass(annotation, BaseModel):
        return ModelForm(annotation, ctx, nested=True)
    return JsonEditor()


def _union_editor(name: str, annotation: Any, metadata: list[Any],
                  ctx: EditorContext) -> ValueEditor:
    args = list(get_args(annotation))
    optional = NoneType in args
    rest = [a for a in args if a is not NoneType]
    bases = [get_args(a)[0] if get_origin(a) is Annotated else a for a in rest]
    inner: ValueEditor
    if len(rest) == 1:
        if bases[0] is str:
            return TextEditor(empty_is_none=optional)
        inner = _editor_for_type(name, rest[0], metadata, ctx)
    elif all(_is_number(b) for b in bases):
        inner = NumberEditor(minimum=0 if name in ("amount", "budget") else -1e12)
    else:
        return _alternatives(name, args, ctx)
    if not optional:
        return inner
    from .form import ModelForm

    return OptionalEditor(inner, translator_for(ctx.lang).translate("Inspector", "Use"),
                          horizontal=not isinstance(inner, ModelForm))


def _alternatives(name: str, args: list[Any], ctx: EditorContext) -> ValueEditor:
    """A union like `"never" | "after_exit" | Cooldown`: pick one shape."""
    choices: list[tuple[str, Any, ValueEditor | None]] = []
    for arg in args:
        if arg is NoneType:
            choices.append((choice_label("none", ctx.lang), None, None))
        elif get_origin(arg) is Literal:
            choices += [(choice_label(v, ctx.lang), v, None) for v in get_args(arg)]
        else:
            base = get_args(arg)[0] if get_origin(arg) is Annotated else arg
            label = choice_label(getattr(base, "__name__", str(base)), ctx.lang)
            choices.append((label, None, _editor_for_type(name, arg, [], ctx)))
    return AlternativesEditor(choices)
