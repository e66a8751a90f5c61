"""Prepared statements: compiled once, run through the driver, on both stores
(in a transaction straight on the driver's cursor, outside one through Core)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    MetaData,
    Table,
    Text,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.exc import StatementError

from runtime.engine.prepared import Prepared
from runtime.engine.state import instant_param
from tests.runtime.engine_fixtures import fresh_store

meta = MetaData()
rows = Table("rows", meta, Column("id", BigInteger, primary_key=True), Column("name", Text),
             Column("at", BigInteger), Column("day", Date))
copies = Table("copies", meta, Column("id", BigInteger), Column("name", Text))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    with fresh_store(request.param, tmp_path, request, "prepared") as store:
        yield store.engine


def filled(engine) -> None:
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(rows), [
            {"id": i, "name": n, "at": i * 10, "day": dt.date(2026, 1, i)}
            for i, n in enumerate(["a", "b", "c", "d"], start=1)])


@pytest.mark.parametrize("in_transaction", [True, False])
def test_a_bound_callable_is_read_each_time_it_runs(engine, in_transaction):
    filled(engine)
    now = [15]
    query = Prepared(select(rows.c.name).where(rows.c.at <= instant_param(lambda: now[0]))
                     .order_by(rows.c.id), engine.dialect)
    assert query.direct
    with engine.begin() if in_transaction else engine.connect() as conn:
        assert conn.execute(query).scalars().all() == ["a"]
        now[0] = 30
        assert conn.execute(query).scalars().all() == ["a", "b", "c"]


@pytest.mark.parametrize("in_transaction", [True, False])
def test_in_lists_and_typed_values_go_as_core_would_send_them(engine, in_transaction):
    filled(engine)
    query = Prepared(select(rows.c.id, rows.c.name).where(
        rows.c.name.in_(["b", "d"]), rows.c.day >= dt.date(2026, 1, 3)), engine.dialect)
    assert query.direct  # the IN list is expanded once, the date bound as Core binds it
    with engine.begin() if in_transaction else engine.connect() as conn:
        assert conn.execute(query).scalars().all() == [4]
        assert [tuple(r) for r in conn.execute(query)] == [(4, "d")]
        assert conn.execute(query).one()[1] == conn.execute(query).first()[1] == "d"


def test_the_driver_path_writes_in_the_connection_s_transaction(engine):
    filled(engine)
    rename = Prepared(update(rows).values(name="gone"), engine.dialect)
    with engine.connect() as conn, conn.begin() as tx:
        assert conn.execute(rename).rowcount == 4
        tx.rollback()
    with engine.connect() as conn:  # rolled back with it: nothing of it stays
        assert "gone" not in conn.execute(select(rows.c.name)).scalars().all()


def test_given_values_and_many_rows_at_once(engine):
    filled(engine)
    rename = Prepared(update(rows).where(rows.c.id == bindparam("b_id"))
                      .values(name=bindparam("b_name")), engine.dialect)
    with engine.begin() as conn:
        conn.execute(rename, [{"b_id": 1, "b_name": "x"}, {"b_id": 2, "b_name": "y"}])
        conn.execute(rename, {"b_id": 3, "b_name": "z"})
        assert conn.execute(select(rows.c.name).order_by(rows.c.id)).scalars().all() == [
            "x", "y", "z", "d"]


def test_an_insert_select_counts_its_rows_on_every_store(engine):
    filled(engine)
    copy = Prepared(insert(copies).from_select(["id", "name"], select(rows.c.id, rows.c.name)
                                                .where(rows.c.at > 15)), engine.dialect)
    with engine.begin() as conn:
        assert conn.execute(copy).rowcount == 3


def test_a_failing_statement_raises_as_through_core(engine):
    filled(engine)
    duplicate = Prepared(insert(rows).values(id=1, name="again", at=0), engine.dialect)
    with pytest.raises(StatementError), engine.begin() as conn:
        conn.execute(duplicate)
