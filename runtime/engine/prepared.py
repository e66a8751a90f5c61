"""Statements the engine runs many times, compiled once per run.

A tick runs ~100 statements, most of them the same ones every tick. Through
Core each execution walks the whole statement again to key SQLAlchemy's
cache and binds every parameter anew, which costs more than SQLite running
it. A `Prepared` statement is compiled once for the store's dialect; inside
a transaction it then goes as its SQL string straight to the driver's
cursor, in that transaction, and a failure is raised as Core raises it
(`run_on_driver`); outside one, through `Connection.exec_driver_sql`, which
begins it. `conn.execute(prepared, params)` works as for any statement, and
its result offers what the engine reads (rows as tuples, `rowcount`). Bound
values are read when it runs, so a bind with a callable (the tick's clock)
sees the value of the moment. (Cursor events do not see the driver path.)
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

# INSERT … SELECT counts survive psycopg closing the cursor (see `inserted`).
PRESERVE = {"preserve_rowcount": True}


class Prepared:
    def __init__(self, statement: Any, dialect: Dialect) -> None:
        self.statement = statement
        compiled = statement.compile(dialect=dialect)
        expanding = compiled.post_compile_params
        # Literal-rendered binds and an IN list read or given when it runs
        # change the SQL per execution, escaped names the keys: those go
        # through Core (which keeps the statement's compiled form).
        self.direct = not (compiled.literal_execute_params or compiled.escaped_bind_names
                           or compiled.insert_prefetch or compiled.update_prefetch
                           or any(b.callable is not None or b.value is None for b in expanding))
        self.sql, self.positional = compiled.string, compiled.positional
        processors = dict(compiled._bind_processors)  # what Core applies too
        fixed: dict[str, Any] = {}
        names = (compiled.positiontup if compiled.positional  # else the names the SQL uses
                 else list(dict.fromkeys(compiled.bind_names.values())))
        if expanding and self.direct:  # IN lists of fixed values: expanded once
            state = compiled._process_parameters_for_postcompile(
                compiled.construct_params(_check=False))  # values given later: not yet
            self.sql, fixed = state.statement, state.parameters
            processors.update(state.processors)
            names = state.positiontup if compiled.positional else list(state.parameters)
        # Per bound name: its bind (value read when it runs), else a fixed value.
        self.binds = [(name, compiled.binds.get(name), fixed.get(name), processors.get(name))
                      for name in names]
        self.processed = any(process is not None for *_, process in self.binds)
        # Most statements are positional, unprocessed and given nothing: their
        # values are the constants with the clock read in (a tick runs ~100).
        self.fast = self.positional and not self.processed
        self.constants = [value if bind is None else bind.value for _, bind, value, _ in self.binds]
        self.calls = [(i, bind.callable) for i, (_, bind, _, _) in enumerate(self.binds)
                      if bind is not None and bind.callable is not None]

    def values(self, given: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        if self.fast and not given:
            out = self.constants.copy()
            for i, call in self.calls:
                out[i] = call()
            return tuple(out)
        out = [given[name] if name in given
               else value if bind is None
               else bind.callable() if bind.callable is not None
               else bind.value
               for name, bind, value, _ in self.binds]
        if self.processed:
            out = [value if process is None else process(value)
                   for value, (*_, process) in zip(out, self.binds, strict=True)]
        if self.positional:
            return tuple(out)
        return {name: value for (name, *_), value in zip(self.binds, out, strict=True)}

    def _execute_on_connection(self, connection: Connection, distilled_params: list,
                               execution_options: Mapping[str, Any]) -> Any:
        """What `Connection.execute` calls on the object it is given."""
        if not self.direct:
            return connection.execute(self.statement, distilled_params or None,
                                      execution_options={**PRESERVE, **execution_options})
        many = len(distilled_params) > 1
        args: Any = ([self.values(p) for p in distilled_params] if many
                     else self.values(distilled_params[0] if distilled_params else EMPTY))
        if not connection.in_transaction() or connection.dialect.name not in DRIVERS:
            # Core begins the transaction (and runs the dialect's BEGIN) itself.
            return connection.exec_driver_sql(self.sql, args,
                                              execution_options={**PRESERVE, **execution_options})
        return run_on_driver(connection, self.sql, args, many)


EMPTY: Mapping[str, Any] = {}


# The drivers whose cursors `run_on_driver` knows (DB-API, qmark or pyformat).
DRIVERS = {"sqlite", "postgresql"}


def run_on_driver(connection: Connection, sql: str, args: Any, many: bool) -> DriverResult:
    """Straight to the driver's cursor in the connection's transaction, a
    failure raised as SQLAlchemy raises it (so journey isolation still tells
    a journey's own error from the store's)."""
    dbapi = connection.connection.driver_connection
    cursor = dbapi.cursor()
    try:
        if many:
            cursor.executemany(sql, args)
        else:
            cursor.execute(sql, args)
        rows = cursor.fetchall() if cursor.description is not None else []
        return DriverResult(rows, cursor.rowcount)
    except connection.dialect.loaded_dbapi.Error as exc:
        gone = connection.dialect.is_disconnect(exc, dbapi, cursor)
        if gone:  # as Core does: the pool must not hand this connection out again
            connection.invalidate(exc)
        raise DBAPIError.instance(sql, args, exc, connection.dialect.loaded_dbapi.Error,
                                  dialect=connection.dialect,
                                  connection_invalidated=gone) from exc
    finally:
        cursor.close()


class DriverResult:
    """The part of a result the engine reads: rows (tuples) and the row count."""

    def __init__(self, rows: list, rowcount: int) -> None:
        self.rows, self.rowcount = rows, rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def all(self) -> list:
        return list(self.rows)

    def first(self) -> Any:
        return self.rows[0] if self.rows else None

    def one(self) -> Any:
        if len(self.rows) != 1:
            raise ValueError(f"expected one row, got {len(self.rows)}")
        return self.rows[0]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def scalars(self) -> DriverResult:
        return DriverResult([row[0] for row in self.rows], self.rowcount)


def prepare(built: Any, dialect: Dialect) -> Any:
    """`built` (a statement, a list of them, or None) prepared."""
    if built is None:
        return None
    if isinstance(built, list | tuple):
        return [Prepared(s, dialect) for s in built]
    return Prepared(built, dialect)
