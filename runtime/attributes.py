"""Customer attributes as Python values (tags as a list), and an update
node's changes applied to them. Shared by the engine's update step, the
outbox and the reference interpreter in the tests."""
from __future__ import annotations

from typing import Any

from nodes.catalog import AttrType
from runtime.compile import typed_value
from runtime.store.schema import text_to_tags


def customer_attributes(row: Any, tag_columns: set[str]) -> dict[str, Any]:
    """A customers row as template/condition variables (tags as a list)."""
    values = dict(row._mapping)
    for name in tag_columns:
        if name in values:
            values[name] = text_to_tags(values[name])
    return values


def apply_update(attrs: dict, cfg: Any, catalog: Any, tz: str) -> None:
    """An update node's changes applied to a customer's attributes (tags as a list)."""
    for name, value in cfg.set.items():
        if name in catalog.attributes:
            kind = catalog.attributes[name].type
            attrs[name] = value if kind == AttrType.tags else typed_value(kind, value, tz)
    if cfg.add_tags or cfg.remove_tags:
        tags = [t for t in (attrs.get("tags") or []) if t not in cfg.remove_tags]
        tags += [t for t in cfg.add_tags if t not in tags]
        attrs["tags"] = tags
