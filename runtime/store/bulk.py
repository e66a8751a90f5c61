"""Set-based bulk writes: big executemany batches, one transaction each.

On SQLite the rows go straight to the driver (tuples, '?' placeholders),
which is several times faster than Core's per-row bind processing; values
must then already be in SQLite's storage form (dates as 'YYYY-MM-DD',
booleans as 0/1). On PostgreSQL with psycopg 3 the same rows are streamed
with COPY (upserts: COPY into a temporary table, then one INSERT … ON
CONFLICT from it), in the caller's transaction; other backends go through
Core. Reads of many keys go in `chunks`, so an IN list stays a bounded size.
After a bulk load, `analyze` refreshes the planner's statistics.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Engine, Table
from sqlalchemy.exc import DBAPIError

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
    if _copies(conn):
        _copy(conn, table.name, columns, _copy_values(table, columns, rows))
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
    if _copies(conn):
        _copy_upsert(conn, table, columns, rows, key, others)
        return
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


def _copies(conn: Connection) -> bool:
    """Can rows go in with COPY? (PostgreSQL through psycopg 3.)"""
    return conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"


def _copy_values(table: Table, columns: Sequence[str],
                 rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows in SQLite storage form → the values Core would bind (see
    `_core_values`), as tuples for COPY; rows without date or boolean
    columns are passed on as they are. None becomes NULL."""
    date_columns = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date)]
    bool_columns = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Boolean)]
    if not (date_columns or bool_columns):
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for i in date_columns:
            if isinstance(values[i], str):
                values[i] = date.fromisoformat(values[i])
        for i in bool_columns:
            if values[i] is not None:
                values[i] = bool(values[i])
        converted.append(values)
    return converted


def _copy(conn: Connection, table_name: str, columns: Sequence[str], rows) -> None:
    """COPY `rows` into `table_name` on the connection's psycopg 3 connection,
    inside the transaction the SQLAlchemy connection has (or is about to have)
    open: psycopg begins it on the first statement and SQLAlchemy commits it."""
    prep = conn.dialect.identifier_preparer
    statement = (f"COPY {prep.quote(table_name)} ({', '.join(prep.quote(c) for c in columns)}) "
                 "FROM STDIN")
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        write_row = copy.write_row
        for row in rows:
            write_row(row)


def _copy_upsert(conn: Connection, table: Table, columns: Sequence[str],
                 rows: list[tuple[Any, ...]], key: str, others: list[str]) -> None:
    """COPY the rows into a temporary table shaped like `table`'s columns, then
    one INSERT … ON CONFLICT from it; the temporary table is dropped again."""
    k = list(columns).index(key)
    if len({row[k] for row in rows}) != len(rows):
        # One INSERT may not touch a row twice; executemany would leave the last.
        rows = list({row[k]: row for row in rows}.values())
    prep = conn.dialect.identifier_preparer
    target, stage = prep.quote(table.name), prep.quote(f"_jc_stage_{table.name}")
    quoted = ", ".join(prep.quote(c) for c in columns)
    action = ("DO UPDATE SET " + ", ".join(f"{prep.quote(c)} = excluded.{prep.quote(c)}"
                                           for c in others)) if others else "DO NOTHING"
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {stage} AS SELECT {quoted} FROM {target} "
                         "WITH NO DATA")
    _copy(conn, f"_jc_stage_{table.name}", columns, _copy_values(table, columns, rows))
    conn.exec_driver_sql(f"INSERT INTO {target} ({quoted}) SELECT {quoted} FROM {stage} "
                         f"ON CONFLICT ({prep.quote(key)}) {action}")
    # (A failure aborts the transaction, whose rollback removes the table too.)
    conn.exec_driver_sql(f"DROP TABLE {stage}")


def analyze(engine: Engine, tables: Sequence[str], best_effort: bool = False) -> bool:
    """Refresh the planner's statistics of `tables` after a bulk load
    (SQLite: sampled, so it stays cheap on big tables). With `best_effort`, a
    failure (a full disk, say) is only reported by returning False: the rows
    are in, and stale statistics make queries slower, never wrong."""
    try:
        _analyze(engine, tables)
    except DBAPIError:
        if not best_effort:
            raise
        return False
    return True


def _analyze(engine: Engine, tables: Sequence[str]) -> None:
    with engine.begin() as conn:
        analyze_in(conn, tables)


def analyze_in(conn: Connection, names: Sequence[str]) -> None:
    """ANALYZE tables (or, on SQLite, indexes) in `conn`'s transaction."""
    prep = conn.dialect.identifier_preparer
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA analysis_limit=1000")
    for name in names:
        conn.exec_driver_sql(f"ANALYZE {prep.quote(name)}")


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
