"""Set-based bulk writes: big executemany batches, one transaction each.

On SQLite the rows go straight to the driver (tuples, '?' placeholders),
which is several times faster than Core's per-row bind processing; values
must then already be in SQLite's storage form (dates as 'YYYY-MM-DD',
booleans as 0/1). Other backends go through Core with the same rows.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Any, Iterator, Sequence

from sqlalchemy import Connection, Date, Engine, Table

from . import schema


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
    date_columns = [i for i, c in enumerate(columns)
                    if isinstance(table.c[c].type, Date)]
    dicts = []
    for row in rows:
        values = dict(zip(columns, row))
        for i in date_columns:
            if isinstance(row[i], str):
                values[columns[i]] = date.fromisoformat(row[i])
        dicts.append(values)
    conn.execute(table.insert(), dicts)


@contextmanager
def events_indexes_dropped(engine: Engine) -> Iterator[None]:
    """Loading millions of events into an empty table is much faster
    without its indexes; they are rebuilt once at the end."""
    with engine.begin() as conn:
        empty = conn.execute(schema.events.select().limit(1)).first() is None
        if empty:
            for index in schema.events.indexes:
                index.drop(conn, checkfirst=True)
    try:
        yield
    finally:
        if empty:
            with engine.begin() as conn:
                for index in schema.events.indexes:
                    index.create(conn, checkfirst=True)

