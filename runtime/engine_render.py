"""Touch content: Jinja2 templates rendered in a sandbox, customer attributes
as variables. A broken template never stops a journey: the raw text is kept."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment(autoescape=False)


@lru_cache(maxsize=256)
def _compiled(template: str):
    return _ENV.from_string(template)


def render(template: str, attributes: dict[str, Any]) -> str:
    try:
        return _compiled(template).render(**attributes)
    except TemplateError:
        return template


def customer_attributes(row: Any, tag_columns: set[str]) -> dict[str, Any]:
    """A customers row as template/condition variables (tags as a list)."""
    from runtime.store.schema import text_to_tags

    values = dict(row._mapping)
    for name in tag_columns:
        if name in values:
            values[name] = text_to_tags(values[name])
    return values


def apply_update(attrs: dict, cfg: Any, catalog: Any, tz: str) -> None:
    """An update node's changes applied to a customer's attributes (tags as a list)."""
    from nodes.catalog import AttrType
    from runtime.compile import typed_value

    for name, value in cfg.set.items():
        if name in catalog.attributes:
            kind = catalog.attributes[name].type
            attrs[name] = value if kind == AttrType.tags else typed_value(kind, value, tz)
    if cfg.add_tags or cfg.remove_tags:
        tags = [t for t in (attrs.get("tags") or []) if t not in cfg.remove_tags]
        tags += [t for t in cfg.add_tags if t not in tags]
        attrs["tags"] = tags
