"""Events from outside, checked by one parser whichever way they come in
(events.csv, a JSON-lines file, `serve-events`), and stored all or nothing.

An event is `customer_id`, `event` (its name), `ts` (ISO-8601 with offset:
when it happened) and optional `properties` (a flat JSON object). Its
customer need not be in the store yet (customers may be imported later);
such events are counted. An event arrives when its row is stored: stored
after the runtime's clock passed its `ts`, it is late and changes nothing
(journey-semantics §4); those are counted too.

Writing takes one short transaction: everything is checked before it, and
it holds only the inserts (and the catalog entries of new events).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import column, select, table
from sqlalchemy import text as sql

from nodes.catalog import AttrType, Catalog, EventDef
from nodes.strict_json import printable

from .disk import plain_disk_full, store_path
from .import_common import (
    MAX_DEPTH,
    ImportFileError,
    ImportResult,
    Problems,
    RowError,
    bad_value,
    loads_strict,
    parse_instant,
)
from .progress import ProgressCallback, no_progress
from .store import Store, bulk, catalog_io, dumps_properties, schema

EVENT_FIELDS = ("customer_id", "event", "ts", "properties")
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
BATCH = 50_000
# PostgreSQL hands out ids before commit, and the runtime reads new events by
# id: two intakes committing out of order could let a tick pass an id still
# uncommitted. One intake writer at a time keeps their ids in commit order.
INTAKE_LOCK = 0x4A434556


class EventBatch:
    """Events checked one at a time (`add`), problems kept, stored together."""

    def __init__(self, catalog: Catalog, place: str = "column") -> None:
        self.problems = Problems(place)
        self.rows: list[tuple[str, str, int, str | None]] = []
        self._stored = {name: dict(e.properties) for name, e in catalog.events.items()}
        self._types = {name: dict(props) for name, props in self._stored.items()}

    def add(self, line: int, customer_id: Any, event: Any, ts: Any, properties: Any) -> None:
        """One event; a CSV row's cells or a JSON object's values (None: absent)."""
        before = len(self.problems.errors) + self.problems.more
        customer = _text(self.problems, line, "customer_id", customer_id)
        name = _text(self.problems, line, "event", event)
        if name and not schema.NAME_RE.match(name):
            self.problems.add(line, "event", *bad_value(
                "not an event name", "不是有效的事件名", "lower-case letters, digits and '_'",
                "小写字母、数字和下划线", name).args)
            name = None
        instant = None
        ts_text = _text(self.problems, line, "ts", ts)
        if ts_text:
            try:
                instant = parse_instant(ts_text)
            except ValueError as exc:
                self.problems.add(line, "ts", *exc.args)
        if properties is None:
            properties = {}
        if not isinstance(properties, dict):
            self.problems.add(line, "properties", "must be a JSON object like {\"amount\": 100}",
                              "必须是 JSON 对象，例如 {\"amount\": 100}")
        elif name:
            self._check_types(line, name, properties)
        if len(self.problems.errors) + self.problems.more == before:
            self.rows.append((customer, name, instant, dumps_properties(properties)))

    def _check_types(self, line: int, name: str, properties: dict) -> None:
        """Each property keeps one type per event, as the catalog records it."""
        types = self._types.setdefault(name, {})
        for key, value in properties.items():
            if value is None:
                continue
            kind = _json_type(value)
            if kind is None or not schema.NAME_RE.match(key):
                self.problems.add(line, "properties", f"property '{printable(key)[:64]}' must be "
                                  "a number, text or true/false with a plain name",
                                  f"属性「{printable(key)[:64]}」必须是数字、文本或布尔值")
            elif types.setdefault(key, kind) != kind:
                self.problems.add(line, "properties", f"property '{key}' of '{name}' must be a "
                                  f"{types[key]}, not a {kind}",
                                  f"事件「{name}」的属性「{key}」应为 {types[key]}，而不是 {kind}")

    def catalog_changes(self) -> list[EventDef]:
        """New events, and known events with new properties."""
        return [EventDef(name=name, label_zh=name, label_en=name, properties=types)
                for name, types in self._types.items() if types != self._stored.get(name)]


def _text(problems: Problems, line: int, field: str, value: Any) -> str | None:
    """A required text value, stripped; None (with the problem said) if it is not one."""
    if value is None:
        problems.add(line, field, f"{field} is missing", f"缺少 {field}")
    elif not isinstance(value, str):
        problems.add(line, field, f"{field} must be text, not {_json_name(value)}",
                     f"{field} 必须是文本，而不是{_json_name(value, 'zh')}")
    elif not value.strip():
        problems.add(line, field, f"{field} is empty", f"{field} 为空")
    else:
        return value.strip()
    return None


def _json_type(value: Any) -> AttrType | None:
    if isinstance(value, bool):
        return AttrType.bool
    if isinstance(value, (int, float)):
        return AttrType.number
    if isinstance(value, str):
        return AttrType.string
    return None


def _json_name(value: Any, lang: str = "en") -> str:
    names = {bool: ("true/false", "布尔值"), int: ("a number", "数字"), float: ("a number", "数字"),
             list: ("a list", "列表"), dict: ("an object", "对象")}
    en, zh = names.get(type(value), ("another value", "其他值"))
    return zh if lang.startswith("zh") else en


# -- JSON ------------------------------------------------------------------------

def add_json_event(batch: EventBatch, line: int, value: Any) -> None:
    """One decoded JSON value, which should be an event object."""
    if not isinstance(value, dict):
        batch.problems.add(line, None, "an event must be a JSON object like "
                           '{"customer_id": "C1", "event": "app_launch", "ts": "…"}',
                           '事件必须是 JSON 对象，例如 {"customer_id": "C1", "event": "app_launch", '
                           '"ts": "…"}')
        return
    for key in value:
        if key not in EVENT_FIELDS:
            batch.problems.add(line, printable(key)[:64], "unknown field (an event has "
                               "customer_id, event, ts and properties)",
                               "未知字段（事件的字段是 customer_id、event、ts 和 properties）")
    batch.add(line, *(value.get(key) for key in EVENT_FIELDS))


def add_json_lines(batch: EventBatch, text: str) -> None:
    """Every non-blank line of `text` as one event."""
    # Not str.splitlines: JSON strings may hold U+2028 and other line breaks raw.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:  # the event object is one level more than its properties
            value = loads_strict(line.removesuffix("\r"), MAX_DEPTH + 1)
        except ValueError as exc:
            batch.problems.add(number, None, *exc.args)
            continue
        add_json_event(batch, number, value)


# -- storing ---------------------------------------------------------------------

def write_events(store: Store, batch: EventBatch, progress: ProgressCallback = no_progress,
                 analyze: bool = False) -> ImportResult:
    """Store the batch's events (it must have no problems) in one transaction."""
    rows = batch.rows
    unknown = count_unknown_customers(store, {row[0] for row in rows})
    with store.writing() as conn:  # holds the write lock from its start: waits, not fails
        if conn.dialect.name == "postgresql":
            conn.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": INTAKE_LOCK})
        added = catalog_io.add_events(conn, batch.catalog_changes())
        for start in range(0, len(rows), BATCH):
            bulk.insert_rows(conn, schema.events, ("customer_id", "name", "ts", "properties"),
                             rows[start:start + BATCH])
            progress(min(start + BATCH, len(rows)), len(rows), "import events")
        clock = conn.execute(select(schema.store_meta.c.value)
                             .where(schema.store_meta.c.key == "clock")).scalar()
    if analyze:  # after a file, not after every request: the planner's view of the table
        bulk.analyze(store.engine, ("events",), best_effort=True)
    late = sum(1 for row in rows if row[2] <= int(clock)) if clock is not None else 0
    return ImportResult("events", len(rows), inserted=len(rows),
                        new_events=[e.name for e in added], late=late,
                        unknown_customers=unknown)


