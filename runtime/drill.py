"""The customers behind a number: who reached a node or left by an outlet, as a
table (names and phones masked unless asked), a CSV, or a tag on them.

"Reached" counts what the report counts: an enrollment that passed the node
(step log), waits there now, or left the journey there (other than filtered
out). An enrollment is a row: a customer who entered twice can be two rows.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import and_, bindparam, case, exists, func, or_, select, update

from nodes.atomic import atomic_text_file

from .csv_safe import safe_writer
from .disk import plain_disk_full
from .progress import ProgressCallback, no_progress
from .report import UnknownJourney
from .store import Store, schema
from .store.bulk import chunks
from .store.schema import tags_to_text, text_to_tags

PERSONAL = ("name", "phone", "email")  # masked unless the operator's setting says otherwise


def mask(column: str, value: Any) -> Any:
    """张三丰 → 张**, 13812345678 → 138****5678, li@bank.cn → l***@bank.cn."""
    if not isinstance(value, str) or not value or column not in PERSONAL:
        return value
    if column == "email" and "@" in value:
        local, _, domain = value.partition("@")
        return local[:1] + "***@" + domain
    if column == "phone" and len(value) >= 8:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return value[:1] + "*" * max(2, len(value) - 1)


def _where(journey_id: str, node_id: str, outlet: str | None, waiting: bool) -> list[Any]:
    e, log = schema.enrollments, schema.step_log
    mine = [e.c.journey_id == journey_id]
    if waiting:
        return [*mine, e.c.node_id == node_id, e.c.status == "active"]
    passed = [log.c.enrollment_id == e.c.id, log.c.node_id == node_id]
    if outlet is not None:
        return [*mine, exists(select(1).where(*passed, log.c.outlet == outlet))]
    here = and_(e.c.node_id == node_id, or_(e.c.status == "active", and_(
        e.c.status == "exited", e.c.exit_reason != "filtered")))
    return [*mine, or_(exists(select(1).where(*passed)), here)]


def _query(store: Store, journey_id: str, node_id: str, outlet: str | None, waiting: bool):
    if not store.published_versions(journey_id):
        raise UnknownJourney(journey_id)
    e, c = schema.enrollments, store.customers_table()
    personal = [c.c[name] for name in PERSONAL if name in c.c]
    reached = (select(func.max(schema.step_log.c.at))
               .where(schema.step_log.c.enrollment_id == e.c.id,
                      schema.step_log.c.node_id == node_id).scalar_subquery())
    waits_here = and_(e.c.status == "active", e.c.node_id == node_id)
    query = (select(e.c.customer_id, *personal, e.c.id.label("enrollment_id"), e.c.version,
                    e.c.status, e.c.exit_reason, e.c.node_id, e.c.entered_at,
                    reached.label("passed_at"), case((waits_here, e.c.at)).label("due_at"),
                    e.c.converted_at)
             .select_from(e.outerjoin(c, c.c.customer_id == e.c.customer_id))
             .where(*_where(journey_id, node_id, outlet, waiting)))
    return query, [col.name for col in personal]


def customers_at(store: Store, journey_id: str, node_id: str, *, outlet: str | None = None,
                 waiting: bool = False, unmasked: bool = False, limit: int = 1000,
                 offset: int = 0) -> dict[str, Any]:
    """{"total": N, "columns": [...], "rows": [{column: value}]} — the first `limit`
    rows by customer id; `passed_at` is when the enrollment went through the node,
    `due_at` when one waiting there moves on (epoch s, None when it does not apply)."""
    query, personal = _query(store, journey_id, node_id, outlet, waiting)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar()
        rows = conn.execute(query.order_by(schema.enrollments.c.customer_id,
                                           schema.enrollments.c.id)
                            .limit(limit).offset(offset)).mappings().all()
    columns = ["customer_id", *personal, "enrollment_id", "version", "status", "exit_reason",
               "node_id", "entered_at", "passed_at", "due_at", "converted_at"]
    return {"total": total, "columns": columns, "masked": not unmasked,
            "rows": [{k: (v if unmasked else mask(k, v)) for k, v in row.items()}
                     for row in rows]}


def export_customers_at(store: Store, journey_id: str, node_id: str, out: str | os.PathLike,
                        *, outlet: str | None = None, waiting: bool = False,
                        unmasked: bool = False,
                        progress: ProgressCallback = no_progress) -> int:
    """All of them as CSV (instants ISO-8601 in the store's timezone), written whole
    or not at all; masked as the table is. Returns the number of rows."""
    query, personal = _query(store, journey_id, node_id, outlet, waiting)
    path = Path(out)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(path.parent))
    zone = store.policies().zone()
    columns = ["customer_id", *personal, "version", "status", "exit_reason", "node_id",
               "entered_at", "passed_at", "due_at", "converted_at"]
    count = 0
    with plain_disk_full(path), atomic_text_file(path, newline="") as handle:
        writer = safe_writer(handle)
        writer.writerow(columns)
        for row in _stream(store, query):
            writer.writerow([_cell(k, row[k], zone, unmasked) for k in columns])
            count += 1
            if count % 50_000 == 0:
                progress(count, None, "export customers")
    progress(count, count, "export customers")
    return count


def _stream(store: Store, query: Any) -> Iterator[Any]:
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=20_000)
        yield from result.execute(query.order_by(schema.enrollments.c.customer_id)).mappings()


def _cell(column: str, value: Any, zone: Any, unmasked: bool) -> Any:
    if value is None:
        return ""
    if column in ("entered_at", "passed_at", "due_at", "converted_at"):
        return datetime.fromtimestamp(value, zone).isoformat()
    return value if unmasked else mask(column, value)


class TagRefused(ValueError):
    """The tag cannot be added; `message(lang)` says why in the operator's words."""

    TEXT: ClassVar[dict[str, tuple[str, str]]] = {
        "bad_tag": ("标签不能为空，也不能包含“;”", "a tag is a non-empty word without ';'"),
        "no_tags": ("这个客户库的客户没有“标签”列：请先导入带 tags:tags 列的 customers.csv",
                    ("this store's customers have no tags column: import a customers.csv "
                     "with a tags:tags column first"))}

    def __init__(self, code: str) -> None:
        super().__init__(self.TEXT[code][1])
        self.code = code

    def message(self, lang: str = "en") -> str:
        return self.TEXT[self.code][0 if lang.startswith("zh") else 1]


def tag_customers(store: Store, customer_ids: list[str], tag: str) -> int:
    """Add `tag` to each customer's tags (a value from outside the journeys, so it
    has no instant of its own, §4); returns how many customers gained it."""
    tag = tag.strip()
    if not tag or ";" in tag:
        raise TagRefused("bad_tag")
    c = store.customers_table()
    if "tags" not in c.c:
        raise TagRefused("no_tags")
    changed = 0
    with store.engine.begin() as conn:
        for part in chunks(sorted(set(customer_ids))):
            rows = conn.execute(select(c.c.customer_id, c.c.tags)
                                .where(c.c.customer_id.in_(part))).all()
            params = [{"b_id": cid, "b_tags": tags_to_text([*text_to_tags(text), tag])}
                      for cid, text in rows if tag not in text_to_tags(text)]
            if params:
                conn.execute(update(c).where(c.c.customer_id == bindparam("b_id"))
                             .values(tags=bindparam("b_tags")), params)
            changed += len(params)
    return changed
