"""Read and grow the attribute/event catalog kept in the store.

An attribute is a row of `attribute_catalog` AND a column of `customers`;
both change in the same transaction so they never disagree.
"""
from __future__ import annotations

import json

from sqlalchemy import Connection, insert, inspect, select, text

from nodes.catalog import STANDARD_CATALOG, AttributeDef, Catalog, EventDef

from . import schema


class CatalogError(ValueError):
    """A catalog entry that cannot be stored (bad name, type clash)."""


def read_catalog(conn: Connection) -> Catalog:
    attributes = [
        AttributeDef(name=r.name, type=r.type, label_zh=r.label_zh, label_en=r.label_en,
                     choices=tuple(json.loads(r.choices or "[]")))
        for r in conn.execute(select(schema.attribute_catalog).order_by(
            schema.attribute_catalog.c.name))
    ]
    events = [
        EventDef(name=r.name, label_zh=r.label_zh, label_en=r.label_en,
                 properties=json.loads(r.properties or "{}"))
        for r in conn.execute(select(schema.event_catalog).order_by(schema.event_catalog.c.name))
    ]
    return Catalog.of(sorted(attributes, key=_standard_first(STANDARD_CATALOG.attributes)),
                      sorted(events, key=_standard_first(STANDARD_CATALOG.events)))


def _standard_first(standard: dict):
    """Pickers list the standard entries in their familiar order (name, age, …),
    whether or not a store is connected; the store's own ones follow by name."""
    order = {name: i for i, name in enumerate(standard)}
    return lambda entry: (order.get(entry.name, len(order)), entry.name)


def check_name(name: str, what: str = "attribute") -> None:
    if not schema.NAME_RE.match(name) or name in schema.RESERVED_NAMES:
        raise CatalogError(
            f"'{name}' cannot be an {what} name: use lower-case letters, digits and '_', "
            "starting with a letter (e.g. aum_tier)"
        )


def add_attributes(conn: Connection, attributes: list[AttributeDef]) -> list[AttributeDef]:
    """Add the attributes not yet in the catalog (and their columns).

    An attribute already known with another type is refused: its column
    already holds values of the old type."""
    known = read_catalog(conn).attributes
    added = []
    for attribute in attributes:
        check_name(attribute.name)
        if attribute.name in known:
            if known[attribute.name].type != attribute.type:
                raise CatalogError(
                    f"attribute '{attribute.name}' is already a {known[attribute.name].type}, "
                    f"not a {attribute.type}"
                )
            continue
        if any(a.name == attribute.name for a in added):
            continue
        added.append(attribute)
    if not added:
        return []
    columns = {c["name"] for c in inspect(conn).get_columns("customers")}
    prep = conn.dialect.identifier_preparer
    for attribute in added:
        if attribute.name not in columns:
            column_type = schema.COLUMN_TYPES[attribute.type]().compile(dialect=conn.dialect)
            # Both names were checked against NAME_RE above; quote() adds safety.
            conn.execute(text(
                f"ALTER TABLE {prep.quote('customers')} "
                f"ADD COLUMN {prep.quote(attribute.name)} {column_type}"
            ))
    customers = schema.customers_table([*known.values(), *added])
    for index in schema.refusal_indexes(customers, added):
        index.create(conn, checkfirst=True)
    conn.execute(insert(schema.attribute_catalog), [
        {"name": a.name, "type": str(a.type), "label_zh": a.label_zh, "label_en": a.label_en,
         "choices": json.dumps(list(a.choices), ensure_ascii=False)}
        for a in added
    ])
    return added


def add_events(conn: Connection, events: list[EventDef]) -> list[EventDef]:
    """Add the events not yet in the catalog; new properties of a known event
    are merged into it."""
    known = read_catalog(conn).events
    added = []
    for event in events:
        check_name(event.name, "event")
        old = known.get(event.name)
        if old is None:
            known[event.name] = event
            conn.execute(insert(schema.event_catalog).values(
                name=event.name, label_zh=event.label_zh, label_en=event.label_en,
                properties=json.dumps({k: str(v) for k, v in event.properties.items()},
                                      ensure_ascii=False)))
            added.append(event)
            continue
        extra = {k: v for k, v in event.properties.items() if k not in old.properties}
        if extra:
            merged = {**old.properties, **extra}
            known[event.name] = old.model_copy(update={"properties": merged})
            conn.execute(schema.event_catalog.update()
                         .where(schema.event_catalog.c.name == event.name)
                         .values(properties=json.dumps({k: str(v) for k, v in merged.items()},
                                                       ensure_ascii=False)))
    return added
