"""A node kind described once, and the registry every table of kinds is a view of.

Each kind is one `Kind` subclass in a module of its own (Orange's widget
description, NodeGraphQt's one class per node): its config model, labels in
both languages, outlets and which of them may stay unconnected, whether it
takes time, how it reads in plain words and its own validation. The editor,
the file format, validation and the runtime all ask the registry; nothing
else lists the kinds.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from ..catalog import Catalog
from ..registry import Registry, UnknownNameError

if TYPE_CHECKING:
    from ..conditions import AttributeCondition
    from ..durations import Duration

NEXT, REJECTED, EXHAUSTED, ELSE, EVENT, TIMEOUT = (
    "next", "rejected", "exhausted", "else", "event", "timeout",
)


class Config(BaseModel):
    """Base of every kind's config: frozen, and unknown keys are kept so a file
    from a newer build loses nothing (§1)."""
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class NodeBase(BaseModel):
    """What every node of a file carries besides its kind and config."""
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    id: Annotated[str, Field(min_length=1)]
    label: str = ""
    position: tuple[float, float] = (0.0, 0.0)


class Checks(Protocol):
    """What validation offers a kind's own `validate` (nodes.validation._Checker)."""
    catalog: Catalog | None
    journey: Any

    def add(self, code: str, node_id: str | None, severity: str = "error",
            **params: Any) -> None: ...
    def check_condition(self, node_id: str, condition: Any) -> None: ...
    def check_duration(self, node_id: str, duration: Duration | None, field: str) -> None: ...
    def check_event_use(self, node_id: str, event: str,
                        where: list[AttributeCondition]) -> None: ...
    def check_outlet_names(self, node_id: str, names: list[str], reserved: set[str]) -> None: ...


Messages = dict[str, tuple[str, str]]  # issue code → (zh, en) text


class Kind:
    """One node kind. Subclass it, fill the class attributes, override what
    differs from an ordinary one-exit step, and `register()` an instance."""

    name: ClassVar[str]
    priority: ClassVar[int] = 1000  # place in the palette and menus, lowest first
    label_zh: ClassVar[str]
    label_en: ClassVar[str]
    config_type: ClassVar[Any]  # a pydantic model, or an annotated union of them
    entry: ClassVar[bool] = False  # where customers enter: nothing may lead into it
    messages: ClassVar[Messages] = {}  # its own validation texts

    def label(self, lang: str = "en") -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en

    def default_config(self) -> Any:
        """What a freshly dropped node holds: valid in shape, ready to edit."""
        raise NotImplementedError

    def proposed_config(self, lang: str) -> Any:
        """What a node added in an editor working in `lang` holds: the default
        config, with any name it proposes in that language (a branch's first path)."""
        return self.default_config()

    def outlets(self, config: Any) -> list[str]:
        """The named exits, in drawing order."""
        return [NEXT]

    def optional_outlets(self, config: Any) -> set[str]:
        """Outlets whose being unconnected is an ordinary end, never a lost customer."""
        return set()

    def offered_outlets(self, config: Any, connected: set[str]) -> list[str]:
        """The outlets a card offers to connect: all of them, unless the kind leaves
        off one that means nothing in this config (and no line leaves it yet)."""
        return self.outlets(config)

    def unconnected_leads_on(self, config: Any) -> dict[str, str]:
        """Outlets that, left unconnected, continue where another outlet leads."""
        return {}

    def conditions_by_outlet(self, config: Any) -> list[tuple[str, Any]] | None:
        """Who leaves by each outlet, as a condition on the customer at the step's
        instant, in outlet order; None when no condition decides it."""
        return None

    def ending(self, outlet: str) -> tuple[str, str | None]:
        """How an enrollment leaving by an unconnected outlet ends: (status, reason)."""
        return "completed", None

    def takes_time(self, config: Any) -> bool:
        """Always takes time, so a loop through it cannot spin in place."""
        return False

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        """One line of what a node with this config does."""
        return self.label(lang)

    def attributes_read(self, config: Any) -> set[str]:
        """Customer attributes its step decides by (§4: read as of its instant)."""
        return set()

    def attributes_written(self, config: Any) -> set[str]:
        """Customer attributes its step changes."""
        return set()

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        """Add this kind's own issues (journey-wide rules are validation's)."""

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        """Warn about exits that lead nowhere though a customer may take them."""
        optional = self.optional_outlets(config)
        if any(o not in connected and o not in optional for o in self.outlets(config)):
            check.add("step_leads_nowhere", node_id, "warning")


class UnknownKindError(UnknownNameError, ValueError):
    """A kind no module registered (a ValueError, as a bad kind name always was)."""


KINDS: Registry[Kind] = Registry("node kind", lambda k: k.name, UnknownKindError)
register, unregister, kind_of = KINDS.register, KINDS.unregister, KINDS.get


def kinds() -> list[Kind]:
    """Every kind, in palette order (by priority, then as registered)."""
    return sorted(KINDS.items(), key=lambda k: k.priority)


def kind_names() -> list[str]:
    return [k.name for k in kinds()]


def kind_label(kind: str, lang: str = "en") -> str:
    return kind_of(kind).label(lang)


def outlets(kind: str, config: Any) -> list[str]:
    return kind_of(kind).outlets(config)


def optional_outlets(kind: str, config: Any) -> set[str]:
    return kind_of(kind).optional_outlets(config)


def default_config(kind: str) -> Any:
    return kind_of(kind).default_config()


def proposed_config(kind: str, lang: str) -> Any:
    return kind_of(kind).proposed_config(lang)


@lru_cache(maxsize=1)
def _adapters() -> tuple[TypeAdapter, dict[str, TypeAdapter]]:
    """A node's discriminated union and each kind's config adapter, rebuilt
    when the registry changes."""
    nodes = tuple(
        create_model(f"{k.name.title()}Node", __base__=NodeBase,
                     kind=(Literal[k.name], ...), config=(k.config_type, ...))
        for k in KINDS.items())
    union = nodes[0] if len(nodes) == 1 else Annotated[
        tuple_union(nodes), Field(discriminator="kind")]
    configs = {k.name: TypeAdapter(k.config_type) for k in KINDS.items()}
    return TypeAdapter(union), configs


def tuple_union(types: tuple) -> Any:
    from typing import Union

    return Union[types]  # noqa: UP007 - built from the registry at run time


KINDS.changed.append(_adapters.cache_clear)


def node_adapter() -> TypeAdapter:
    """Validates a node of a file: `{"id", "kind", "label", "position", "config"}`."""
    return _adapters()[0]


def config_adapter(kind: str) -> TypeAdapter:
    kind_of(kind)
    return _adapters()[1][kind]


def parse_config(kind: str, data: Any) -> Any:
    """Validate a config (a dict or a model) for `kind`; raises pydantic.ValidationError."""
    if isinstance(data, BaseModel):
        data = dump_config(data)
    return config_adapter(kind).validate_python(data)


def dump_config(config: BaseModel) -> dict:
    return config.model_dump(mode="json", by_alias=True)


def config_type(kind: str) -> Any:
    return kind_of(kind).config_type
