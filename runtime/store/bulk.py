"""Set-based bulk writes: big executemany batches, one transaction each.

On SQLite the rows go straight to the driver (tuples, '?' placeholders),
which is several times faster than Core's per-row bind processing; values
must then already be in SQLite's storage form (dates as 'YYYY-MM-DD',
booleans as 0/1). Other backends go through Core with the same rows.
Reads of many keys go in `chunks`, so an IN list stays a bounded size.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Engine, Table

from . import schema

CHUNK = 5000


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """`items` in slices of at most `size` (one IN list each)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def insert_rows(conn: Connection, table: Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        prep = conn.dialect.identifier_preparer
        sql = (f"INSERT INTO {prep.quote(table.name)} ({', '.join(prep.quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        conn.exec_driver_sql(sql, rows)
        return
    conn.execute(table.insert(), _core_values(table, columns, rows))


def upsert_rows(conn: Connection, table: Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]], key: str = "customer_id") -> None:
    """Insert rows, or update the given columns of rows whose `key` exists."""
    if not rows:
        return
    others = [c for c in columns if c != key]
    if conn.dialect.name == "sqlite":
        prep = conn.dialect.identifier_preparer
        action = ("DO UPDATE SET " + ", ".join(f"{prep.quote(c)} = excluded.{prep.quote(c)}"
                                               for c in others)) if others else "DO NOTHING"
        sql = (f"INSERT INTO {prep.quote(table.name)} ({', '.join(prep.quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT ({prep.quote(key)}) {action}")
        conn.exec_driver_sql(sql, rows)
        return
    if conn.dialect.name != "postgresql":
        raise NotImplementedError(f"upsert is not supported on {conn.dialect.name}")
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    statement = pg_insert(table)
    if others:
        statement = statement.on_conflict_do_update(
            index_elements=[key], set_={c: statement.excluded[c] for c in others})
    else:
        statement = statement.on_conflict_do_nothing(index_elements=[key])
    conn.execute(statement, _core_values(table, columns, rows))


def _core_values(table: Table, columns: Sequence[str],
                 rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows in SQLite storage form → values Core binds on any backend
    ('YYYY-MM-DD' → date, 0/1 → bool)."""
    date_columns = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date)]
    bool_columns = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Boolean)]
    dicts = []
    for row in rows:
        values = dict(zip(columns, row))
        for i in date_columns:
            if isinstance(row[i], str):
                values[columns[i]] = date.fromisoformat(row[i])
        for i in bool_columns:
            if row[i] is not None:
                values[columns[i]] = bool(row[i])
        dicts.append(values)
    return dicts


@contextmanager
def events_indexes_dropped(engine: Engine) -> Iterator[None]:
    """Loading millions of events into an empty table is much faster
    without its indexes; they are rebuilt once at the end."""
    slow = list(schema.events.indexes)
    with engine.begin() as conn:
        empty = conn.execute(schema.events.select().limit(1)).first() is None
        if empty:
            for index in slow:
                index.drop(conn, checkfirst=True)
    try:
        yield
    finally:
        if empty:
            with engine.begin() as conn:
                for index in slow:
                    index.create(conn, checkfirst=True)



# -- staging files: rows bound in worker processes, copied in C by SQLite ------------

def write_stage(path: str, batches: dict[str, tuple[Sequence[str], list[tuple[Any, ...]]]]
                ) -> None:
    """Write rows into a new SQLite file, one untyped table per target table,
    so values keep the exact form they were bound with. Meant for worker
    processes: binding millions of values is the slow part of a bulk load."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        for name, (columns, rows) in batches.items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            db.execute(f'CREATE TABLE "{name}" ({quoted})')
            db.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in columns)})',
                           rows)
        db.execute("COMMIT")
    finally:
        db.close()


def copy_stage(engine: Engine, path: str, targets: dict[str, Sequence[str]]) -> None:
    """Append a staging file's tables to the store's tables of the same
    names, in row order, in one transaction (SQLite stores only)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("ATTACH DATABASE ? AS stage", (path,))
        try:
            cursor.execute("BEGIN")
            try:
                for name, columns in targets.items():
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    cursor.execute(f'INSERT INTO main."{name}" ({quoted}) '
                                   f'SELECT {quoted} FROM stage."{name}" ORDER BY rowid')
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
        finally:
            cursor.execute("DETACH DATABASE stage")
    finally:
        raw.close()
