"""Sent touches waiting for delivery, rendered as they leave.

The engine decides touches (who, which node and channel, when, sent or
suppressed and why); content is rendered here, when a channel adapter takes
the message, with the customer's attributes as they are then. That is when
a real send happens (a simulation sends nothing, so it renders nothing), and
it keeps the engine's per-customer Python to the decisions themselves.
The touch id is the idempotency key passed on to the channel (§7).
`pending_messages` is the app's view; `render_touches` is the dispatcher's
(`runtime.delivery`), which also renders subjects and titles and says why a
template failed for a customer instead of keeping its raw text.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import select

from nodes.catalog import AttrType
from nodes.kinds.touch import CHANNELS_WITH_SUBJECT, CHANNELS_WITH_TITLE
from runtime.plan import Plan, load_plan
from runtime.render import MemoRenderer, TemplateFailed, template_variables
from runtime.store.bulk import chunks
from runtime.store.schema import text_to_tags


class Message(NamedTuple):
    touch_id: int  # idempotency key
    customer_id: str
    journey_id: str
    version: int
    node_id: str
    channel: str
    at: int  # the touch's logical instant
    content: str


class NodeTemplates(NamedTuple):
    template: str
    subject: str | None  # only on channels that have one (email)
    title: str | None  # push, in-app, WeChat


class TouchContent(NamedTuple):
    content: str | None
    subject: str | None
    title: str | None
    error: str | None  # why it could not be rendered for this customer (content is None)
    attributes: dict[str, Any]  # what was read of the customer (templates and `also_read`)


class TemplateBook:
    """Each touch node's templates, read once per published version (a
    version never changes, so a long-lived dispatcher keeps them)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._plans: dict[tuple[str, int], Plan | None] = {}

    def templates(self, journey_id: str, version: int, node_id: str) -> NodeTemplates | None:
        key = (journey_id, version)
        if key not in self._plans:
            row = self.store.journey_version(journey_id, version)
            self._plans[key] = load_plan(row.document, version) if row is not None else None
        plan = self._plans[key]
        if plan is None or node_id not in plan.configs:
            return None
        cfg = plan.config(node_id)
        return NodeTemplates(cfg.template,
                             cfg.subject if cfg.channel in CHANNELS_WITH_SUBJECT else None,
                             cfg.title if cfg.channel in CHANNELS_WITH_TITLE else None)


def pending_messages(store: Any, *, after_id: int = 0, limit: int = 1000) -> list[Message]:
    """Up to `limit` sent, not yet delivered touches with id > `after_id`, in
    id order, each rendered from its own version's template."""
    t = store.tables["touches"]
    book = TemplateBook(store)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.c.id, t.c.customer_id, t.c.journey_id, t.c.version, t.c.node_id,
                   t.c.channel, t.c.at)
            .where(t.c.status == "sent", t.c.delivery_state == "pending", t.c.id > after_id)
            .order_by(t.c.id).limit(limit)).all()
        templates = {r.id: book.templates(r.journey_id, r.version, r.node_id) for r in rows}
        names = _names(t.template for t in templates.values() if t is not None)
        attributes = read_attributes(store, conn, names, {r.customer_id for r in rows})
    render = MemoRenderer()
    return [Message(r.id, r.customer_id, r.journey_id, r.version, r.node_id, r.channel, r.at,
                    render(templates[r.id].template if templates[r.id] else "",
                           attributes.get(r.customer_id, {})))
            for r in rows]


def render_touches(store: Any, conn: Any, rows: Iterable[Any], book: TemplateBook,
                   render: MemoRenderer | None = None, *,
                   also_read: Iterable[str] = ()) -> dict[int, TouchContent]:
    """Content, subject and title of each touch row (id, customer_id,
    journey_id, version, node_id), rendered strictly with the customer's
    attributes now; `also_read` names attributes an adapter needs besides.
    `render` (strict) may be kept between calls: it remembers what it rendered."""
    rows = list(rows)
    nodes = {(r.journey_id, r.version, r.node_id) for r in rows}  # a few, for many touches
    templates = {node: book.templates(*node) for node in nodes}
    texts = [text for t in templates.values() if t is not None for text in t if text]
    names = sorted(set(_names(texts)) | set(also_read))
    attributes = read_attributes(store, conn, names, {r.customer_id for r in rows})
    render = render or MemoRenderer(strict=True)
    done: dict[int, TouchContent] = {}
    for r in rows:
        values = {"customer_id": r.customer_id, **attributes.get(r.customer_id, {})}
        found = templates[r.journey_id, r.version, r.node_id]
        if found is None:
            done[r.id] = TouchContent(None, None, None, "the touch node is no longer in its "
                                      "published version", values)
            continue
        try:
            done[r.id] = TouchContent(
                render(found.template, values),
                render(found.subject, values) if found.subject else None,
                render(found.title, values) if found.title else None, None, values)
        except TemplateFailed as failed:
            done[r.id] = TouchContent(None, None, None, str(failed), values)
    return done


def _names(templates: Iterable[str]) -> list[str]:
    return sorted({n for text in templates for n in template_variables(text)})


def read_attributes(store: Any, conn: Any, names: Iterable[str],
                    customers: set[str]) -> dict[str, dict[str, Any]]:
    """The named attributes per customer (tags as a list); unknown names are skipped."""
    c = store.customers_table()
    columns = [c.c[n] for n in names if n in c.c and n != "customer_id"]
    if not customers or not columns:
        return {}
    catalog = store.catalog().attributes
    tag_columns = {col.name for col in columns
                   if col.name in catalog and catalog[col.name].type == AttrType.tags}
    found: dict[str, dict[str, Any]] = {}
    keys = ["customer_id", *(col.name for col in columns)]
    for part in chunks(sorted(customers)):
        for row in conn.execute(select(c.c.customer_id, *columns)
                                .where(c.c.customer_id.in_(part))):
            values = dict(zip(keys, row, strict=True))  # cheaper than row._mapping
            for name in tag_columns:
                values[name] = text_to_tags(values[name])
            found[row[0]] = values
    return found