def count_unknown_customers(store: Store, customer_ids: set[str]) -> int:
    customers = table("customers", column("customer_id"))
    found = 0
    with store.engine.connect() as conn:
        for chunk in bulk.chunks(sorted(customer_ids)):
            found += len(conn.execute(select(customers.c.customer_id)
                                      .where(customers.c.customer_id.in_(chunk))).all())
    return len(customer_ids) - found


# -- a JSON-lines file -----------------------------------------------------------

def is_json_lines_file(path: str | os.PathLike) -> bool:
    return os.fspath(path).lower().endswith(JSON_LINES_SUFFIXES)


def import_json_lines(store: Store, path: str | os.PathLike,
                      progress: ProgressCallback = no_progress) -> ImportResult:
    """Import one events.jsonl file: every line checked first, then all or nothing."""
    path = os.fspath(path)
    text = _read_utf8(path)
    batch = EventBatch(store.catalog(), place="field")
    add_json_lines(batch, text)
    if not batch.rows and not batch.problems.errors:
        batch.problems.add(1, None, "the file holds no event", "文件中没有事件")
    batch.problems.raise_if_any(path)
    # A full disk rolls the file's one transaction back and is said plainly.
    with plain_disk_full(store_path(store.url), keep=(ImportFileError,)):
        result = write_events(store, batch, progress, analyze=True)
    store.refresh()
    return result


def _read_utf8(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(path, [RowError(0, None, f"cannot read the file ({exc.strerror})",
                                              f"无法读取文件（{exc.strerror}）")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # JSON text is UTF-8 (RFC 8259)
        line = data[:exc.start].count(b"\n") + 1
        raise ImportFileError(path, [RowError(line, None, "not UTF-8 text; JSON lines are UTF-8",
                                              "不是 UTF-8 文本；JSON lines 文件须为 UTF-8")]
                              ) from None
